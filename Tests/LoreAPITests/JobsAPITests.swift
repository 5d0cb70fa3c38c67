import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoreAPI
import LoreCore
import LoreDatabase
import LoreJobs
import Testing

/// `/v1/jobs`: tenant-scoped listing, inspection, retry and cancel with roles; system stats.
@Suite struct JobsAPITests {
    struct APITestJob: JobHandler {
        struct Payload: Codable, Sendable { var value: Int }
        static let kind: JobKind = "test.api"
        func run(_ payload: Payload, context: JobContext) async throws {}
    }

    /// Enqueues a job for `org` the way application code does.
    func enqueue(_ harness: APIHarness, org: String, value: Int, priority: JobPriority = .normal) async throws -> String {
        let id = try await harness.runtime.database.withOrg(OrgID(org)!) { tx in
            try await tx.enqueue(APITestJob.self, .init(value: value), priority: priority)
        }
        return try #require(id).description
    }

    @Test func organisationsSeeOnlyTheirOwnJobs() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (orgA, keyA) = try await harness.createOrg(client)
            let (orgB, keyB) = try await harness.createOrg(client)
            let jobA = try await enqueue(harness, org: orgA, value: 1)
            let jobB = try await enqueue(harness, org: orgB, value: 2, priority: .high)

            let list = try await client.execute(uri: "/v1/jobs", method: .get, headers: APIHarness.bearer(keyA))
            #expect(list.status == .ok)
            let items = try #require(try APIHarness.object(list)["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [jobA])
            #expect(items.first?["status"] as? String == "pending")
            #expect((items.first?["payload"] as? [String: Any])?["value"] as? Int == 1)
            #expect(items.first?["priority_name"] as? String == "normal")

            let own = try await client.execute(uri: "/v1/jobs/\(jobA)", method: .get, headers: APIHarness.bearer(keyA))
            #expect(own.status == .ok)
            // Another organisation's job is not found, for every verb; so is a malformed id.
            for (uri, method) in [("/v1/jobs/\(jobB)", HTTPRequest.Method.get), ("/v1/jobs/\(jobB)/retry", .post),
                                  ("/v1/jobs/\(jobB)/cancel", .post), ("/v1/jobs/not-a-uuid", .get)] {
                let response = try await client.execute(uri: uri, method: method, headers: APIHarness.bearer(keyA))
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(APIHarness.errorCode(response) == "job_not_found")
            }
            #expect(try await client.execute(uri: "/v1/jobs/\(jobB)", method: .get, headers: APIHarness.bearer(keyB)).status == .ok)
            let filtered = try await client.execute(uri: "/v1/jobs?priority=1&status=pending", method: .get, headers: APIHarness.bearer(keyB))
            #expect((try APIHarness.object(filtered)["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func viewersReadAndAdminsCancelAndRetry() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (org, owner) = try await harness.createOrg(client)
            let viewer = try await harness.createKey(client, using: owner, role: "viewer")
            let admin = try await harness.createKey(client, using: owner, role: "admin")
            let job = try await enqueue(harness, org: org, value: 3)

            #expect(try await client.execute(uri: "/v1/jobs/\(job)", method: .get, headers: APIHarness.bearer(viewer)).status == .ok)
            let forbidden = try await client.execute(uri: "/v1/jobs/\(job)/cancel", method: .post, headers: APIHarness.bearer(viewer))
            #expect(forbidden.status == .forbidden)

            let cancelled = try await client.execute(uri: "/v1/jobs/\(job)/cancel", method: .post, headers: APIHarness.bearer(admin))
            #expect(cancelled.status == .ok)
            #expect(try APIHarness.object(cancelled)["status"] as? String == "cancelled")
            let again = try await client.execute(uri: "/v1/jobs/\(job)/cancel", method: .post, headers: APIHarness.bearer(admin))
            #expect(again.status == .conflict)
            #expect(APIHarness.errorCode(again) == "job_state_conflict")

            let retried = try await client.execute(uri: "/v1/jobs/\(job)/retry", method: .post, headers: APIHarness.bearer(admin))
            #expect(retried.status == .ok)
            let body = try APIHarness.object(retried)
            #expect(body["status"] as? String == "pending")
            let codes = (body["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["cancelled", "replayed"])
            #expect((body["errors"] as? [[String: Any]])?.allSatisfy { $0["worker"] == nil } == true, "worker names stay internal")
        }
    }

    @Test func statsAndBadFilters() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (org, key) = try await harness.createOrg(client)
            _ = try await enqueue(harness, org: org, value: 1)
            _ = try await enqueue(harness, org: org, value: 2, priority: .critical)
            let stats = try await client.execute(uri: "/v1/jobs/stats", method: .get, headers: APIHarness.bearer(key))
            #expect(stats.status == .ok)
            let body = try APIHarness.object(stats)
            let depth = try #require(body["depth"] as? [[String: Any]])
            #expect(depth.count == 2)
            #expect(depth.allSatisfy { $0["kind"] as? String == "test.api" && $0["count"] as? Int == 1 })
            #expect(body["dead_count"] as? Int == 0)
            #expect(body["autoscaling"] is NSNull, "organisations get no system-wide advice")

            let system = try await client.execute(uri: "/v1/system/jobs/stats", method: .get, headers: APIHarness.bearer(APIHarness.adminToken))
            #expect(system.status == .ok)
            let advice = try #require(try APIHarness.object(system)["autoscaling"] as? [String: Any])
            #expect((advice["recommended_workers"] as? Int).map { $0 >= 1 } == true)
            #expect(try await client.execute(uri: "/v1/system/jobs/stats", method: .get, headers: APIHarness.bearer(key)).status == .unauthorized)

            for query in ["status=exploded", "priority=9", "kind=Bad%20Kind", "limit=0", "cursor=nope", "colour=red"] {
                let response = try await client.execute(uri: "/v1/jobs?\(query)", method: .get, headers: APIHarness.bearer(key))
                #expect(response.status == .badRequest, "\(query)")
            }
        }
    }
}
