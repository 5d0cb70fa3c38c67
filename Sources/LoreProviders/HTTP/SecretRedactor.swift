import Foundation

/// Removes secrets from text that came from a provider or a URL before it reaches an error
/// message, a log line or a client: the configured API key (whole, and any long fragment a
/// provider might echo), bearer tokens, `sk-…`-style keys and URL credentials.
struct SecretRedactor: Sendable {
    static let mask = "[REDACTED]"
    private let secrets: [String]

    init(secrets: [String?]) {
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
            // Providers echo keys partly ("sk-abc…wxyz"): hide any 8-character piece too.
            if secret.count >= 12 {
                let characters = Array(secret)
                for start in stride(from: 0, through: characters.count - 8, by: 1) {
                    let piece = String(characters[start..<(start + 8)])
                    if result.contains(piece) { result = result.replacingOccurrences(of: piece, with: Self.mask) }
                }
            }
        }
        for (pattern, template) in Self.patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }

    private static let patterns: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: #"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"#), "$1 \(mask)"),
        (try! NSRegularExpression(pattern: #"\b(sk|pk|rk|key)-[A-Za-z0-9_*.-]{6,}"#), "$1-\(mask)"),
        (try! NSRegularExpression(pattern: #"(?i)(api[_-]?key|token|secret|password)(["']?\s*[:=]\s*["']?)[^\s"',&]+"#), "$1$2\(mask)"),
        (try! NSRegularExpression(pattern: #"(https?://)[^/\s:@]+:[^/\s@]+@"#), "$1\(mask)@"),
    ]
}
