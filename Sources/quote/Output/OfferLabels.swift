import QuoteCore

/// The words of an offer (the table, the text and the HTML offers) in each language.
struct OfferLabels: Sendable {
    var title, asOf, validUntil, customer, deliveryTo, pickup, prices: String
    var columns: [String]
    var asked, needed, sold, from, ready, depositNote: String
    var delivery, arrives, km, goods, deliveryTotal, deposit, net, vat, total, vatIncluded: String
    var deliveryDate, pickupDate, payment, prepayment, creditWithin, creditBy: String
    var alternative, withVAT, delivered, managerNotes, managerSources, defaultSKU, alsoNames, andMore: String
    var why, internalView, cost, margin, credit, creditAfter, offerNumber, date, validity, seller, inn, address, phone: String
    var squareMetresOfWall: String

    static let en = OfferLabels(
        title: "Quote", asOf: "As of", validUntil: "valid until", customer: "Customer", deliveryTo: "delivery to",
        pickup: "pickup", prices: "prices in",
        columns: ["#", "SKU", "Product", "Quantity", "Unit price", "Discount", "Amount"],
        asked: "asked", needed: "needed", sold: "sold", from: "from", ready: "ready",
        depositNote: "deposit, refunded when the pallets come back; no VAT",
        delivery: "Delivery", arrives: "arrives", km: "km", goods: "Goods", deliveryTotal: "Delivery", deposit: "Pallet deposit",
        net: "Net", vat: "VAT", total: "Total", vatIncluded: "Including VAT", deliveryDate: "Delivery date",
        pickupDate: "Ready for pickup", payment: "Payment", prepayment: "100 % prepayment", creditWithin: "within",
        creditBy: "of delivery, by", alternative: "Alternative", withVAT: "with VAT", delivered: "delivered",
        managerNotes: "For the manager only — not for the customer", managerSources: "Sources",
        defaultSKU: "is quoted as its default", alsoNames: "it also names", andMore: "more",
        why: "Why", internalView: "Costs and margins", cost: "cost", margin: "margin", credit: "Credit limit",
        creditAfter: "left after this order", offerNumber: "Offer No.", date: "Date", validity: "Valid until",
        seller: "Seller", inn: "INN", address: "Address", phone: "Phone", squareMetresOfWall: "m² of wall")

    static let ru = OfferLabels(
        title: "Коммерческое предложение", asOf: "Дата", validUntil: "действительно до", customer: "Покупатель",
        deliveryTo: "доставка:", pickup: "самовывоз", prices: "цены в",
        columns: ["№", "Артикул", "Товар", "Кол-во", "Цена", "Скидка", "Сумма"],
        asked: "запрошено", needed: "требуется", sold: "продаётся", from: "откуда:", ready: "готово",
        depositNote: "залог, возвращается при возврате поддонов; без НДС",
        delivery: "Доставка", arrives: "прибытие", km: "км", goods: "Товары", deliveryTotal: "Доставка", deposit: "Залог за поддоны",
        net: "Итого без НДС", vat: "НДС", total: "Всего с НДС", vatIncluded: "В том числе НДС", deliveryDate: "Дата доставки",
        pickupDate: "Готово к самовывозу", payment: "Оплата", prepayment: "100 % предоплата", creditWithin: "отсрочка",
        creditBy: "после доставки, до", alternative: "Другой вариант", withVAT: "с НДС", delivered: "доставка",
        managerNotes: "Только для менеджера — не для покупателя", managerSources: "Источники",
        defaultSKU: "— выбран основной артикул", alsoNames: "под этим названием также", andMore: "ещё",
        why: "Почему так", internalView: "Себестоимость и маржа", cost: "себестоимость", margin: "маржа", credit: "Кредитный лимит",
        creditAfter: "останется после заказа", offerNumber: "№", date: "Дата", validity: "Действительно до",
        seller: "Поставщик", inn: "ИНН", address: "Адрес", phone: "Телефон", squareMetresOfWall: "м² стены")

    static func of(_ language: Language) -> OfferLabels { language == .ru ? ru : en }
}
