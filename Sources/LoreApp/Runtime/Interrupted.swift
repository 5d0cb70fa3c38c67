import Foundation
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// A one-shot command stopped by SIGINT or SIGTERM (`LoreRuntime.run`); the shell's convention
/// for its exit status is 128 plus the signal's number.
public struct Interrupted: Error, CustomStringConvertible {
    public let signal: UnixSignal

    public var exitStatus: Int32 { 128 + signal.rawValue }
    public var description: String { "interrupted by \(signal): what it had not committed is rolled back" }
}

/// How `LoreRuntime.run` ended first: its body, or a signal.
enum RunOutcome<T: Sendable>: Sendable {
    case finished(Result<T, any Error>)
    case signalled(UnixSignal)
}

enum InterruptSignals {
    /// Trapping a signal ignores it for the rest of the process; once a one-shot run is over,
    /// Ctrl-C ends the process again.
    static func restoreDefaults() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
