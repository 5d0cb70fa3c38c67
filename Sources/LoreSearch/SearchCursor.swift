import Crypto
import Foundation
import LoreCore

/// Opaque page cursors for search results: the offset into the fused ranking, bound to the
/// organisation and to the exact request (query, mode, filters) by an HMAC. A forged cursor,
/// another organisation's cursor, or a cursor replayed with a different query is refused.
struct SearchCursor: Sendable {
    let secret: [UInt8]

    init(secret: [UInt8]) { self.secret = secret }

    func encode(offset: Int, org: OrgID, fingerprint: String) -> String {
        let payload = "\(offset)"
        let mac = signature(payload: payload, org: org, fingerprint: fingerprint)
        return Base64URL.encode(Data(payload.utf8)) + "." + Base64URL.encode(mac)
    }

    func decode(_ cursor: String, org: OrgID, fingerprint: String) throws -> Int {
        let invalid = LoreError(.invalidCursor, "the cursor does not belong to this search")
        let parts = cursor.split(separator: ".")
        guard cursor.count < 200, parts.count == 2,
              let payloadData = Base64URL.decode(String(parts[0])), let mac = Base64URL.decode(String(parts[1])),
              let payload = String(data: payloadData, encoding: .utf8), let offset = Int(payload), offset >= 0, offset <= 10_000 else {
            throw invalid
        }
        let expected = signature(payload: payload, org: org, fingerprint: fingerprint)
        guard expected.count == mac.count, zip(expected, mac).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw invalid }
        return offset
    }

    private func signature(payload: String, org: OrgID, fingerprint: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(org)|\(fingerprint)|\(payload)".utf8), using: SymmetricKey(data: secret)))
    }
}
