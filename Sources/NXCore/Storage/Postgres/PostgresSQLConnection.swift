import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A postgres-nio connection as an `SQLConnection`, used from a thread of the store's blocking pool (never an event
/// loop): each statement waits for its result.
///
/// Parameters are bound as untyped text (type OID 0), so PostgreSQL infers each one's type from where it stands, as
/// SQLite takes any value anywhere: the shared statements need no casts for columns, and `?` placeholders are numbered
/// `$1…` outside literals, quoted identifiers and comments.
final class PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    private var savepoints = 0

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: any SQLDialect { PostgresDialect.shared }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return result.rows.map { row in SQLRow(values: row.map(Self.value), columns: columns) }
    }

    func savepoint(_ body: () throws -> Void) throws {
        savepoints += 1
        let name = "nx_savepoint_\(savepoints)"
        defer { savepoints -= 1 }
        try run("SAVEPOINT \(name)", [])
        do {
            try body()
            try run("RELEASE SAVEPOINT \(name)", [])
        } catch {
            try run("ROLLBACK TO SAVEPOINT \(name)", [])
            throw error
        }
    }

    /// Runs one statement and waits for all its rows.
    @discardableResult
    func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let i): binds.append(UntypedText(String(i)))
            case .double(let d): binds.append(UntypedText(d.isFinite ? "\(d)" : (d.isNaN ? "NaN" : d > 0 ? "Infinity" : "-Infinity")))
            case .text(let s): binds.append(UntypedText(s))
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds)
        return try connection.query(query, logger: logger).wait()
    }

    /// `?` placeholders as `$1, $2, …`, skipping string literals, quoted identifiers and `--` comments.
    static func numbered(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        var comment = false
        for character in sql {
            if comment {
                if character == "\n" { comment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-", result.last == "-" {
                comment = true
            } else if character == "?" {
                number += 1
                result += "$\(number)"
                continue
            }
            result.append(character)
        }
        return result
    }

    /// A result cell as an `SQLValue`, by its type: integers, floats, numerics (integral ones as integers), booleans
    /// (0/1), bytea; everything else (text, JSONB, …) as text.
    static func value(_ cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return (try? cell.decode(Int64.self)).map(SQLValue.integer) ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(SQLValue.double) ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { .integer($0 ? 1 : 0) } ?? .null
        case .numeric:
            guard let decimal = try? cell.decode(Decimal.self) else { return .null }
            var rounded = Decimal(), copy = decimal
            NSDecimalRound(&rounded, &copy, 0, .plain)
            if rounded == decimal, abs(decimal) < Decimal(Int64.max) { return .integer(NSDecimalNumber(decimal: decimal).int64Value) }
            return .double(NSDecimalNumber(decimal: decimal).doubleValue)
        case .bytea:
            guard let bytes = cell.bytes else { return .null }
            return .blob(Data(bytes.readableBytesView))
        case .jsonb where cell.format == .binary:
            // Binary JSONB: a version byte, then the JSON text.
            guard var bytes = cell.bytes, bytes.readInteger(as: UInt8.self) != nil else { return .null }
            return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        default:
            if let text = try? cell.decode(String.self) { return .text(text) }
            guard var bytes = cell.bytes else { return .null }
            return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
    }
}

/// A parameter sent as text with no declared type: the server infers it from the statement.
struct UntypedText: PostgresDynamicTypeEncodable {
    let text: String

    init(_ text: String) { self.text = text }

    var psqlType: PostgresDataType { .null }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}
