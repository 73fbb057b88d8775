extension Source {
    /// What the customer is told about where the goods come from: the source's `publicName`, else a
    /// neutral name by kind ("our warehouse", "the manufacturer"), never a supplier's own name.
    public var customerName: MessageArg {
        if let publicName, !publicName.isEmpty { return .text(publicName) }
        return .message(Message(kind == .warehouse ? "source.warehouse" : "source.supplier"))
    }
}
