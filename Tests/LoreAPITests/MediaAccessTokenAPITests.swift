import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import LoreApp
import LoreCore
import NIOCore

/// `?access_token=`: short-lived read-only tokens for one item's content and thumbnails.
@Suite struct MediaAccessTokenAPITests {
    static let text = Array("Minutes: the budget was approved.\n".utf8)

    static func mint(_ client: any TestClientProtocol, key: String, media: String) async throws -> TestResponse {
        try await client.execute(uri: "/v1/media/\(media)/access-token", method: .post, headers: APIHarness.bearer(key))
    }

    @Test func aTokenReadsContentAndThumbnailOfItsItemOnly() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (orgID, ownerKey) = try await harness.createOrg(client)
            let viewerKey = try await harness.createKey(client, using: ownerKey, role: "viewer")
            let created = try await harness.upload(client, key: ownerKey, bytes: Self.text, query: "filename=minutes.txt")
            let id = try #require((try APIHarness.object(created)["media"] as? [String: Any])?["id"] as? String)
            let other = try await harness.upload(client, key: ownerKey, bytes: Array("Another file entirely.\n".utf8), query: "filename=other.txt")
            let otherID = try #require((try APIHarness.object(other)["media"] as? [String: Any])?["id"] as? String)

            // A viewer may mint one; it comes with ready-made URLs.
            let minted = try await Self.mint(client, key: viewerKey, media: id)
            #expect(minted.status == .created, "\(minted.text)")
            let body = try APIHarness.object(minted)
            let token = try #require(body["token"] as? String)
            #expect(body["content_url"] as? String == "/v1/media/\(id)/content?access_token=\(token)")
            #expect(body["thumbnail_url"] as? String == "/v1/media/\(id)/thumbnail?access_token=\(token)")
            #expect(body["expires_at"] is String)

            // Content: whole, a range, inline on request (plain text is safe to show).
            let content = try await client.execute(uri: "/v1/media/\(id)/content?access_token=\(token)", method: .get)
            #expect(content.status == .ok)
            #expect(Array(content.body.readableBytesView) == Self.text)
            #expect(content.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(content.headers[.xContentTypeOptions] == "nosniff")
            var range = HTTPFields()
            range[.range] = "bytes=0-7"
            let partial = try await client.execute(uri: "/v1/media/\(id)/content?access_token=\(token)", method: .get, headers: range)
            #expect(partial.status == .partialContent)
            #expect(partial.text == "Minutes:")
            let inline = try await client.execute(uri: "/v1/media/\(id)/content?access_token=\(token)&disposition=inline", method: .get)
            #expect(inline.headers[.contentDisposition]?.hasPrefix("inline") == true)
            #expect(try await client.execute(uri: "/v1/media/\(id)/content?access_token=\(token)&disposition=bogus", method: .get).status == .badRequest)

            // Thumbnail: passes authentication (no thumbnail yet → 404), then serves one once stored.
            let noThumbnail = try await client.execute(uri: "/v1/media/\(id)/thumbnail?access_token=\(token)", method: .get)
            #expect(noThumbnail.status == .notFound)
            let caller = Caller(org: try #require(OrgID(orgID)), role: .viewer)
            let item = try await harness.runtime.media.get(caller: caller, id: try #require(MediaID(id)))
            try await harness.runtime.blobs.put([0xFF, 0xD8, 0xFF, 0xD9], as: try BlobKey(item.blobKey).derived("thumbs/0.jpg"))
            let thumbnail = try await client.execute(uri: "/v1/media/\(id)/thumbnail?access_token=\(token)&t=0", method: .get)
            #expect(thumbnail.status == .ok)
            #expect(thumbnail.headers[.contentType] == "image/jpeg")

            // Another item of the same organisation: refused.
            let wrongItem = try await client.execute(uri: "/v1/media/\(otherID)/content?access_token=\(token)", method: .get)
            #expect(wrongItem.status == .unauthorized)
            #expect(APIHarness.errorCode(wrongItem) == "unauthenticated")

            // Every other route ignores the token: no API key, no access.
            let others: [(String, HTTPRequest.Method)] = [
                ("/v1/media/\(id)", .get), ("/v1/media/\(id)", .delete), ("/v1/media", .get), ("/v1/org", .get),
                ("/v1/search", .post), ("/v1/media/\(id)/access-token", .post), ("/v1/api-keys", .get),
            ]
            for (path, method) in others {
                let response = try await client.execute(uri: "\(path)?access_token=\(token)", method: method)
                #expect(response.status == .unauthorized, "\(method) \(path)")
            }
            #expect(try await client.execute(uri: "/v1/media/\(id)", method: .get, headers: APIHarness.bearer(ownerKey)).status == .ok)
        }
    }

