import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import LoreAPI
import LoreCore

#if canImport(Glibc)
import Glibc
#endif

/// A client that vanishes mid-upload leaves no row, no blob and no temporary file.
@Suite struct UploadDisconnectTests {
    @Test func clientDisconnectMidUploadStoresNothing() async throws {
        let harness = try await APIHarness.make()
        let app = Application(router: try LoreAPI.buildRouter(runtime: harness.runtime))
        try await app.test(.live) { client in
            let (_, key) = try await harness.createOrg(client)
            let port = try #require(client.port)
            // Promise 1 MB, send 200 KB, hang up.
            let head = "POST /v1/media?filename=partial.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nContent-Length: 1000000\r\n\r\n"
            try RawSocket.sendAndClose(port: port, bytes: Array(head.utf8) + [UInt8](repeating: 9, count: 200_000))
            // Give the server a moment to notice.
            for _ in 0..<50 where !harness.temporaryUploads.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(harness.temporaryUploads.isEmpty)
            #expect(harness.storedBlobs.isEmpty)
            let list = try APIHarness.object(try await client.execute(uri: "/v1/media", method: .get, headers: APIHarness.bearer(key)))
            #expect((list["items"] as! [Any]).isEmpty)
            let usage = try APIHarness.object(try await client.execute(uri: "/v1/org", method: .get, headers: APIHarness.bearer(key)))["usage"] as! [String: Any]
            #expect(usage["media_bytes"] as? Int == 0)
        }
    }
}

/// A bare TCP client that can hang up in the middle of a request.
enum RawSocket {
    static func sendAndClose(port: Int, bytes: [UInt8]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoreError(.internalError, "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw LoreError(.internalError, "connect failed") }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { break }
            offset += sent
        }
        usleep(200_000)
    }
}
