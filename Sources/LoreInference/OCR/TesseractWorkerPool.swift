import Foundation
import LoreCore

/// Dedicated threads for Tesseract, each with its own initialised engines.
///
/// Tesseract calls block a thread for hundreds of milliseconds; running them on Swift's
/// cooperative pool would starve every other task. Jobs queue here instead, at most `threadCount`
/// run at once, and each thread keeps one `TesseractHandle` per language set (plus one for
/// orientation detection) that it reuses for every later image: loading a model costs more than
/// recognising a page.
final class TesseractWorkerPool: @unchecked Sendable {
    /// What a job sees: the engines owned by the thread it runs on.
    final class ThreadEngines {
        let tessdata: TessdataDirectory
        private var handles: [String: TesseractHandle] = [:]
        /// Least recently used first; bounds memory when callers cycle through many language sets.
        private var order: [String] = []
        private let maxHandles: Int

        init(tessdata: TessdataDirectory, maxHandles: Int) {
            self.tessdata = tessdata
            self.maxHandles = maxHandles
        }

        func handle(for languages: String) throws -> TesseractHandle {
            if let handle = handles[languages] {
                order.removeAll { $0 == languages }
                order.append(languages)
                return handle
            }
            let handle = try TesseractHandle(tessdata: tessdata, languages: languages)
            handles[languages] = handle
            order.append(languages)
            if order.count > maxHandles { handles[order.removeFirst()] = nil }
            return handle
        }

        func releaseAll() {
            handles.removeAll()
            order.removeAll()
        }
    }

    private typealias Job = (ThreadEngines) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopping = false
    private var running = 0
    let threadCount: Int

    init(tessdata: TessdataDirectory, threadCount: Int, maxHandlesPerThread: Int = 4) {
        self.threadCount = max(1, threadCount)
        for index in 0..<self.threadCount {
            let thread = Thread { [self] in
                OpenMPThreads.adaptToLoad()
                let engines = ThreadEngines(tessdata: tessdata, maxHandles: maxHandlesPerThread)
                workLoop(engines)
                // Engines are freed on the thread that used them.
                engines.releaseAll()
                condition.withLock {
                    running -= 1
                    condition.broadcast()
                }
            }
            thread.name = "lore.tesseract.\(index)"
            // Tesseract's layout analysis recurses; give it more than the default secondary stack.
            thread.stackSize = 16 << 20
            condition.withLock { running += 1 }
            thread.start()
        }
    }

    /// Runs `work` on one of the pool's threads and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable (ThreadEngines) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job: Job = { engines in
                do { continuation.resume(returning: try work(engines)) } catch { continuation.resume(throwing: error) }
            }
            let accepted = condition.withLock { () -> Bool in
                guard !stopping else { return false }
                jobs.append(job)
                condition.signal()
                return true
            }
            if !accepted { continuation.resume(throwing: LoreError(.ocrEngineUnavailable, "the OCR engine has shut down")) }
        }
    }

    /// Lets queued jobs finish, then ends the threads and frees their engines; waits for that.
    func shutdown() {
        condition.withLock {
            stopping = true
            condition.broadcast()
            while running > 0 { condition.wait() }
        }
    }

    private func workLoop(_ engines: ThreadEngines) {
        while true {
            let next: Job? = condition.withLock {
                while jobs.isEmpty && !stopping { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let job = next else { return }
            job(engines)
        }
    }
}

/// Tesseract's LSTM asks OpenMP for four threads per line. On a busy machine (our own worker
/// threads, other workers, other processes) that oversubscribes the cores and the spinning
/// threads cost more than they give: measured 3–4× slower on a loaded 2-core machine. Enabling
/// OpenMP's dynamic adjustment on each Tesseract thread (a per-thread setting) lets libgomp
/// shrink those teams to what the load average leaves free. Looked up at run time so a
/// Tesseract built without OpenMP needs nothing.
enum OpenMPThreads {
    static func adaptToLoad() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_dynamic") else { return }
        typealias SetDynamic = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetDynamic.self)(1)
    }
}
