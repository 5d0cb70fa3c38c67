import ArgumentParser
import Foundation
import LoreApp
import LoreCore

/// Runs a command body; a `LoreError` becomes a one-line message on stderr and an exit code
/// by error category, instead of a stack of Swift error text.
func reportingLoreErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as LoreError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode(exitStatus(for: error.code.category))
    } catch let interrupted as Interrupted {
        FileHandle.standardError.write(Data("lore: \(interrupted.description)\n".utf8))
        throw ExitCode(interrupted.exitStatus)
    }
}

/// Exit status per error category (sysexits-style where one fits).
func exitStatus(for category: ErrorCode.Category) -> Int32 {
    switch category {
    case .invalidInput: return 65          // EX_DATAERR
    case .unsupportedMedia: return 65
    case .tooLarge: return 65
    case .notFound: return 66              // EX_NOINPUT
    case .unavailable: return 69           // EX_UNAVAILABLE
    case .timeout: return 75               // EX_TEMPFAIL
    case .unauthenticated, .forbidden: return 77 // EX_NOPERM
    case .conflict, .rateLimited, .upstream: return 75
    case .internalFailure: return 70       // EX_SOFTWARE
    }
}

/// Writes JSON to a file, creating its folder.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try encoder.encode(value).write(to: url)
}

/// JSON text for stdout.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
