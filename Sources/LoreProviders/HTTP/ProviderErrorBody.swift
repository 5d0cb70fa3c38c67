import Foundation

/// The error document OpenAI-compatible APIs return:
/// `{"error": {"message": …, "type": …, "param": …, "code": …}}`.
struct ProviderErrorBody: Decodable {
    struct Detail: Decodable {
        var message: String?
        var type: String?
        var code: String?

        enum CodingKeys: CodingKey { case message, type, code }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try? container.decodeIfPresent(String.self, forKey: .message)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            // `code` is a string at OpenAI but a number at some compatible servers.
            if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
                code = text
            } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
                code = String(number)
            } else {
                code = nil
            }
        }
    }

    var error: Detail

    /// A short human summary of a failed response: the provider's message when the body is the
    /// documented shape, otherwise the start of the body. Not yet redacted.
    static func summary(of body: [UInt8]) -> String {
        if let parsed = try? JSONDecoder().decode(ProviderErrorBody.self, from: Data(body)) {
            let parts = [parsed.error.message, parsed.error.type.map { "type \($0)" }, parsed.error.code.map { "code \($0)" }]
            let text = parts.compactMap { $0 }.joined(separator: "; ")
            if !text.isEmpty { return clip(text) }
        }
        let raw = String(decoding: body.prefix(400), as: UTF8.self)
        return raw.isEmpty ? "empty response body" : clip(raw)
    }

    /// At most 300 printable characters on one line.
    private static func clip(_ text: String) -> String {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        return printable.count > 300 ? String(printable.prefix(300)) + "…" : printable
    }
}
