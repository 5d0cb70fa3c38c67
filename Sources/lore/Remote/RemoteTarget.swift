import Foundation
import LoreCore

/// The Lore server the CLI talks to instead of the local database: `LORE_URL` and
/// `LORE_API_KEY`, both or neither.
struct RemoteTarget: Sendable, Equatable {
    /// The server's base URL without a trailing slash (`http://host:8080`, or with a path prefix).
    let baseURL: String
    let apiKey: String

    static let urlVariable = "LORE_URL"
    static let keyVariable = "LORE_API_KEY"

    /// What `--help` of the commands that can run remotely says about it.
    static let help = """
        With \(urlVariable) and \(keyVariable) set, the command runs against that Lore server over its HTTP API \
        (the key's organisation; --org, if given, must name it) instead of the local data directory.
        """

    /// Nil when neither variable is set (local mode); an error when only one is, or the URL is not usable.
    static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteTarget? {
        func value(_ key: String) -> String? {
            guard let v = env[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        switch (value(urlVariable), value(keyVariable)) {
        case (nil, nil):
            return nil
        case (.some, nil):
            throw LoreError(.configuration, "\(urlVariable) is set but \(keyVariable) is not: set both to use a remote server, or neither for the local data directory")
        case (nil, .some):
            throw LoreError(.configuration, "\(keyVariable) is set but \(urlVariable) is not: set both to use a remote server, or neither for the local data directory")
        case (let url?, let key?):
            return RemoteTarget(baseURL: try validated(url), apiKey: key)
        }
    }

    /// An absolute http(s) URL with a host, no query or fragment.
    static func validated(_ text: String) throws -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil else {
            throw LoreError(.configuration, "\(urlVariable) must be an http:// or https:// URL such as http://127.0.0.1:8080, got \(text)")
        }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
