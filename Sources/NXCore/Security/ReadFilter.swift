import Foundation

/// The documents a principal may read, as a SQL condition on a read ACL id column.
///
/// The untimed read ACLs the principal's set of ACE names passes are precomputed in `read_acl_grants` (when the set is
/// first seen, and for every set when a new read ACL is created), so the condition is a join on that table: its size
/// does not grow with the number of read ACLs in the repository. The read ACLs with a time window depend on the clock:
/// those that grant the principal at the time of the request are listed (`timed`).
public struct ReadFilter: Sendable, Hashable {
    /// The principal set's id (`read_acl_sets.id`).
    public let principalSet: Int64
    /// The timed read ACLs that grant the principal now.
    public let timed: [Int64]
    /// The store's SQL for "one of the set's grants", `§` standing for the column (`SQLDialect.readGranted`).
    let granted: String

    init(principalSet: Int64, timed: [Int64], dialect: any SQLDialect) {
        self.principalSet = principalSet
        self.timed = timed
        granted = dialect.readGranted("§")
    }

    /// `column` is the id of a read ACL the principal passes.
    func condition(_ column: String) -> SQLFragment {
        let granted = self.granted.replacingOccurrences(of: "§", with: column)
        guard !timed.isEmpty else { return SQLFragment(granted, [.integer(principalSet)]) }
        let list = timed.map { _ in "?" }.joined(separator: ", ")
        return SQLFragment("(\(granted) OR \(column) IN (\(list)))", [.integer(principalSet)] + timed.map { .integer($0) })
    }
}

/// Principal sets already recorded in the store: canonical names → id (ids never change, rows are never deleted).
final class PrincipalSetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: Int64] = [:]

    func id(_ names: String) -> Int64? { lock.withLock { ids[names] } }

    func store(_ id: Int64, for names: String) {
        lock.withLock {
            if ids.count > 100_000 { ids.removeAll(keepingCapacity: true) }
            ids[names] = id
        }
    }
}
