import Foundation

/// Canonical read ACL texts by id. Rows of `read_acls` never change once written (a new policy gets a new id), so an
/// entry never goes stale and point reads skip the database.
final class ReadACLCache: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [Int64: String] = [:]
    /// Whether a principal passes an untimed read ACL (a timed one depends on the clock and is never kept).
    private var decisions: [Decision: Bool] = [:]

    struct Decision: Hashable {
        let acl: Int64
        let principal: Principal
    }

    func decision(_ acl: Int64, _ principal: Principal) -> Bool? { lock.withLock { decisions[Decision(acl: acl, principal: principal)] } }

    func store(_ allowed: Bool, acl: Int64, principal: Principal) {
        lock.withLock {
            if decisions.count > 100_000 { decisions.removeAll(keepingCapacity: true) }
            decisions[Decision(acl: acl, principal: principal)] = allowed
        }
    }

    func text(_ id: Int64) -> String? { lock.withLock { texts[id] } }

    func store(_ text: String, for id: Int64) {
        lock.withLock {
            if texts.count > 100_000 { texts.removeAll(keepingCapacity: true) }
            texts[id] = text
        }
    }
}
