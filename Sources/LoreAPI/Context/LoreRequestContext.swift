import Hummingbird
import LoreApp
import LoreCore
import Logging

/// Per-request state: the request id and, once authenticated, the caller.
public struct LoreRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    public var caller: Caller?

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// JSON bodies are small; uploads stream and do not use this limit.
    public var maxUploadSize: Int { 1 << 20 }

    /// The authenticated caller; routes registered with an API-key requirement always have one.
    public func requireCaller() throws -> Caller {
        guard let caller else { throw LoreError(.unauthenticated, "authentication is required") }
        return caller
    }
}