    @Test func anotherOrganisationsItemIsNotFound() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, keyA) = try await harness.createOrg(client)
            let (orgB, keyB) = try await harness.createOrg(client)
            let created = try await harness.upload(client, key: keyA, bytes: Self.text, query: "filename=a.txt")
            let idA = try #require((try APIHarness.object(created)["media"] as? [String: Any])?["id"] as? String)

            // B cannot mint a token for A's item.
            #expect(try await Self.mint(client, key: keyB, media: idA).status == .notFound)
            // A genuine token of B naming A's item (only the server could sign one) still finds nothing:
            // the read runs as B under row-level security.
            let forB = harness.runtime.mediaTokens.issue(caller: Caller(org: try #require(OrgID(orgB)), role: .viewer),
                                                         media: try #require(MediaID(idA)))
            let response = try await client.execute(uri: "/v1/media/\(idA)/content?access_token=\(forB.token)", method: .get)
            #expect(response.status == .notFound)
            let thumbnail = try await client.execute(uri: "/v1/media/\(idA)/thumbnail?access_token=\(forB.token)", method: .get)
            #expect(thumbnail.status == .notFound)
        }
    }

    @Test func expiredForgedAndRevokedTokensAreRefused() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (orgID, ownerKey) = try await harness.createOrg(client)
            let created = try await harness.upload(client, key: ownerKey, bytes: Self.text, query: "filename=m.txt")
            let id = try #require((try APIHarness.object(created)["media"] as? [String: Any])?["id"] as? String)
            let org = try #require(OrgID(orgID))
            let media = try #require(MediaID(id))
            func status(_ token: String) async throws -> HTTPResponse.Status {
                let escaped = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
                return try await client.execute(uri: "/v1/media/\(id)/content?access_token=\(escaped)", method: .get).status
            }

            let good = harness.runtime.mediaTokens.issue(caller: Caller(org: org, role: .viewer), media: media)
            #expect(try await status(good.token) == .ok)

            // Expired: minted as if two lifetimes ago.
            let past = Date(timeIntervalSinceNow: -2 * harness.runtime.mediaTokens.lifetime)
            let expired = harness.runtime.mediaTokens.issue(caller: Caller(org: org, role: .viewer), media: media, now: past)
            #expect(try await status(expired.token) == .unauthorized)

            // Forged: signature altered, payload altered, garbage, empty.
            let parts = good.token.split(separator: ".").map(String.init)
            let flipped = parts[1].last == "A" ? "B" : "A"
            #expect(try await status(parts[0] + "." + parts[1].dropLast() + flipped) == .unauthorized)
            let payload = String(decoding: try #require(Base64URL.decode(parts[0])), as: UTF8.self)
            // Expiry pushed a day later, signature kept.
            let longer = payload.split(separator: "|").enumerated()
                .map { $0.offset == 4 ? String(Int($0.element)! + 86_400) : String($0.element) }.joined(separator: "|")
            let tampered = Base64URL.encode(Data(longer.utf8))
            #expect(try await status(tampered + "." + parts[1]) == .unauthorized)
            #expect(try await status("not-a-token") == .unauthorized)
            #expect(try await status("") == .unauthorized)
            #expect(try await status(parts[1] + "." + parts[0]) == .unauthorized)

            // Revoking the key that minted a token ends the token too.
            let viewerKey = try await harness.createKey(client, using: ownerKey, role: "viewer")
            let minted = try APIHarness.object(try await Self.mint(client, key: viewerKey, media: id))
            let token = try #require(minted["token"] as? String)
            #expect(try await status(token) == .ok)
            let keys = try APIHarness.object(try await client.execute(uri: "/v1/api-keys", method: .get, headers: APIHarness.bearer(ownerKey)))
            let viewerEntry = try #require((keys["items"] as? [[String: Any]])?.first { $0["role"] as? String == "viewer" })
            let revoked = try await client.execute(uri: "/v1/api-keys/\(viewerEntry["id"] as! String)", method: .delete, headers: APIHarness.bearer(ownerKey))
            #expect(revoked.status == .noContent || revoked.status == .ok)
            #expect(try await status(token) == .unauthorized)
        }
    }
}
