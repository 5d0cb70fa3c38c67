import Foundation
import LoreCore

public extension ErrorCode {
    static let invalidDataset = ErrorCode("invalid_dataset", .invalidInput)
}

/// A retrieval collection in BEIR's layout: `corpus.jsonl` (`_id`, `title`, `text`),
/// `queries.jsonl` (`_id`, `text`) and `qrels/test.tsv` (query-id, corpus-id, score, with a header).
public struct BEIRDataset: Sendable {
    public struct Document: Sendable {
        public var id: String
        public var title: String
        public var text: String
    }

    public struct Query: Sendable {
        public var id: String
        public var text: String
    }

    public var name: String
    public var corpus: [Document]
    public var queries: [Query]
    /// query id → (document id → graded relevance)
    public var qrels: [String: [String: Int]]

    public static func load(from directory: URL, split: String = "test") throws -> BEIRDataset {
        func lines(_ name: String) throws -> [Substring] {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw LoreError(.invalidDataset, "cannot read \(url.path) (a BEIR folder has corpus.jsonl, queries.jsonl and qrels/\(split).tsv)")
            }
            return text.split(whereSeparator: \.isNewline)
        }
        func object(_ line: Substring, file: String) throws -> [String: Any] {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LoreError(.invalidDataset, "\(file) has a line that is not a JSON object")
            }
            return object
        }
        func string(_ value: Any?) -> String? {
            if let s = value as? String { return s }
            if let n = value as? NSNumber { return n.stringValue }
            return nil
        }
        let corpus = try lines("corpus.jsonl").map { line -> Document in
            let o = try object(line, file: "corpus.jsonl")
            guard let id = string(o["_id"]) else { throw LoreError(.invalidDataset, "corpus.jsonl: a document has no _id") }
            return Document(id: id, title: string(o["title"]) ?? "", text: string(o["text"]) ?? "")
        }
        let queries = try lines("queries.jsonl").map { line -> Query in
            let o = try object(line, file: "queries.jsonl")
            guard let id = string(o["_id"]), let text = string(o["text"]) else {
                throw LoreError(.invalidDataset, "queries.jsonl: a query lacks _id or text")
            }
            return Query(id: id, text: text)
        }
        var qrels: [String: [String: Int]] = [:]
        for (index, line) in try lines("qrels/\(split).tsv").enumerated() {
            let fields = line.split(separator: "\t").map(String.init)
            if index == 0, fields.first == "query-id" { continue }
            guard fields.count >= 3, let score = Int(fields[2]) else {
                throw LoreError(.invalidDataset, "qrels/\(split).tsv line \(index + 1) is not query-id, corpus-id, score")
            }
            qrels[fields[0], default: [:]][fields[1]] = score
        }
        return BEIRDataset(name: directory.lastPathComponent, corpus: corpus, queries: queries.filter { qrels[$0.id] != nil }, qrels: qrels)
    }
}
