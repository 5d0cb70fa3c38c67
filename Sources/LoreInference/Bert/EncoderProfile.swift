#if canImport(Glibc)
import Glibc
#endif

/// The parts of a forward pass that time is attributed to.
public enum EncoderStage: String, Sendable, Codable, CaseIterable {
    /// Token, position and type embedding lookup with its LayerNorm.
    case embedding
    /// The four linear layers per block (QKV, attention output, FFN up, FFN down): sgemm.
    case projectionGEMM = "projection_gemm"
    /// Bias added after the QKV product.
    case bias
    /// Q·Kᵀ and P·V per head: sgemm.
    case attentionGEMM = "attention_gemm"
    case softmax
    /// Bias + exact GELU after the FFN up-projection.
    case gelu
    /// Residual add + bias + LayerNorm (twice per block).
    case layerNorm = "layer_norm"
    /// Mean pooling and L2 normalisation.
    case pooling
}

/// Where a forward pass spends its time: thread CPU seconds per stage, summed over all threads,
/// plus the passes' wall time. Collected only when `MiniLMEmbedder.Configuration.profile` is on.
public struct EncoderProfile: Sendable, Codable, Equatable {
    public var passes = 0
    public var tokens = 0
    public var wallSeconds = 0.0
    public var threadSeconds: [EncoderStage: Double] = [:]

    public init() {}

    /// Share of measured thread time per stage (0…1).
    public var shares: [EncoderStage: Double] {
        let total = threadSeconds.values.reduce(0, +)
        guard total > 0 else { return [:] }
        return threadSeconds.mapValues { $0 / total }
    }

    mutating func merge(_ other: EncoderProfile) {
        passes += other.passes
        tokens += other.tokens
        wallSeconds += other.wallSeconds
        threadSeconds.merge(other.threadSeconds, uniquingKeysWith: +)
    }
}

/// Per-thread stage timers for one encoder. Each worker writes only its own padded row, and the
/// owner reads them between parallel regions (the team's barrier orders the accesses).
///
/// Stages are timed in *thread CPU time*, so time a thread spends descheduled (other processes
/// on a busy machine) does not distort the shares.
final class EncoderProfiler {
    private static let stages = EncoderStage.allCases
    /// Doubles per worker row: one cache line pair, so workers never share a line.
    private static let rowStride = 16
    private let workers: Int
    private let slots: UnsafeMutablePointer<Double>

    init(workers: Int) {
        precondition(Self.stages.count <= Self.rowStride)
        self.workers = workers
        slots = .allocate(capacity: workers * Self.rowStride)
        slots.initialize(repeating: 0, count: workers * Self.rowStride)
    }

    deinit { slots.deallocate() }

    /// CPU time of the calling thread in nanoseconds.
    @inline(__always)
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Wall-clock time in nanoseconds.
    @inline(__always)
    static func wallClock() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    @inline(__always)
    func add(_ stage: EncoderStage, worker: Int, from start: UInt64, to end: UInt64) {
        let index = Self.stages.firstIndex(of: stage)!
        slots[worker * Self.rowStride + index] += Double(end &- start) * 1e-9
    }

    /// Returns what was collected since the last call and starts again from zero.
    func drain() -> [EncoderStage: Double] {
        var totals: [EncoderStage: Double] = [:]
        for (index, stage) in Self.stages.enumerated() {
            var sum = 0.0
            for worker in 0..<workers {
                sum += slots[worker * Self.rowStride + index]
                slots[worker * Self.rowStride + index] = 0
            }
            if sum > 0 { totals[stage] = sum }
        }
        return totals
    }
}
