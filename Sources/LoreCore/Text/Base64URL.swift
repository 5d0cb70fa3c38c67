import Foundation

/// Unpadded base64url (RFC 4648 §5), as used by signed tokens and cursors.
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes only the canonical spelling (which also rules out every character outside the
    /// alphabet, `+`/`/` and padding): a text whose unused trailing bits are set decodes to the
    /// same bytes as its canonical form, so accepting it would let a signed value be rewritten
    /// without touching the signature.
    public static func decode(_ text: String) -> Data? {
        guard !text.isEmpty else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), encode(data) == text else { return nil }
        return data
    }
}
