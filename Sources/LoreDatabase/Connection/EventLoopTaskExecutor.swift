import NIOCore

/// Runs a task's jobs on one NIO event loop (`withTaskExecutorPreference`), so that a body which
/// only runs statements on a connection of that loop resumes after each one where the reply
/// arrived, instead of waking a thread of the cooperative pool and then the loop again for the
/// next statement (two thread hand-offs a round trip).
///
/// Only for short bodies: while a job runs here, the loop serves none of its other channels.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
