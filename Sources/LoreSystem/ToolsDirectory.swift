import Foundation
import LoreCore

/// Finds the folder where `scripts/setup` installed binaries and model weights (`.tools/`).
///
/// Order: `LORE_TOOLS_DIR`; then a `.tools` folder in the current directory or one of its
/// parents; then one next to the executable or its parents (a `.build/debug/lore` binary finds
/// the clone's `.tools`).
public enum ToolsDirectory {
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let explicit = environment["LORE_TOOLS_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? cwd.path).resolvingSymlinksInPath()
        for start in [cwd, executable.deletingLastPathComponent()] {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent(".tools", isDirectory: true)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), isDir.boolValue {
                    return candidate
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw LoreError(.toolsMissing, "no .tools folder found: run scripts/setup, or set LORE_TOOLS_DIR")
    }

    /// A file or folder inside the tools folder, which must exist.
    public static func path(_ relative: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let url = try locate(environment: environment).appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LoreError(.toolsMissing, "\(url.path) is missing: run scripts/setup")
        }
        return url
    }
}

public extension ErrorCode {
    static let toolsMissing = ErrorCode("tools_missing", .unavailable)
}
