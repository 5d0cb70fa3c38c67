import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import LoreCore
import NIOCore

@Suite struct MediaAPITests {
    @Test func uploadsListsReadsAndDeletes() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client)
            let bytes = Array("The quarterly report: revenue up 12 %.\n".utf8)
            let created = try await harness.upload(client, key: key, bytes: bytes, query: "filename=report.txt&tags=Finance,q3")
            #expect(created.status == .created)
            let media = try APIHarness.object(created)["media"] as! [String: Any]
            let id = media["id"] as! String
            #expect(media["title"] as? String == "report")
            #expect(media["filename"] as? String == "report.txt")
            #expect(media["size_bytes"] as? Int == bytes.count)
            #expect(media["status"] as? String == "queued")
            #expect(media["kind"] as? String == "document")
            #expect(media["content_type"] as? String == "text/plain")
            #expect(media["tags"] as? [String] == ["finance", "q3"])

            let fetched = try await client.execute(uri: "/v1/media/\(id)", method: .get, headers: APIHarness.bearer(key))
            #expect(fetched.status == .ok)

            let content = try await client.execute(uri: "/v1/media/\(id)/content", method: .get, headers: APIHarness.bearer(key))
            #expect(content.status == .ok)
            #expect(Array(content.body.readableBytesView) == bytes)
            #expect(content.headers[.acceptRanges] == "bytes")

            var range = APIHarness.bearer(key)
            range[.range] = "bytes=4-12"
            let partial = try await client.execute(uri: "/v1/media/\(id)/content", method: .get, headers: range)
            #expect(partial.status == .partialContent)
            #expect(String(buffer: partial.body) == "quarterly")
            #expect(partial.headers[.contentRange] == "bytes 4-12/\(bytes.count)")
            range[.range] = "bytes=-7"
            let suffix = try await client.execute(uri: "/v1/media/\(id)/content", method: .get, headers: range)
            #expect(Array(suffix.body.readableBytesView) == Array(bytes.suffix(7)))
            range[.range] = "bytes=9999-"
            let unsatisfiable = try await client.execute(uri: "/v1/media/\(id)/content", method: .get, headers: range)
            #expect(unsatisfiable.status == .rangeNotSatisfiable)
            #expect(unsatisfiable.headers[.contentRange] == "bytes */\(bytes.count)")

            // Identical content is detected, not stored twice.
            let again = try await harness.upload(client, key: key, bytes: bytes, query: "filename=copy.txt")
            #expect(again.status == .ok)
            #expect(try APIHarness.object(again)["duplicate"] as? Bool == true)
            #expect(harness.storedBlobs.count == 1)

            let deleted = try await client.execute(uri: "/v1/media/\(id)", method: .delete, headers: APIHarness.bearer(key))
            #expect(deleted.status == .noContent)
            #expect(try await client.execute(uri: "/v1/media/\(id)", method: .get, headers: APIHarness.bearer(key)).status == .notFound)
            #expect(harness.storedBlobs.isEmpty)
            let usage = try APIHarness.object(try await client.execute(uri: "/v1/org", method: .get, headers: APIHarness.bearer(key)))["usage"] as! [String: Any]
            #expect(usage["media_count"] as? Int == 0)
            #expect(usage["media_bytes"] as? Int == 0)
        }
    }

    @Test func multipartUploadStreamsTheFilePart() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client)
            let boundary = "----lore\(UUID().uuidString.prefix(8))"
            // 300 KB of text (the type is detected from the content, so it must be a real document).
            let payload = Array(String(repeating: "Minutes of the board meeting, item by item.\n", count: 6_700).utf8)
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBoard meeting\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"meeting.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += payload
            body += Array("\r\n--\(boundary)--\r\n".utf8)
            var headers = APIHarness.bearer(key)
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let response = try await client.execute(uri: "/v1/media", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            #expect(response.status == .created, "\(response.text)")
            let media = try APIHarness.object(response)["media"] as! [String: Any]
            #expect(media["title"] as? String == "Board meeting")
            #expect(media["filename"] as? String == "meeting.bin")
            #expect(media["size_bytes"] as? Int == payload.count)
            let content = try await client.execute(uri: "/v1/media/\(media["id"] as! String)/content", method: .get, headers: APIHarness.bearer(key))
            #expect(Array(content.body.readableBytesView) == payload)

            // A body without a file part, or with an unknown field, is refused and leaves nothing.
            let noFile = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
            let refused = try await client.execute(uri: "/v1/media", method: .post, headers: headers, body: ByteBuffer(bytes: noFile))
            #expect(refused.status == .badRequest)
            let unknown = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"evil\"\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
            #expect(APIHarness.errorCode(try await client.execute(uri: "/v1/media", method: .post, headers: headers, body: ByteBuffer(bytes: unknown))) == "unknown_field")
            #expect(harness.temporaryUploads.isEmpty)
        }
    }

    @Test func listsInStablePages() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client)
            for i in 0..<7 { _ = try await harness.upload(client, key: key, bytes: Array("file \(i)".utf8), query: "filename=f\(i).txt") }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/media?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try APIHarness.object(try await client.execute(uri: uri, method: .get, headers: APIHarness.bearer(key)))
                seen += (page["items"] as! [[String: Any]]).map { $0["id"] as! String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 7)
            #expect(Set(seen).count == 7)
            for bad in ["/v1/media?limit=0", "/v1/media?limit=201", "/v1/media?limit=abc", "/v1/media?cursor=%27%3B%20DROP", "/v1/media?colour=red"] {
                let response = try await client.execute(uri: bad, method: .get, headers: APIHarness.bearer(key))
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func anotherOrganisationsMediaIsNotFound() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, keyA) = try await harness.createOrg(client)
            let (_, keyB) = try await harness.createOrg(client)
            let created = try await harness.upload(client, key: keyA, bytes: Array("secret plans".utf8))
            let id = (try APIHarness.object(created)["media"] as! [String: Any])["id"] as! String
            for (uri, method) in [("/v1/media/\(id)", HTTPRequest.Method.get), ("/v1/media/\(id)/content", .get), ("/v1/media/\(id)", .delete)] {
                let response = try await client.execute(uri: uri, method: method, headers: APIHarness.bearer(keyB))
                #expect(response.status == .notFound)
                #expect(APIHarness.errorCode(response) == "not_found")
            }
            // Same answer as an id that does not exist at all.
            let missing = try await client.execute(uri: "/v1/media/\(UUID().uuidString)", method: .get, headers: APIHarness.bearer(keyB))
            #expect(missing.status == .notFound)
            #expect(try await client.execute(uri: "/v1/media/\(id)", method: .get, headers: APIHarness.bearer(keyA)).status == .ok)
            let listB = try APIHarness.object(try await client.execute(uri: "/v1/media", method: .get, headers: APIHarness.bearer(keyB)))
            #expect((listB["items"] as! [Any]).isEmpty)
        }
    }

    @Test func oversizedUploadsStoreNothing() async throws {
        let harness = try await APIHarness.make(maxUploadBytes: 64 * 1024)
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client)
            let big = [UInt8](repeating: 7, count: 100 * 1024)
            let response = try await harness.upload(client, key: key, bytes: big)
            #expect(response.status == .contentTooLarge)
            #expect(APIHarness.errorCode(response) == "payload_too_large")
            #expect(harness.storedBlobs.isEmpty)
            #expect(harness.temporaryUploads.isEmpty)
            let list = try APIHarness.object(try await client.execute(uri: "/v1/media", method: .get, headers: APIHarness.bearer(key)))
            #expect((list["items"] as! [Any]).isEmpty)
        }
    }

    @Test func uploadsOverTheQuotaStoreNothing() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client, quotas: ["max_bytes": 10_000, "max_files": 2])
            func text(_ size: Int, _ letter: String) -> [UInt8] { Array(String(repeating: letter + " ", count: size / 2).utf8) }
            let first = try await harness.upload(client, key: key, bytes: text(6_000, "a"))
            #expect(first.status == .created)
            let second = try await harness.upload(client, key: key, bytes: text(6_000, "b"))
            #expect(second.status == .contentTooLarge)
            #expect(APIHarness.errorCode(second) == "quota_exceeded")
            let small = try await harness.upload(client, key: key, bytes: text(100, "c"))
            #expect(small.status == .created)
            let third = try await harness.upload(client, key: key, bytes: text(10, "d"))
            #expect(APIHarness.errorCode(third) == "quota_exceeded")
            #expect(harness.storedBlobs.count == 2)
            #expect(harness.temporaryUploads.isEmpty)
        }
    }

    @Test func emptyUploadIsRejected() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client)
            let response = try await harness.upload(client, key: key, bytes: [])
            #expect(response.status == .badRequest)
            #expect(APIHarness.errorCode(response) == "empty_upload")
            #expect(harness.storedBlobs.isEmpty)
            #expect(harness.temporaryUploads.isEmpty)
        }
    }

    @Test func hostileFilenamesAreStoredSafely() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let (_, key) = try await harness.createOrg(client)
            let long = String(repeating: "a", count: 5_000) + ".pdf"
            let names = ["../../etc/passwd", "..%2F..%2Fboot.ini", "evil%00.txt", long.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "%2Fabs%2Fpath.txt", "..", "C:%5Cwin%5Csys.ini"]
            for (index, name) in names.enumerated() {
                let response = try await harness.upload(client, key: key, bytes: Array("content \(index)".utf8), query: "filename=\(name)")
                #expect(response.status == .created, "\(name): \(response.text)")
                let media = try APIHarness.object(response)["media"] as! [String: Any]
                let stored = media["filename"] as? String
                #expect(stored.map { !$0.contains("/") && !$0.contains("\\") && !$0.contains("\0") && $0.utf8.count <= 255 } ?? true, "\(name) → \(stored ?? "nil")")
            }
            // Blobs live only under the organisation's folder, named by generated ids.
            for path in harness.storedBlobs {
                let parts = path.split(separator: "/")
                #expect(parts.count == 2)
                #expect(UUID(uuidString: String(parts[0])) != nil && UUID(uuidString: String(parts[1])) != nil, "\(path)")
            }
        }
    }

    @Test func sqlInjectionStringsAreJustData() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            let injections = ["'; DROP TABLE lore.media; --", "\" OR 1=1 --", "x') OR ('1'='1", "$$; SELECT pg_sleep(10); $$", "\\'; DELETE FROM lore.organizations; --"]
            let admin = APIHarness.bearer(APIHarness.adminToken)
            for (i, text) in injections.enumerated() {
                let org = try await client.execute(uri: "/v1/orgs", method: .post, headers: admin, body: APIHarness.json(["name": text]))
                #expect(org.status == .created, "\(text)")
                let key = (try APIHarness.object(org)["owner_key"] as! [String: Any])["secret"] as! String
                let name = try APIHarness.object(org)["organization"] as! [String: Any]
                #expect(name["name"] as? String == text)
                let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let upload = try await harness.upload(client, key: key, bytes: Array("payload \(i)".utf8), query: "filename=\(encoded)&title=\(encoded)&tags=\(encoded)")
                #expect(upload.status == .created)
                let media = try APIHarness.object(upload)["media"] as! [String: Any]
                #expect(media["title"] as? String == text)
                let keyResponse = try await client.execute(uri: "/v1/api-keys", method: .post, headers: APIHarness.bearer(key), body: APIHarness.json(["name": text]))
                #expect(keyResponse.status == .created)
                let bogus = try await client.execute(uri: "/v1/media/\(encoded)", method: .get, headers: APIHarness.bearer(key))
                #expect(bogus.status == .notFound)
                let cursor = try await client.execute(uri: "/v1/media?cursor=\(encoded)", method: .get, headers: APIHarness.bearer(key))
                #expect(cursor.status == .badRequest)
                // Every other string a caller controls: rejected as invalid, or stored and echoed as data.
                let slug = try await client.execute(uri: "/v1/orgs", method: .post, headers: admin, body: APIHarness.json(["name": "S", "slug": text]))
                #expect(slug.status == .badRequest, "\(text)")
                for body: [String: Any] in [["name": "x", "tier": text], ["name": "x", "quotas": ["max_files": text]]] {
                    let response = try await client.execute(uri: "/v1/orgs", method: .post, headers: admin, body: APIHarness.json(body))
                    #expect(response.status == .badRequest, "\(body)")
                }
                for body: [String: Any] in [["name": "k", "role": text], ["name": "k", "expires_at": text]] {
                    let response = try await client.execute(uri: "/v1/api-keys", method: .post, headers: APIHarness.bearer(key), body: APIHarness.json(body))
                    #expect(response.status == .badRequest, "\(body)")
                }
                let user = try await client.execute(uri: "/v1/users", method: .post, headers: APIHarness.bearer(key),
                                                    body: APIHarness.json(["email": "u\(i)@example.com", "password": text + text, "display_name": text]))
                let stored = try APIHarness.object(user)["display_name"] as? String
                #expect(user.status == .created && stored == text, "\(user.text)")
                let keys = try await client.execute(uri: "/v1/api-keys?include_revoked=\(encoded)", method: .get, headers: APIHarness.bearer(key))
                #expect(keys.status == .ok)
                for query in ["status=\(encoded)", "kind=\(encoded)", "priority=\(encoded)", "cursor=\(encoded)"] {
                    let jobs = try await client.execute(uri: "/v1/jobs?\(query)", method: .get, headers: APIHarness.bearer(key))
                    #expect(jobs.status == .badRequest || jobs.status == .ok, "\(query): \(jobs.status)")
                }
                var headers = APIHarness.bearer(key)
                headers[HTTPField.Name("X-Request-Id")!] = text
                let echoed = try await client.execute(uri: "/v1/org", method: .get, headers: headers)
                #expect(echoed.status == .ok)
                let search = try await client.execute(uri: "/v1/search", method: .post, headers: APIHarness.bearer(key),
                                                      body: APIHarness.json(["query": text, "filters": ["tags": [text], "speakers": [text]]]))
                #expect(search.status == .ok, "\(search.text)")
            }
            // Everything is still there.
            let database = harness.runtime.database
            let count = try await database.withService { tx in
                try await tx.query("SELECT count(*)::int FROM lore.organizations").collect().first!.decode(Int.self)
            }
            #expect(count >= injections.count)
        }
    }
}
