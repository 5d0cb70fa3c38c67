/// What one successful provider request consumed, for cost accounting.
public struct ProviderUsage: Sendable, Hashable, Codable {
    public enum Operation: String, Sendable, Codable {
        case embedding
        case transcription
        case vision
    }

    /// The provider's name from its configuration (for example "openai").
    public var provider: String
    public var model: String
    public var operation: Operation
    /// Who the work was for (an organisation id), from `UsageAttribution.organization`.
    public var attribution: String?
    /// Texts embedded or audio pieces transcribed by the request.
    public var inputCount: Int
    public var promptTokens: Int
    public var totalTokens: Int
    /// Audio sent for transcription.
    public var audioSeconds: Double

    public init(provider: String, model: String, operation: Operation, attribution: String?, inputCount: Int,
                promptTokens: Int = 0, totalTokens: Int = 0, audioSeconds: Double = 0) {
        self.provider = provider
        self.model = model
        self.operation = operation
        self.attribution = attribution
        self.inputCount = inputCount
        self.promptTokens = promptTokens
        self.totalTokens = totalTokens
        self.audioSeconds = audioSeconds
    }
}

/// Receives usage after every successful provider request (the lead stores it per organisation).
public protocol ProviderUsageRecorder: Sendable {
    func record(_ usage: ProviderUsage) async
}

/// Collects usage in memory; useful for command-line tools and tests.
public actor ProviderUsageLog: ProviderUsageRecorder {
    public private(set) var entries: [ProviderUsage] = []
    public init() {}
    public func record(_ usage: ProviderUsage) { entries.append(usage) }
}
