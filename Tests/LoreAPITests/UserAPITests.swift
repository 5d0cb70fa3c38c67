import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import LoreApp
import LoreCore
import LoreTestSupport
import NIOCore

/// Users with email and password, for the web UI: added by admins and owners over HTTP, kept as
/// Argon2id hashes, never shown back, and only in their own organisation.
@Suite struct UserAPITests {
    @Test func adminsAddUsersWhosePasswordsAreHashed() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (orgID, owner) = try await harness.createOrg(client)
            let (_, otherOwner) = try await harness.createOrg(client)
            func post(_ key: String, _ body: [String: Any]) async throws -> TestResponse {
                try await client.execute(uri: "/v1/users", method: .post, headers: APIHarness.bearer(key), body: APIHarness.json(body))
            }
            let email = "ada.\(UUID().uuidString.prefix(6))@example.com"
            let created = try await post(owner, ["email": email, "password": "correct horse battery", "display_name": "Ada", "role": "admin"])
            #expect(created.status == .created, "\(created.text)")
            let user = try APIHarness.object(created)
            #expect(user["email"] as? String == email && user["role"] as? String == "admin" && user["display_name"] as? String == "Ada")
            #expect(!created.text.contains("correct horse") && !created.text.contains("argon2"))

            let stored = try await harness.runtime.database.serviceStatement(
                "SELECT password_hash FROM lore.users WHERE id = \(UUID(uuidString: user["id"] as! String)!)")
            #expect(try stored.first?.decode(String.self).hasPrefix("$argon2id$") == true)
            let org = OrgID(orgID)!
            #expect(try await harness.runtime.users.verify(org: org, email: email.uppercased(), password: "correct horse battery")?.role == .admin)
            #expect(try await harness.runtime.users.verify(org: org, email: email, password: "wrong horse battery") == nil)
            #expect(try await harness.runtime.users.verify(org: org, email: "nobody@example.com", password: "correct horse battery") == nil)

            let listed = try await client.execute(uri: "/v1/users", method: .get, headers: APIHarness.bearer(owner))
            #expect((try APIHarness.object(listed)["items"] as? [[String: Any]])?.map { $0["email"] as? String } == [email])
            let foreign = try await client.execute(uri: "/v1/users", method: .get, headers: APIHarness.bearer(otherOwner))
            #expect((try APIHarness.object(foreign)["items"] as? [[String: Any]])?.isEmpty == true)
            // The same address in another organisation is another person.
            #expect(try await post(otherOwner, ["email": email, "password": "another long password"]).status == .created)

            let viewerKey = try APIHarness.object(try await client.execute(
                uri: "/v1/api-keys", method: .post, headers: APIHarness.bearer(owner), body: APIHarness.json(["name": "v", "role": "viewer"])))["secret"] as! String
            let adminKey = try APIHarness.object(try await client.execute(
                uri: "/v1/api-keys", method: .post, headers: APIHarness.bearer(owner), body: APIHarness.json(["name": "a", "role": "admin"])))["secret"] as! String
            let cases: [(String, [String: Any], Int, String)] = [
                (owner, ["email": email.uppercased(), "password": "correct horse battery"], 409, "user_exists"),
                (owner, ["email": "not-an-address", "password": "correct horse battery"], 400, "invalid_email"),
                (owner, ["email": "a b@example.com", "password": "correct horse battery"], 400, "invalid_email"),
                (owner, ["email": "bob@example.com", "password": "short"], 400, "invalid_password"),
                (owner, ["email": "bob@example.com", "password": "correct horse battery", "is_admin": true], 400, "unknown_field"),
                (owner, ["email": "bob@example.com", "password": "correct horse battery", "role": "god"], 400, "invalid_argument"),
                (owner, ["email": "bob@example.com"], 400, "invalid_argument"),
                (viewerKey, ["email": "bob@example.com", "password": "correct horse battery"], 403, "forbidden"),
                (adminKey, ["email": "bob@example.com", "password": "correct horse battery", "role": "owner"], 403, "forbidden"),
            ]
            for (key, body, status, code) in cases {
                let response = try await post(key, body)
                #expect(Int(response.status.code) == status && APIHarness.errorCode(response) == code, "\(body): \(response.text)")
            }
            let after = try await client.execute(uri: "/v1/users", method: .get, headers: APIHarness.bearer(owner))
            #expect((try APIHarness.object(after)["items"] as? [[String: Any]])?.count == 1)
        }
    }
}
