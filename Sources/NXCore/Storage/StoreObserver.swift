/// What the store reports of each transaction, for metrics: how long it waited for a connection and how long it ran.
public protocol StoreObserver: Sendable {
    /// A read or write transaction ended (`failed`: it threw).
    func storeTransaction(write: Bool, waited: Duration, ran: Duration, failed: Bool)
}
