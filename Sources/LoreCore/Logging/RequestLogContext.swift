import Logging

/// The HTTP request a task works for, so that every log line written while serving it — by the
/// API, the services it calls, the database layer — carries `lore.request`, not only the lines
/// written through the request's own logger. The API sets it per request; the process's log
/// handlers read it through `metadataProvider`.
public enum RequestLogContext {
    @TaskLocal public static var requestID: String?

    public static let metadataProvider = Logger.MetadataProvider {
        requestID.map { ["lore.request": .string($0)] } ?? [:]
    }
}
