import Foundation

/// How a worker pool runs.
public struct WorkerConfiguration: Sendable {
    /// Jobs run at the same time.
    public var concurrency: Int
    /// Names this worker in leases and logs (host, process and a random suffix).
    public var workerID: String
    /// Idle workers wait for a notification, but check the queue at least this often (delayed
    /// jobs becoming due, a lost notification).
    public var pollInterval: Duration
    /// On graceful shutdown, running jobs get this long to finish before they are interrupted
    /// and handed back to the queue.
    public var shutdownDeadline: Duration
    /// How often the worker checks which leases are due for renewal (each is renewed a third
    /// of its length after the claim or the previous renewal).
    public var heartbeatCheckInterval: Duration

    public init(concurrency: Int = 4, workerID: String? = nil, pollInterval: Duration = .seconds(1),
                shutdownDeadline: Duration = .seconds(25), heartbeatCheckInterval: Duration = .milliseconds(200)) {
        self.concurrency = max(1, concurrency)
        self.workerID = workerID ?? WorkerConfiguration.defaultWorkerID()
        self.pollInterval = pollInterval
        self.shutdownDeadline = shutdownDeadline
        self.heartbeatCheckInterval = heartbeatCheckInterval
    }

    public static func defaultWorkerID() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(6).lowercased())"
    }
}
