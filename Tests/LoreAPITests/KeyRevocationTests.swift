import Foundation
import Testing
import LoreApp
import LoreCore
import LoreTestSupport

/// A key revoked by one Lore process stops working in every other at once, although each
/// caches the keys it has checked (two runtimes here stand for two processes).
@Suite struct KeyRevocationTests {
    @Test func aKeyRevokedElsewhereStopsWorkingHereAtOnce() async throws {
        let operatorSide = try await TestRuntime.make()
        let server = try await TestRuntime.make()
        let created = try await operatorSide.organizations.create(name: "Revocations", slug: nil, tier: .free, actor: "test")
        let owner = Caller(org: created.organization.id, role: .owner)
        let key = try await operatorSide.apiKeys.create(caller: owner, name: "doomed", role: .viewer, expiresAt: nil)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await APIKeyRevocations(database: server.database, authenticator: server.authenticator, logger: TestCluster.logger).run()
            }
            try await Task.sleep(for: .seconds(1))  // the listener is connected (it forgets everything when it is)
            #expect(try await server.authenticator.authenticate(apiKey: key.secret).keyID == key.key.id)  // now cached here

            try await operatorSide.apiKeys.revoke(caller: owner, keyID: key.key.id)
            var refused = false
            for _ in 0..<50 where !refused {
                do {
                    _ = try await server.authenticator.authenticate(apiKey: key.secret)
                    try await Task.sleep(for: .milliseconds(100))
                } catch let error as LoreError where error.code == .invalidAPIKey {
                    refused = true
                }
            }
            #expect(refused, "the revoked key still authenticates after 5 s (the cache keeps keys 30 s)")
            group.cancelAll()
        }
    }
}
