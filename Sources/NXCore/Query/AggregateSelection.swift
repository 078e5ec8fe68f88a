import NXRuntime

/// The selection of one aggregate in a request (`dc_nature_agg=["article"]`): the bucket keys chosen and the condition
/// they put on the results, built as a tree (values are literals of the tree, never NXQL text).
struct AggregateSelection: Sendable {
    /// The aggregate's id.
    let id: String
    /// The selected bucket keys, as sent.
    let keys: [String]
    /// What a document must meet to be in one of the selected buckets.
    let condition: NXQLExpression
}

extension Repository {
    /// The selections the request makes: aggregates whose selection parameter holds a JSON list (or one plain key).
    func selections(_ definition: PageProviderDefinition, _ parameters: PageProviderParameters) throws -> [AggregateSelection] {
        var selections: [AggregateSelection] = []
        for aggregate in definition.aggregates {
            guard let text = parameters.named[aggregate.field.key], let keys = PageProviderQuery.jsonList(text) ?? (text.isEmpty ? nil : [text]),
                  !keys.isEmpty else { continue }
            selections.append(AggregateSelection(id: aggregate.id, keys: keys, condition: try selectionCondition(aggregate, keys)))
        }
        return selections
    }

    /// The condition of selecting `keys` of `aggregate`: terms `IN`, ranges and histogram buckets `>= from AND < to`, ORed;
    /// keys that name no bucket select nothing.
    func selectionCondition(_ aggregate: AggregateDefinition, _ keys: [String]) throws -> NXQLExpression {
        let property = NXQLOperand.property(aggregate.parameter)
        func bounded(from: NXQLLiteral?, to: NXQLLiteral?) -> NXQLExpression {
            var bounds: [NXQLExpression] = []
            if let from { bounds.append(.compare(property, ">=", .literal(from))) }
            if let to { bounds.append(.compare(property, "<", .literal(to))) }
            return bounds.isEmpty ? .isNull(property, negated: true) : .all(bounds)
        }
        switch aggregate.type {
        case "terms":
            return .in(property, keys.map { .string($0) }, negated: false)
        case "range", "date_range":
            let isDate = aggregate.type == "date_range"
            var buckets: [NXQLExpression] = []
            for key in keys {
                guard let range = aggregate.ranges.first(where: { $0.key == key }) else { continue }
                buckets.append(bounded(from: try range.from.map { try boundLiteral($0, date: isDate) },
                                       to: try range.to.map { try boundLiteral($0, date: isDate) }))
            }
            return .any(buckets)
        case "histogram", "date_histogram":
            let isDate = aggregate.type == "date_histogram"
            let interval = try histogramInterval(aggregate)
            let buckets = keys.compactMap { key -> NXQLExpression? in
                guard let start = isDate ? NXDate.parse(key).map(Double.init) : Double(key) else { return nil }
                if isDate { return bounded(from: .timestamp(Int64(start)), to: .timestamp(Int64(start + interval))) }
                return bounded(from: Self.numberLiteral(start), to: Self.numberLiteral(start + interval))
            }
            return .any(buckets)
        default:
            throw NXError.invalid("Unknown aggregate type: \(aggregate.type)")
        }
    }

    /// A range bound as a literal: date math (`now-1M`) or a W3C date for date ranges, a number otherwise.
    func boundLiteral(_ text: String, date: Bool) throws -> NXQLLiteral {
        if date {
            guard let ms = DateMath.millis(text, now: now()) else { throw NXError.invalid("Invalid date range bound: \(text)") }
            return .timestamp(ms)
        }
        if let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { throw NXError.invalid("Invalid range bound: \(text)") }
        return .double(number)
    }

    /// A number as NXQL writes it: an integer when it is one.
    static func numberLiteral(_ d: Double) -> NXQLLiteral {
        d == d.rounded() && abs(d) < 1e15 ? .integer(Int64(d)) : .double(d)
    }
}
