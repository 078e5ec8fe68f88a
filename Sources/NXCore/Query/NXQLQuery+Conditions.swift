extension NXQLQuery {
    /// This query with `conditions` ANDed to its `WHERE`.
    ///
    /// The existing condition stays one node of the conjunction, so `A OR B` constrained by `F` means `(A OR B) AND F`,
    /// never `A OR (B AND F)`; each added condition is one node as well. Composition adds no nesting: the conjunction is
    /// n-ary and the compiler flattens nested `AND` chains into one flat SQL chain. Select list, types, `ORDER BY`,
    /// `LIMIT` and `OFFSET` are kept.
    public func constrained(by conditions: [NXQLExpression]) -> NXQLQuery {
        guard !conditions.isEmpty else { return self }
        var query = self
        let terms = (whereClause.map { [$0] } ?? []) + conditions
        query.whereClause = terms.count == 1 ? terms[0] : .and(terms)
        return query
    }
}

extension NXQLExpression {
    /// `1 = 0`: a condition no document meets (a selection none of whose keys is a bucket).
    static let never = NXQLExpression.compare(.literal(.integer(1)), "=", .literal(.integer(0)))

    /// `1 = 1`: a condition every document meets.
    static let always = NXQLExpression.compare(.literal(.integer(1)), "=", .literal(.integer(1)))

    /// The conjunction of `terms`, `always` when there are none.
    static func all(_ terms: [NXQLExpression]) -> NXQLExpression {
        switch terms.count {
        case 0: return .always
        case 1: return terms[0]
        default: return .and(terms)
        }
    }

    /// The disjunction of `terms`, `never` when there are none.
    static func any(_ terms: [NXQLExpression]) -> NXQLExpression {
        switch terms.count {
        case 0: return .never
        case 1: return terms[0]
        default: return .or(terms)
        }
    }
}
