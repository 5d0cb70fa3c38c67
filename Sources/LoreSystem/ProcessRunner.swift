import Foundation
import LoreCore
import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Resource limits for one external program run (ffmpeg, poppler, pg_ctl, …).
///
/// Untrusted media is decoded by external programs; every run is bounded so a hostile file can
/// cost at most these resources: wall-clock time (the whole process group is killed), CPU time
/// and address space (applied with `prlimit` before the program starts), and collected output.
public struct ProcessLimits: Sendable {
    public var wallClock: Duration
    public var cpuSeconds: Int?
    public var addressSpaceBytes: Int?
    public var maxOutputBytes: Int
    public var maxErrorBytes: Int

    public init(
        wallClock: Duration = .seconds(60),
        cpuSeconds: Int? = nil,
        addressSpaceBytes: Int? = nil,
        maxOutputBytes: Int = 16 << 20,
        maxErrorBytes: Int = 256 << 10
    ) {
        self.wallClock = wallClock
        self.cpuSeconds = cpuSeconds
        self.addressSpaceBytes = addressSpaceBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxErrorBytes = maxErrorBytes
    }
}

/// What a finished program left behind.
public struct ProcessOutput: Sendable {
    public var exitCode: Int32
    /// Signal number when the program was killed by a signal.
    public var signal: Int32?
    public var standardOutput: [UInt8]
    public var standardError: String

    public var succeeded: Bool { exitCode == 0 && signal == nil }
    public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
}

/// The account a program runs as (used to run PostgreSQL as an unprivileged user when Lore is root).
public struct RunAs: Sendable, Equatable {
    public var uid: UInt32
    public var gid: UInt32
    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }
}

public extension ErrorCode {
    static let processTimeout = ErrorCode("process_timeout", .timeout)
    static let processFailed = ErrorCode("process_failed", .internalFailure)
    static let processOutputTooLarge = ErrorCode("process_output_too_large", .tooLarge)
    static let programMissing = ErrorCode("program_missing", .unavailable)
}

/// Runs external programs with limits, in their own session so a timeout kills every child too.
public enum ProcessRunner {
    /// Runs `executable` (a path, or a name looked up in `PATH`) and collects its output.
    /// A non-zero exit is returned, not thrown; limits and launch failures throw `LoreError`.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        input: [UInt8]? = nil,
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        limits: ProcessLimits = ProcessLimits(),
        runAs: RunAs? = nil
    ) async throws -> ProcessOutput {
        let resolved = try resolve(executable)
        var program = resolved
        var args = arguments
        let rlimits = limitArguments(limits)
        if !rlimits.isEmpty {
            program = try resolve("prlimit")
            args = rlimits + ["--", resolved] + arguments
        }
        // coreutils `timeout` runs the program in a process group of its own and signals the
        // whole group when time is up (TERM, then KILL 2 s later), grandchildren included.
        let seconds = limits.wallClock.seconds
        args = ["--kill-after=2", String(format: "%.3f", max(0.001, seconds)), program] + args
        program = try resolve("timeout")
        // Switching user happens in a small exec'd helper (util-linux setpriv), not between
        // fork and exec in this multi-threaded process, where glibc's setgroups/setuid can
        // deadlock waiting on threads that do not exist in the child.
        if let runAs {
            args = ["--reuid=\(runAs.uid)", "--regid=\(runAs.gid)", "--clear-groups", "--", program] + args
            program = try resolve("setpriv")
        }

        var options = PlatformOptions()
        options.createSession = true
        // On timeout the run is cancelled; kill the whole session so no grandchild survives.
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
        var env: [Environment.Key: String?] = [:]
        for (key, value) in environment { env[Environment.Key(stringLiteral: key)] = value }
        let configuration = Configuration(
            executable: .path(FilePath(program)),
            arguments: Arguments(args),
            environment: .inherit.updating(env),
            workingDirectory: workingDirectory.map { FilePath($0) },
            platformOptions: options
        )

        let deadline = limits.wallClock
        let name = (executable as NSString).lastPathComponent
        do {
            let result = try await withThrowingTaskGroup(of: ProcessOutput?.self) { group in
                group.addTask {
                    // No input: no stdin pipe at all. swift-subprocess 1.0 cancels the task that
                    // writes stdin when the child exits, and a writer cancelled before it closed
                    // its descriptor is a fatal error ("FileDescriptor … was not closed") — seen
                    // once in CI with an empty input.
                    let output = BytesOutput.bytes(limit: limits.maxOutputBytes), error = BytesOutput.bytes(limit: limits.maxErrorBytes)
                    let result = try await InFlightWaits.track(name, phase: "external program running") { _ in
                        if let input {
                            try await Subprocess.run(configuration, input: .array(input), output: output, error: error)
                        } else {
                            try await Subprocess.run(configuration, input: .none, output: output, error: error)
                        }
                    }
                    return ProcessOutput(
                        exitCode: result.terminationStatus.exitCode,
                        signal: result.terminationStatus.signal,
                        standardOutput: result.standardOutput,
                        standardError: String(decoding: result.standardError, as: UTF8.self)
                    )
                }
                // Backstop in case `timeout` itself cannot act (it normally ends the run first).
                group.addTask {
                    try await Task.sleep(for: deadline + .seconds(5))
                    return nil
                }
                guard let first = try await group.next() else { throw CancellationError() }
                group.cancelAll()
                if let output = first {
                    if output.exitCode == 124 || (output.exitCode == 137 && output.signal == nil) {
                        throw LoreError(.processTimeout, "\(name) did not finish within \(deadline)")
                    }
                    return output
                }
                throw LoreError(.processTimeout, "\(name) did not finish within \(deadline)")
            }
            return result
        } catch let error as LoreError {
            throw error
        } catch let error as SubprocessError {
            let text = "\(error)"
            if text.lowercased().contains("limit") || text.lowercased().contains("exceed") {
                throw LoreError(.processOutputTooLarge, "\(name) produced more output than allowed")
            }
            throw LoreError(.processFailed, "\(name) could not run: \(text)")
        }
    }

    /// Finds an executable: absolute or relative paths as given, bare names in `PATH`.
    public static func resolve(_ executable: String) throws -> String {
        if executable.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw LoreError(.programMissing, "\(executable) is not an executable file")
            }
            return executable
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        for dir in dirs {
            let candidate = "\(dir)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LoreError(.programMissing, "\(executable) is not installed (run scripts/setup)")
    }

    static func limitArguments(_ limits: ProcessLimits) -> [String] {
        var args: [String] = []
        if let cpu = limits.cpuSeconds { args.append("--cpu=\(cpu)") }
        if let bytes = limits.addressSpaceBytes { args.append("--as=\(bytes)") }
        return args
    }
}

extension TerminationStatus {
    var exitCode: Int32 {
        switch self {
        case .exited(let code): return Int32(code)
        default: return -1
        }
    }
    var signal: Int32? {
        switch self {
        case .signaled(let code): return Int32(code)
        default: return nil
        }
    }
}
