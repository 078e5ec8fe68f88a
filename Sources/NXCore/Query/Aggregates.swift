import Foundation
import NXRuntime

/// One bucket of an aggregate.
public struct AggregateBucket: Sendable, Equatable {
    public var key: String
    public var docCount: Int
    /// Range bounds, for range aggregates (numbers, or ms for dates).
    public var from: Double?
    public var to: Double?
}

/// The computed aggregate, with the definition echoed as Nuxeo does (`query` with its `selection`).
public struct AggregateResult: Sendable {
    public var definition: AggregateDefinition
    public var selection: [String]
    public var buckets: [AggregateBucket]
}

/// An aggregate ready to run inside a read transaction: its bucket conditions are compiled SQL.
struct PreparedAggregate: Sendable {
    let definition: AggregateDefinition
    let selection: [String]
    /// The query its buckets count over (all selections but its own).
    let query: CompiledQuery
    let kind: Kind

    enum Kind: Sendable {
        case terms(AggregateSource, limit: Int)
        case ranges([(key: String, from: Double?, to: Double?, condition: SQLFragment)])
        case histogram(AggregateSource, interval: Double, date: Bool)
    }

    /// The same aggregate counting only documents with one of the `readable` read ACLs (nil: no restriction).
    func restricted(to readable: ReadFilter?) -> PreparedAggregate {
        PreparedAggregate(definition: definition, selection: selection, query: Repository.restrict(query, to: readable), kind: kind)
    }

    func run(_ tx: any DocumentReading) throws -> AggregateResult {
        var buckets: [AggregateBucket] = []
        switch kind {
        case .terms(let source, let limit):
            buckets = try tx.terms(query, value: source, limit: limit).map { AggregateBucket(key: $0.0, docCount: $0.1) }
        case .ranges(let ranges):
            let counts = try tx.countEach(query, conditions: ranges.map(\.condition))
            buckets = zip(ranges, counts).map { AggregateBucket(key: $0.key, docCount: $1, from: $0.from, to: $0.to) }
        case .histogram(let source, let interval, let date):
            let raw = try tx.terms(query, value: source, limit: 100_000)
            var counts: [Double: Int] = [:]
            for (key, n) in raw {
                guard let value = date ? NXDate.parse(key).map(Double.init) : Double(key) else { continue }
                let start = (value / interval).rounded(.down) * interval
                counts[start, default: 0] += n
            }
            buckets = counts.keys.sorted().map { start in
                let key = date ? NXDate.format(millis: Int64(start)) : Self.number(start)
                return AggregateBucket(key: key, docCount: counts[start] ?? 0, from: start, to: start + interval)
            }
        }
        return AggregateResult(definition: definition, selection: selection, buckets: buckets)
    }

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d) }
}

/// Elasticsearch-style date math: `now`, `now-1M`, `now-7d`, `now-24H`, `now+1y`, or a W3C date.
enum DateMath {
    static func millis(_ text: String, now: Int64) -> Int64? {
        guard text.hasPrefix("now") else { return NXDate.parse(text) }
        var value = now
        var rest = Substring(text.dropFirst(3))
        while let sign = rest.first, sign == "+" || sign == "-" {
            rest.removeFirst()
            let digits = rest.prefix { $0.isNumber }
            rest.removeFirst(digits.count)
            guard let amount = Int64(digits), let unit = rest.popFirst() else { return nil }
            let ms: Int64
            switch unit {
            case "s": ms = 1000
            case "m": ms = 60_000
            case "h", "H": ms = 3_600_000
            case "d": ms = 86_400_000
            case "w": ms = 7 * 86_400_000
            case "M": ms = 30 * 86_400_000
            case "y": ms = 365 * 86_400_000
            default: return nil
            }
            value += (sign == "+" ? 1 : -1) * amount * ms
        }
        return rest.isEmpty ? value : nil
    }
}

