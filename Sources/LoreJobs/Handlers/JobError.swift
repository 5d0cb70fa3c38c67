import LoreCore

public extension ErrorCode {
    static let invalidJobKind = ErrorCode("invalid_job_kind", .invalidInput)
    static let unknownJobKind = ErrorCode("unknown_job_kind", .invalidInput)
    static let invalidJobPayload = ErrorCode("invalid_job_payload", .invalidInput)
    static let jobPayloadTooLarge = ErrorCode("job_payload_too_large", .tooLarge)
    static let invalidJobPriority = ErrorCode("invalid_job_priority", .invalidInput)
    static let invalidJobDelay = ErrorCode("invalid_job_delay", .invalidInput)
    static let jobNotFound = ErrorCode("job_not_found", .notFound)
    static let jobStateConflict = ErrorCode("job_state_conflict", .conflict)
    static let jobLeaseLost = ErrorCode("job_lease_lost", .conflict)
    static let jobTimedOut = ErrorCode("job_timed_out", .timeout)
    static let invalidSchedule = ErrorCode("invalid_schedule", .invalidInput)
}

/// Errors a job handler throws to steer the queue. Any other error is retried with backoff,
/// except `LoreError`s whose category says retrying cannot help (see `JobFailure`).
public enum JobError: Error, Sendable, Equatable {
    /// Fails the job for good: it goes to the dead-letter queue without further attempts.
    case permanent(String)
    /// The worker no longer holds the job's lease (it was rescued, cancelled or completed
    /// elsewhere); whatever this attempt wanted to write must not be written.
    case leaseLost

    /// Whether the queue will retry a job whose handler threw `error` (if attempts remain).
    public static func isRetryable(_ error: any Error) -> Bool { JobFailure.classify(error).retryable }
}

/// How a failed attempt is recorded: a stable code, a message for operators, and whether
/// another attempt may help.
struct JobFailure: Sendable, Equatable {
    var code: String
    var message: String
    var retryable: Bool

    /// Longest message kept per attempt (the history keeps every attempt).
    static let maxMessageLength = 2000

    init(code: String, message: String, retryable: Bool) {
        self.code = code
        self.message = String(message.prefix(Self.maxMessageLength))
        self.retryable = retryable
    }

    /// Classifies an error thrown by a handler. Bad input, unsupported media, too large and
    /// not found will fail the same way next time, so they are permanent.
    static func classify(_ error: any Error) -> JobFailure {
        switch error {
        case JobError.permanent(let message):
            return JobFailure(code: "permanent", message: message, retryable: false)
        case JobError.leaseLost:
            return JobFailure(code: ErrorCode.jobLeaseLost.rawValue, message: "the worker lost the job's lease", retryable: true)
        case let lore as LoreError:
            switch lore.code.category {
            case .invalidInput, .unsupportedMedia, .tooLarge, .notFound:
                return JobFailure(code: lore.code.rawValue, message: lore.message, retryable: false)
            default:
                return JobFailure(code: lore.code.rawValue, message: lore.message, retryable: true)
            }
        case is CancellationError:
            return JobFailure(code: "cancelled", message: "the attempt was cancelled", retryable: true)
        default:
            return JobFailure(code: "error", message: "\(type(of: error)): \(error)", retryable: true)
        }
    }
}
