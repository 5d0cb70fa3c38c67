import Foundation
import Logging
import LoreCore

/// Structured logs to stderr: JSON lines (`LORE_LOG_FORMAT=json`) or readable text.
enum LoggingSetup {
    private static let once = Once()

    @discardableResult
    static func bootstrap(_ config: LoreConfiguration, defaultLevel: Logger.Level? = nil) -> Logger {
        let level = defaultLevel ?? Logger.Level(rawValue: config.logLevel) ?? .info
        let json = config.logFormat == "json"
        once.run {
            // Lines written while serving a request carry its id, whoever writes them.
            LoggingSystem.bootstrap({ label, provider in
                var handler: any LogHandler = json ? JSONLogHandler(label: label, metadataProvider: provider)
                    : StreamLogHandler.standardError(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: RequestLogContext.metadataProvider)
        }
        var logger = Logger(label: "lore")
        logger.logLevel = level
        return logger
    }
}

/// Runs a closure at most once per process (logging can be bootstrapped only once).
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func run(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        body()
    }
}

/// One JSON object per line on stderr: time, level, label, message and metadata.
struct JSONLogHandler: LogHandler {
    let label: String
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: Any] = [
            "ts": ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        let merged = metadata.merging(metadataProvider?.get() ?? [:], uniquingKeysWith: { $1 }).merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        for (key, value) in merged { object[key] = Self.plain(value) }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return a.map(plain)
        case .dictionary(let d): return d.mapValues(plain)
        }
    }
}
