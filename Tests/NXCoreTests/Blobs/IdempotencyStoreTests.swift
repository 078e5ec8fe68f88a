import Foundation
import Testing
@testable import NXCore

@Suite struct IdempotencyStoreTests {
    @Test func aKeyIsClaimedOnceThenInProgressThenReplayed() async throws {
        let f = try await BlobFixture()
        let store = IdempotencyStore(store: f.store)
        #expect(try await store.claim("k") == .claimed)
        #expect(try await store.claim("k") == .inProgress)
        let response = IdempotencyStore.StoredResponse(status: 201, headers: [["Content-Type", "application/json"]], body: Array("{}".utf8))
        try await store.complete("k", response)
        #expect(try await store.claim("k") == .completed(response))
        try await store.release("k")
        #expect(try await store.claim("k") == .claimed)
    }

    @Test func keysExpire() async throws {
        let clock = TestClock(1_000)
        let f = try await BlobFixture()
        let store = IdempotencyStore(store: f.store, timeToLive: 100, now: { clock.now })
        #expect(try await store.claim("k") == .claimed)
        clock.now += 1_000
        #expect(try await store.claim("k") == .claimed)
    }
}
