import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import LoreCore
import NIOCore

@Suite struct OrganizationAndKeyAPITests {
    @Test func adminCreatesAnOrganisationAndItsOwnerKeyWorks() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (id, key) = try await harness.createOrg(client, tier: "professional")
            let response = try await client.execute(uri: "/v1/org", method: .get, headers: APIHarness.bearer(key))
            #expect(response.status == .ok)
            let org = try APIHarness.object(response)["organization"] as? [String: Any]
            #expect(org?["id"] as? String == id)
            #expect(org?["tier"] as? String == "professional")
            #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
        }
    }

    @Test func organisationCreationNeedsTheAdminToken() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let body = APIHarness.json(["name": "Nope"])
            let missing = try await client.execute(uri: "/v1/orgs", method: .post, body: body)
            #expect(missing.status == .unauthorized)
            let wrong = try await client.execute(uri: "/v1/orgs", method: .post, headers: APIHarness.bearer("not-the-token"), body: body)
            #expect(wrong.status == .unauthorized)
            // An organisation key is not the admin token either.
            let (_, key) = try await harness.createOrg(client)
            let withKey = try await client.execute(uri: "/v1/orgs", method: .post, headers: APIHarness.bearer(key), body: body)
            #expect(withKey.status == .unauthorized)
        }
    }

    @Test func malformedAndUnknownJSONIsRejected() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let admin = APIHarness.bearer(APIHarness.adminToken)
            let cases: [(String, Int, String)] = [
                ("{not json", 400, "invalid_json"),
                ("[1,2]", 400, "invalid_json"),
                (#"{"name":"X","colour":"red"}"#, 400, "unknown_field"),
                (#"{"name":42}"#, 400, "invalid_argument"),
                (#"{"tier":"gold"}"#, 400, "invalid_argument"),
                (#"{"name":"X","tier":"gold"}"#, 400, "invalid_argument"),
                (#"{"name":"   "}"#, 400, "invalid_name"),
                (#"{"name":"X","slug":"Bad Slug!"}"#, 400, "invalid_slug"),
            ]
            for (body, status, code) in cases {
                let response = try await client.execute(uri: "/v1/orgs", method: .post, headers: admin, body: ByteBuffer(string: body))
                #expect(Int(response.status.code) == status, "\(body)")
                #expect(APIHarness.errorCode(response) == code, "\(body): \(response.text)")
            }
            let slug = "dup-\(UUID().uuidString.prefix(6).lowercased())"
            let first = try await client.execute(uri: "/v1/orgs", method: .post, headers: admin, body: APIHarness.json(["name": "A", "slug": slug]))
            #expect(first.status == .created)
            let second = try await client.execute(uri: "/v1/orgs", method: .post, headers: admin, body: APIHarness.json(["name": "B", "slug": slug]))
            #expect(second.status == .conflict)
            #expect(APIHarness.errorCode(second) == "slug_taken")
        }
    }

    @Test func wrongMissingAndRevokedKeysAreUnauthorized() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, owner) = try await harness.createOrg(client)
            let member = try await harness.createKey(client, using: owner, role: "member")
            for headers in [HTTPFields(), APIHarness.bearer("garbage"), APIHarness.bearer(String(member.dropLast()) + "X"),
                            APIHarness.bearer("lore_aaaaaaaa_" + String(repeating: "A", count: 40))] {
                let response = try await client.execute(uri: "/v1/media", method: .get, headers: headers)
                #expect(response.status == .unauthorized)
                #expect(["unauthenticated", "invalid_api_key"].contains(APIHarness.errorCode(response)))
            }
            #expect(try await client.execute(uri: "/v1/media", method: .get, headers: APIHarness.bearer(member)).status == .ok)
            // Revoke the member key with the owner key: it stops working at once.
            let keys = try APIHarness.object(try await client.execute(uri: "/v1/api-keys", method: .get, headers: APIHarness.bearer(owner)))
            let memberID = (keys["items"] as! [[String: Any]]).first { $0["role"] as? String == "member" }!["id"] as! String
            let revoke = try await client.execute(uri: "/v1/api-keys/\(memberID)", method: .delete, headers: APIHarness.bearer(owner))
            #expect(revoke.status == .noContent)
            let after = try await client.execute(uri: "/v1/media", method: .get, headers: APIHarness.bearer(member))
            #expect(after.status == .unauthorized)
        }
    }

    @Test func rolesAreCheckedPerRoute() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, owner) = try await harness.createOrg(client)
            let admin = try await harness.createKey(client, using: owner, role: "admin")
            let member = try await harness.createKey(client, using: owner, role: "member")
            let viewer = try await harness.createKey(client, using: owner, role: "viewer")
            // Viewers read but cannot upload; members cannot manage keys; admins cannot mint owners.
            #expect(try await client.execute(uri: "/v1/media", method: .get, headers: APIHarness.bearer(viewer)).status == .ok)
            let viewerUpload = try await harness.upload(client, key: viewer, bytes: Array("hi".utf8))
            #expect(viewerUpload.status == .forbidden)
            #expect(APIHarness.errorCode(viewerUpload) == "forbidden")
            #expect(try await client.execute(uri: "/v1/api-keys", method: .get, headers: APIHarness.bearer(member)).status == .forbidden)
            let ownerByAdmin = try await client.execute(uri: "/v1/api-keys", method: .post, headers: APIHarness.bearer(admin),
                                                        body: APIHarness.json(["name": "x", "role": "owner"]))
            #expect(ownerByAdmin.status == .forbidden)
            let memberByAdmin = try await client.execute(uri: "/v1/api-keys", method: .post, headers: APIHarness.bearer(admin),
                                                         body: APIHarness.json(["name": "x", "role": "member"]))
            #expect(memberByAdmin.status == .created)
        }
    }

    @Test func anotherOrganisationsKeyIdIsNotFound() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, ownerA) = try await harness.createOrg(client)
            let (_, ownerB) = try await harness.createOrg(client)
            let keysA = try APIHarness.object(try await client.execute(uri: "/v1/api-keys", method: .get, headers: APIHarness.bearer(ownerA)))
            let idA = (keysA["items"] as! [[String: Any]])[0]["id"] as! String
            let response = try await client.execute(uri: "/v1/api-keys/\(idA)", method: .delete, headers: APIHarness.bearer(ownerB))
            #expect(response.status == .notFound)
            #expect(try await client.execute(uri: "/v1/org", method: .get, headers: APIHarness.bearer(ownerA)).status == .ok)
        }
    }
}
