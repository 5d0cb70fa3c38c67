import Foundation
import LoreCore
import Synchronization

/// Owns a `BertEncoder` on a dedicated thread and feeds it from a queue.
///
/// Forward passes are CPU-bound and can take seconds, so they never run on Swift's cooperative
/// thread pool (which would stall every other task on a 2-core server). Callers from any number
/// of tasks enqueue token sequences and await; the worker packs queued sequences from several
/// requests into one pass up to a token budget (concurrent small requests share a pass, a large
/// request is split over several), and resumes each request when all its vectors are done.
/// Search queries (`urgent`) go first: a query that arrives while a large batch of documents is
/// being embedded waits for the pass in progress only, not for the whole batch. A pass runs in
/// one precision: requests in the other wait for the next pass. A pass of queries only runs on
/// `queryTeam` (one thread by default: on a busy server the second thread's share of a short
/// pass costs more in synchronisation than it saves).
final class EmbeddingWorker: @unchecked Sendable {
    /// Set from a task's cancellation handler, read by the worker.
    private final class CancellationFlag: Sendable {
        let isSet = Atomic<Bool>(false)
    }

    /// One caller's sequences; its mutable state is touched by the worker thread only.
    private final class Request {
        let sequences: [[Int32]]
        let precision: EncoderPrecision
        let urgent: Bool
        var vectors: [[Float]]
        var next = 0
        let continuation: CheckedContinuation<[[Float]], any Error>
        let cancellation: CancellationFlag
        init(sequences: [[Int32]], precision: EncoderPrecision, urgent: Bool, continuation: CheckedContinuation<[[Float]], any Error>,
             cancellation: CancellationFlag) {
            self.sequences = sequences
            self.precision = precision
            self.urgent = urgent
            self.vectors = []
            self.vectors.reserveCapacity(sequences.count)
            self.continuation = continuation
            self.cancellation = cancellation
        }
    }

    private let encoder: BertEncoder
    private let queryTeam: ComputeTeam
    private let tokenBudget: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Request] = []
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private let collectedProfile = Mutex(EncoderProfile())

    /// `queryThreads` (at most the encoder's team) run passes made only of urgent requests.
    init(encoder: BertEncoder, tokenBudget: Int, queryThreads: Int) {
        self.encoder = encoder
        self.queryTeam = queryThreads >= encoder.team.size ? encoder.team : ComputeTeam(size: queryThreads)
        self.tokenBudget = max(tokenBudget, encoder.maxSequenceLength)
        let thread = Thread { [self] in run() }
        thread.name = "lore.minilm"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// What profiling collected since the last reset (empty unless the encoder profiles).
    var profile: EncoderProfile { collectedProfile.withLock { $0 } }

    func resetProfile() { collectedProfile.withLock { $0 = EncoderProfile() } }

    /// Ends the thread after failing whatever is still queued; idempotent.
    func stop() {
        condition.lock()
        let wasStopping = stopping
        stopping = true
        condition.broadcast()
        condition.unlock()
        if !wasStopping { finished.wait() }
    }

    func embed(_ sequences: [[Int32]], precision: EncoderPrecision = .float32, urgent: Bool = false) async throws -> [[Float]] {
        guard !sequences.isEmpty else { return [] }
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let request = Request(sequences: sequences, precision: precision, urgent: urgent, continuation: continuation,
                                      cancellation: cancellation)
                condition.lock()
                if stopping {
                    condition.unlock()
                    continuation.resume(throwing: LoreError(.modelLoad, "the embedding engine has been shut down"))
                    return
                }
                queue.append(request)
                condition.signal()
                condition.unlock()
            }
        } onCancel: {
            cancellation.isSet.store(true, ordering: .relaxed)
        }
    }

    private func run() {
        while let (precision, batch) = takeBatch() {
            var pass: [[Int32]] = []
            for part in batch { pass.append(contentsOf: part.request.sequences[part.range]) }
            let size = encoder.configuration.hiddenSize
            var output = [Float](repeating: 0, count: pass.count * size)
            let started = EncoderProfiler.wallClock()
            let team = batch.allSatisfy { $0.request.urgent } ? queryTeam : encoder.team
            output.withUnsafeMutableBufferPointer { encoder.encode(pass, precision: precision, team: team, into: $0.baseAddress!) }
            if let profiler = encoder.profiler {
                var profile = EncoderProfile()
                profile.passes = 1
                profile.tokens = pass.reduce(0) { $0 + $1.count }
                profile.wallSeconds = Double(EncoderProfiler.wallClock() - started) * 1e-9
                profile.threadSeconds = profiler.drain()
                collectedProfile.withLock { $0.merge(profile) }
            }
            var row = 0
            for part in batch {
                for _ in part.range {
                    part.request.vectors.append(Array(output[(row * size)..<((row + 1) * size)]))
                    row += 1
                }
                if part.request.vectors.count == part.request.sequences.count {
                    part.request.continuation.resume(returning: part.request.vectors)
                }
            }
        }
        encoder.team.shutdown()
        queryTeam.shutdown()
        finished.signal()
    }

    /// Waits for work and takes sequences up to the token budget (always at least one): urgent
    /// requests first, each group in queue order, only in the precision of the first one taken.
    /// Cancelled requests are failed here. Returns nil on shutdown.
    private func takeBatch() -> (EncoderPrecision, [(request: Request, range: Range<Int>)])? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopping {
                for request in queue {
                    request.continuation.resume(throwing: LoreError(.modelLoad, "the embedding engine has been shut down"))
                }
                queue.removeAll()
                return nil
            }
            queue.removeAll { request in
                guard request.cancellation.isSet.load(ordering: .relaxed) else { return false }
                request.continuation.resume(throwing: CancellationError())
                return true
            }
            if !queue.isEmpty { break }
            condition.wait()
        }
        let order = queue.indices.filter { queue[$0].urgent } + queue.indices.filter { !queue[$0].urgent }
        let precision = queue[order[0]].precision
        var batch: [(request: Request, range: Range<Int>)] = []
        var done = Set<Int>()
        var tokens = 0
        for index in order where queue[index].precision == precision {
            let request = queue[index]
            let start = request.next
            var end = start
            while end < request.sequences.count {
                let length = request.sequences[end].count
                if tokens > 0 && tokens + length > tokenBudget { break }
                tokens += length
                end += 1
            }
            if end > start { batch.append((request, start..<end)) }
            request.next = end
            if end < request.sequences.count { break }
            done.insert(index)
        }
        if !done.isEmpty { queue = queue.indices.filter { !done.contains($0) }.map { queue[$0] } }
        return (precision, batch)
    }
}
