@testable import NXServer
import NIOConcurrencyHelpers
import Testing

/// Failed-login throttling: per key, in fixed windows, with the seconds left to wait.
@Suite struct LoginThrottleTests {
    final class Clock: Sendable {
        let now = NIOLockedValueBox<Int64>(1000)
        func advance(_ seconds: Int64) { now.withLockedValue { $0 += seconds } }
    }

    @Test func blocksAKeyAfterItsLimitUntilTheWindowEnds() {
        let clock = Clock()
        let throttle = LoginThrottle(policy: .init(maxFailures: 3, window: 60)) { clock.now.withLockedValue { $0 } }
        let keys = LoginThrottle.keys(client: "10.0.0.1", user: "joe")
        for _ in 0..<3 {
            #expect(throttle.retryAfter(keys) == nil)
            throttle.recordFailure(keys)
        }
        #expect(throttle.retryAfter(keys) == 60)
        // Another client guessing joe's password is refused too (per user), a fresh client for another user is not.
        #expect(throttle.retryAfter(LoginThrottle.keys(client: "10.0.0.2", user: "joe")) == 60)
        #expect(throttle.retryAfter(LoginThrottle.keys(client: "10.0.0.2", user: "ann")) == nil)
        clock.advance(45)
        #expect(throttle.retryAfter(keys) == 15)
        clock.advance(15)
        #expect(throttle.retryAfter(keys) == nil)
    }

    @Test func zeroDisablesTheThrottle() {
        let throttle = LoginThrottle(policy: .init(maxFailures: 0, window: 60))
        let keys = LoginThrottle.keys(client: nil, user: nil)
        for _ in 0..<100 { throttle.recordFailure(keys) }
        #expect(throttle.retryAfter(keys) == nil)
    }
}
