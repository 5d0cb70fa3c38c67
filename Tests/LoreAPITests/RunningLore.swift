import Foundation
import Synchronization
import Testing

/// `lore ARGUMENTS` started as an operator starts it — the built binary, a small buffer cache
/// for the embedded PostgreSQL it starts, no remote target — with everything it writes
/// collected as it arrives, for tests that watch a process run and then stop it.
final class RunningLore {
    let process = Process()
    let log = ProcessLog()
    private let pipe = Pipe()

    /// `dataDirectory`: its `LORE_DATA_DIR` (or a `--data-dir` among the arguments).
    init(_ arguments: [String], dataDirectory: URL? = nil, environment extra: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: try RemoteCLITests.binary())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LORE_DATA_DIR"] = dataDirectory?.path
        environment["LORE_DB_SHARED_BUFFERS_MB"] = "128"
        environment["LORE_URL"] = nil
        environment["LORE_API_KEY"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardError = pipe
        process.standardOutput = pipe
        let log = self.log
        pipe.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        pipe.fileHandleForReading.readabilityHandler = nil
    }

    var isRunning: Bool { process.isRunning }

    /// The first line it logged containing `text`, waiting up to a minute; nil if it ended first.
    func line(containing text: String) async throws -> String? {
        for _ in 0..<600 {
            if let line = log.text.withLock({ $0.split(separator: "\n").first { $0.contains(text) }.map(String.init) }) { return line }
            guard process.isRunning else { return nil }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Waits (up to `limit`) while it runs and `condition` does not hold.
    func wait(until condition: () -> Bool, limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
    }

    /// Sends `signal` (none: lets it end by itself), waits up to `limit` for it to end and for the
    /// last of its output, and returns how it ended (nil if it still runs).
    func end(sending signal: Int32? = nil, limit: Duration = .seconds(60)) async throws -> (reason: Process.TerminationReason, status: Int32)? {
        if let signal { kill(process.processIdentifier, signal) }
        try await wait(until: { false }, limit: limit)
        // Its last lines may still be in the pipe: read to the end of its output (a few seconds at most).
        for _ in 0..<50 where !log.ended { try await Task.sleep(for: .milliseconds(100)) }
        return process.isRunning ? nil : (process.terminationReason, process.terminationStatus)
    }
}

/// What a process wrote to its output pipe, as it arrives; `ended` once the pipe reached its end.
final class ProcessLog: Sendable {
    let text = Mutex("")
    private let finished = Mutex(false)

    func append(_ data: Data) {
        if data.isEmpty { finished.withLock { $0 = true } }
        text.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }

    var contents: String { text.withLock { $0 } }
    var ended: Bool { finished.withLock { $0 } }
}
