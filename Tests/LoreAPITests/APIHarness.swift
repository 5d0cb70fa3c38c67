import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoreAPI
import LoreApp
import LoreCore
import LoreTestSupport
import NIOCore

/// A router-level test client over a runtime on the shared test database.
struct APIHarness {
    let runtime: LoreRuntime
    static let adminToken = "test-admin-token-0123456789abcdef0123"

    static func make(maxUploadBytes: Int64 = 8 << 20) async throws -> APIHarness {
        APIHarness(runtime: try await TestRuntime.make(maxUploadBytes: maxUploadBytes, adminToken: adminToken))
    }

    func test<T: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: try LoreAPI.buildRouter(runtime: runtime))
        return try await app.test(.router) { client in try await body(client) }
    }

    /// Creates an organisation through the API; returns its id and owner key.
    func createOrg(_ client: any TestClientProtocol, tier: String = "free", quotas: [String: Int]? = nil) async throws -> (id: String, key: String) {
        var body: [String: Any] = ["name": "Org \(UUID().uuidString.prefix(6))", "tier": tier]
        if let quotas { body["quotas"] = quotas }
        let response = try await client.execute(uri: "/v1/orgs", method: .post, headers: Self.bearer(Self.adminToken), body: Self.json(body))
        guard response.status == .created else { throw LoreError(.internalError, "org creation failed: \(response.status) \(String(buffer: response.body))") }
        let object = try Self.object(response)
        let org = object["organization"] as! [String: Any]
        let owner = object["owner_key"] as! [String: Any]
        return (org["id"] as! String, owner["secret"] as! String)
    }

    /// Creates an API key with `role` using `key`.
    func createKey(_ client: any TestClientProtocol, using key: String, role: String) async throws -> String {
        let response = try await client.execute(uri: "/v1/api-keys", method: .post, headers: Self.bearer(key), body: Self.json(["name": role, "role": role]))
        guard response.status == .created else { throw LoreError(.internalError, "key creation failed: \(response.status)") }
        return try Self.object(response)["secret"] as! String
    }

    /// Uploads raw bytes; returns the response.
    func upload(_ client: any TestClientProtocol, key: String, bytes: [UInt8], query: String = "filename=file.bin") async throws -> TestResponse {
        try await client.execute(uri: "/v1/media?\(query)", method: .post, headers: Self.bearer(key), body: ByteBuffer(bytes: bytes))
    }

    static func bearer(_ token: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        return headers
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    static func errorCode(_ response: TestResponse) -> String? {
        ((try? object(response))?["error"] as? [String: Any])?["code"] as? String
    }

    /// Files left in the blob store's upload folder (must be none after any request).
    var temporaryUploads: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: runtime.blobs.temporaryFolder.path)) ?? []
    }

    /// Every stored blob file.
    var storedBlobs: [String] {
        let root = runtime.blobs.root.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDir: ObjCBool = false
            if !path.hasPrefix(".tmp"), FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir), !isDir.boolValue { files.append(path) }
        }
        return files
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
