import Foundation
import NIOConcurrencyHelpers

/// Rate limiting of failed logins, per client address and per user name. Each key counts its failures in a fixed
/// window; a key that reached `maxFailures` is refused (429 with `Retry-After`) until its window ends, without
/// checking the password, so guessing costs the attacker time and the server no bcrypt work.
final class LoginThrottle: Sendable {
    /// Limits: `maxFailures` failed logins per key within `window` seconds (0 disables the throttle).
    struct Policy: Sendable {
        var maxFailures: Int
        var window: Int64

        init(maxFailures: Int = 20, window: Int64 = 60) {
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    struct Bucket {
        var failures: Int
        var windowStart: Int64
    }

    /// Keys tracked at most; past it, expired buckets are dropped (and, if still full, the oldest).
    static let maxKeys = 100_000

    let policy: Policy
    private let buckets = NIOLockedValueBox([String: Bucket]())
    private let clock: @Sendable () -> Int64

    init(policy: Policy, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.policy = policy
        self.clock = clock
    }

    /// Seconds to wait when any of `keys` is over its limit; nil when the attempt may proceed.
    func retryAfter(_ keys: [String]) -> Int64? {
        guard policy.maxFailures > 0 else { return nil }
        let now = clock()
        return buckets.withLockedValue { buckets in
            keys.compactMap { key -> Int64? in
                guard let bucket = buckets[key], now < bucket.windowStart + policy.window, bucket.failures >= policy.maxFailures else {
                    return nil
                }
                return max(1, bucket.windowStart + policy.window - now)
            }.max()
        }
    }

    /// Counts one failed login against each of `keys`.
    func recordFailure(_ keys: [String]) {
        guard policy.maxFailures > 0 else { return }
        let now = clock()
        buckets.withLockedValue { buckets in
            if buckets.count >= Self.maxKeys { Self.prune(&buckets, now: now, window: policy.window) }
            for key in keys {
                if var bucket = buckets[key], now < bucket.windowStart + policy.window {
                    bucket.failures += 1
                    buckets[key] = bucket
                } else {
                    buckets[key] = Bucket(failures: 1, windowStart: now)
                }
            }
        }
    }

    static func prune(_ buckets: inout [String: Bucket], now: Int64, window: Int64) {
        buckets = buckets.filter { now < $0.value.windowStart + window }
        if buckets.count >= maxKeys, let oldest = buckets.min(by: { $0.value.windowStart < $1.value.windowStart }) {
            buckets.removeValue(forKey: oldest.key)
        }
    }

    /// The keys of an attempt: the client address and, when known, the user name.
    static func keys(client: String?, user: String?) -> [String] {
        ["client:" + (client ?? "unknown")] + (user.map { ["user:" + $0] } ?? [])
    }
}
