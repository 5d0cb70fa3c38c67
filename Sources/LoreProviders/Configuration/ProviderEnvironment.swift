import Foundation
import LoreCore

/// Provider settings read from environment variables the same way for every provider.
enum ProviderEnvironment {
    /// The variable's value; nil when it is unset or empty.
    static func value(_ name: String, in environment: [String: String]) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A URL variable's value, or a configuration error naming the variable.
    static func url(_ text: String, variable name: String) throws -> URL {
        guard let url = URL(string: text) else { throw LoreError(.configuration, "\(name) is not a URL") }
        return url
    }

    /// A per-request timeout in seconds (more than 0, at most 3600), or `fallback` when unset.
    static func timeout(_ name: String, in environment: [String: String], default fallback: Duration) throws -> Duration {
        guard let text = value(name, in: environment) else { return fallback }
        guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
            throw LoreError(.configuration, "\(name) must be a number of seconds between 0 and 3600")
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}
