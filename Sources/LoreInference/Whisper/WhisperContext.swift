import CWhisper
import Dispatch
import Foundation
import LoreCore

/// One segment as whisper.cpp returned it, in seconds from the start of the samples given.
struct WhisperRawSegment: Sendable {
    var start: Double
    var end: Double
    var text: String
}

/// Per-run decoding choices handed to whisper_full.
struct WhisperRunOptions: Sendable {
    var threads: Int
    var language: String?
    var beamSize: Int
    var audioContext: Int
    var prompt: String?
    var temperatureFallback: Bool
    var timeLimit: Double
}

/// A loaded model and its decoding state, used by one transcription at a time.
///
/// whisper.cpp's context is not thread-safe and a run blocks its thread for seconds, so every
/// call goes to a private serial queue: runs are serialised without blocking Swift's cooperative
/// pool, and a cancelled task fires the run's abort flag, which whisper.cpp checks between steps.
final class WhisperContext: @unchecked Sendable {
    // Touched only on `queue` (and in deinit, when no run can be in flight).
    private let handle: OpaquePointer
    private let queue = DispatchQueue(label: "lore.whisper")

    init(configuration: WhisperConfiguration) throws {
        guard FileManager.default.isReadableFile(atPath: configuration.modelPath) else {
            throw LoreError(.toolsMissing, "the Whisper model \(configuration.modelPath) is missing: run scripts/setup")
        }
        try WhisperLibrary.load(path: configuration.libraryPath)
        var error = [CChar](repeating: 0, count: 512)
        guard let handle = lore_whisper_open(configuration.modelPath, configuration.flashAttention, &error, error.count) else {
            throw LoreError(.modelLoad, String(cBuffer: error))
        }
        self.handle = handle
    }

    deinit { lore_whisper_close(handle) }

    func run(_ samples: [Float], options: WhisperRunOptions) async throws -> [WhisperRawSegment] {
        guard let cancel = lore_whisper_cancel_create() else { throw LoreError(.internalError, "out of memory") }
        let flag = CancelFlag(cancel)
        defer { lore_whisper_cancel_destroy(cancel) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { [self] in
                    continuation.resume(with: Result { try runNow(samples, options: options, cancel: flag) })
                }
            }
        } onCancel: {
            flag.fire()
        }
    }

    /// The spoken language of the first 30 s of `samples` and its probability.
    func detectLanguage(_ samples: [Float], threads: Int, audioContext: Int) async throws -> (code: String, probability: Float) {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                continuation.resume(with: Result {
                    var code = [CChar](repeating: 0, count: 16)
                    var error = [CChar](repeating: 0, count: 512)
                    var probability: Float = 0
                    let status = samples.withUnsafeBufferPointer { buffer in
                        lore_whisper_detect_language(handle, buffer.baseAddress, Int32(buffer.count), Int32(threads), Int32(audioContext),
                                                     &code, code.count, &probability, &error, error.count)
                    }
                    guard status == Int32(LORE_WHISPER_OK) else { throw LoreError(.transcriptionFailed, String(cBuffer: error)) }
                    return (String(cBuffer: code), probability)
                })
            }
        }
    }

    private func runNow(_ samples: [Float], options: WhisperRunOptions, cancel: CancelFlag) throws -> [WhisperRawSegment] {
        // A task cancelled before its turn in the queue does not start.
        if cancel.fired { throw CancellationError() }
        var error = [CChar](repeating: 0, count: 512)
        let status: Int32 = withOptionalCString(options.language) { language in
            withOptionalCString(options.prompt) { prompt in
                var cOptions = lore_whisper_options(
                    threads: Int32(options.threads),
                    language: language,
                    beam_size: Int32(options.beamSize),
                    audio_ctx: Int32(options.audioContext),
                    initial_prompt: prompt,
                    temperature_fallback: options.temperatureFallback,
                    cancel: cancel.pointer,
                    time_limit_seconds: options.timeLimit)
                return samples.withUnsafeBufferPointer { buffer in
                    lore_whisper_transcribe(handle, &cOptions, buffer.baseAddress, Int32(buffer.count), &error, error.count)
                }
            }
        }
        switch status {
        case Int32(LORE_WHISPER_OK):
            break
        case Int32(LORE_WHISPER_CANCELLED):
            throw CancellationError()
        case Int32(LORE_WHISPER_DEADLINE):
            throw LoreError(.transcriptionTimeout, "transcription stopped after its time budget of \(Int(options.timeLimit)) s")
        default:
            throw LoreError(.transcriptionFailed, String(cBuffer: error))
        }
        let count = lore_whisper_segment_count(handle)
        return (0..<count).map { index in
            WhisperRawSegment(
                start: Double(lore_whisper_segment_start_ms(handle, index)) / 1000,
                end: Double(lore_whisper_segment_end_ms(handle, index)) / 1000,
                text: String(cString: lore_whisper_segment_text(handle, index)))
        }
    }
}

/// The C cancellation flag, shared between the cancelling task and the decoding thread
/// (it is an atomic int on the C side).
private struct CancelFlag: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    func fire() { lore_whisper_cancel_fire(pointer) }
    var fired: Bool { lore_whisper_cancel_fired(pointer) }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
