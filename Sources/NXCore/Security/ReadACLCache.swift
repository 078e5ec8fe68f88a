import Foundation

/// Canonical read ACL texts by id. Rows of `read_acls` never change once written (a new policy gets a new id), so an
/// entry never goes stale and point reads skip the database.
final class ReadACLCache: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [Int64: String] = [:]

    func text(_ id: Int64) -> String? { lock.withLock { texts[id] } }

    func store(_ text: String, for id: Int64) {
        lock.withLock {
            if texts.count > 100_000 { texts.removeAll(keepingCapacity: true) }
            texts[id] = text
        }
    }
}
