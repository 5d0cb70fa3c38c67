import Foundation
import LoreCore

/// A BERT `vocab.txt`: one token per line, the line number is the id; continuation pieces
/// carry a `##` prefix. Word-initial and continuation pieces are kept in separate tables so a
/// lookup never has to build the prefixed string.
public struct WordPieceVocabulary: Sendable {
    public let tokens: [String]
    private let wordStarts: [String: Int32]
    private let continuations: [String: Int32]
    /// Longest piece in Unicode scalars; WordPiece never tries a longer candidate.
    public let longestPiece: Int

    public let padID: Int32
    public let unknownID: Int32
    public let classifierID: Int32
    public let separatorID: Int32

    public init(tokens: [String]) throws {
        self.tokens = tokens
        var wordStarts: [String: Int32] = [:]
        var continuations: [String: Int32] = [:]
        var longest = 1
        for (index, token) in tokens.enumerated() where !token.isEmpty {
            let id = Int32(index)
            if token.hasPrefix("##"), token.count > 2 {
                let piece = String(token.dropFirst(2))
                if continuations[piece] == nil { continuations[piece] = id }
                longest = max(longest, piece.unicodeScalars.count)
            } else {
                if wordStarts[token] == nil { wordStarts[token] = id }
                longest = max(longest, token.unicodeScalars.count)
            }
        }
        func special(_ name: String) throws -> Int32 {
            guard let id = wordStarts[name] else {
                throw LoreError(.modelCorrupt, "the vocabulary has no \(name) token")
            }
            return id
        }
        self.wordStarts = wordStarts
        self.continuations = continuations
        self.longestPiece = longest
        self.padID = try special("[PAD]")
        self.unknownID = try special("[UNK]")
        self.classifierID = try special("[CLS]")
        self.separatorID = try special("[SEP]")
    }

    /// Reads `vocab.txt`; errors name the file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoreError(.modelMissing, "\(url.path): cannot read the vocabulary")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.count > 100 else {
            throw LoreError(.modelCorrupt, "\(url.path): \(lines.count) lines is not a WordPiece vocabulary")
        }
        do {
            try self.init(tokens: lines.map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) })
        } catch let error as LoreError {
            throw LoreError(error.code, "\(url.path): \(error.message)")
        }
    }

    public var count: Int { tokens.count }

    /// The id of a piece that starts a word (`continuation == false`) or continues one (`##…`).
    @inline(__always)
    func id(of piece: String, continuation: Bool) -> Int32? {
        continuation ? continuations[piece] : wordStarts[piece]
    }
}