extension Repository {
    /// The bucket width of a histogram (ms for `date_histogram`: `day`, `month`, … or a date-math amount like `7d`).
    func histogramInterval(_ aggregate: AggregateDefinition) throws -> Double {
        let text = aggregate.properties["interval"] ?? (aggregate.type == "date_histogram" ? "month" : "1")
        if aggregate.type == "date_histogram" {
            let day = 86_400_000.0
            switch text {
            case "second": return 1000
            case "minute": return 60_000
            case "hour": return 3_600_000
            case "day": return day
            case "week": return 7 * day
            case "month": return 30 * day
            case "quarter": return 91 * day
            case "year": return 365 * day
            default:
                if let ms = DateMath.millis("now+" + text, now: 0), ms > 0 { return Double(ms) }
                throw NXError.invalid("Invalid date_histogram interval: \(text)")
            }
        }
        guard let interval = Double(text), interval > 0 else { throw NXError.invalid("Invalid histogram interval: \(text)") }
        return interval
    }

    /// Compiles the bucket logic of an aggregate against `query`.
    func prepare(_ aggregate: AggregateDefinition, selection: [String], query: CompiledQuery) throws -> PreparedAggregate {
        let compiler = NXQLCompiler(registry: registry, dialect: store.dialect)
        let resolved: NXQLCompiler.Resolved
        do { resolved = try compiler.resolve(aggregate.parameter) } catch let error as NXQLError {
            throw NXError.invalid("Invalid aggregate \(aggregate.id): \(error)")
        }
        let source: AggregateSource
        let valueSQL: String
        switch resolved {
        case .scalar(let sql, _):
            source = .scalar(sql)
            valueSQL = sql
        case .elements(let arrayPath, let elementPath, _, _):
            source = .elements(arrayPath: arrayPath, elementPath: JSONPath.element(elementPath))
            valueSQL = ""
        case .path:
            source = .scalar("d.path")
            valueSQL = "d.path"
        default:
            throw NXError.invalid("Invalid aggregate \(aggregate.id): \(aggregate.parameter) cannot be aggregated")
        }
        switch aggregate.type {
        case "terms":
            let size = Int(aggregate.properties["size"] ?? "") ?? 10
            return PreparedAggregate(definition: aggregate, selection: selection, query: query, kind: .terms(source, limit: size > 0 ? size : 10_000))
        case "range", "date_range":
            guard !valueSQL.isEmpty else { throw NXError.invalid("Invalid aggregate \(aggregate.id): ranges need a scalar property") }
            let isDate = aggregate.type == "date_range"
            var ranges: [(key: String, from: Double?, to: Double?, condition: SQLFragment)] = []
            for range in aggregate.ranges {
                var sql: [String] = []
                var args: [SQLValue] = []
                var from: Double?, to: Double?
                func bound(_ text: String) throws -> (SQLValue, Double) {
                    if isDate {
                        guard let ms = DateMath.millis(text, now: now()) else { throw NXError.invalid("Invalid date range bound: \(text)") }
                        return (.text(NXDate.format(millis: ms)), Double(ms))
                    }
                    guard let d = Double(text) else { throw NXError.invalid("Invalid range bound: \(text)") }
                    return (.double(d), d)
                }
                if let f = range.from {
                    let (value, number) = try bound(f)
                    sql.append("\(valueSQL) >= ?")
                    args.append(value)
                    from = number
                }
                if let t = range.to {
                    let (value, number) = try bound(t)
                    sql.append("\(valueSQL) < ?")
                    args.append(value)
                    to = number
                }
                let condition = sql.isEmpty ? SQLFragment("\(valueSQL) IS NOT NULL") : SQLFragment(sql.joined(separator: " AND "), args)
                ranges.append((range.key, from, to, condition))
            }
            return PreparedAggregate(definition: aggregate, selection: selection, query: query, kind: .ranges(ranges))
        case "histogram", "date_histogram":
            return PreparedAggregate(definition: aggregate, selection: selection, query: query,
                                     kind: .histogram(source, interval: try histogramInterval(aggregate), date: aggregate.type == "date_histogram"))
        default:
            throw NXError.invalid("Unknown aggregate type: \(aggregate.type)")
        }
    }
}
