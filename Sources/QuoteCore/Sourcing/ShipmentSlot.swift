/// Why no combination could be delivered.
enum DeliveryProblem: Error {
    case noRoute(source: Source)
    case noVehicle(source: Source, body: VehicleBody)
}

/// A place goods can leave from for one request: a source and a kind of truck, with its dates and
/// the trucks that can make the trip.
struct ShipmentSlot {
    let source: Source
    let body: VehicleBody
    let readyDate: CivilDate
    let deliveryDate: CivilDate
    let distanceKm: Int64
    /// Trucks that can make the trip and the price of one trip (surcharges per trip included).
    let vehicles: [(vehicle: Vehicle, tripPrice: Money)]
    /// Why it cannot deliver, if it cannot.
    let problem: DeliveryProblem?
    let weekend: Bool
    /// VAT in force on the day the goods are shipped (delivered; ready, for pickup).
    let vatRate: Rate
}
