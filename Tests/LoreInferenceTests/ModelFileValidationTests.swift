import Foundation
import Testing
import LoreCore
@testable import LoreInference

/// A damaged model installation fails at start-up with an error that names the file.
@Suite struct ModelFileValidationTests {
    /// A scratch copy of the installed model folder (the weights are a copy too, so it can be damaged).
    private func scratchModel() throws -> (MiniLMModelFiles, URL) {
        let installed = try MiniLMModelFiles.installed()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-minilm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["model.safetensors", "vocab.txt", "config.json", "sentence_bert_config.json"] {
            try FileManager.default.copyItem(at: installed.directory.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return (MiniLMModelFiles(directory: folder), folder)
    }

    private func expectLoadError(_ files: MiniLMModelFiles, code: ErrorCode, naming file: URL) {
        do {
            _ = try MiniLMEmbedder(files: files, configuration: .init(threads: 1))
            Issue.record("loading succeeded")
        } catch let error as LoreError {
            #expect(error.code == code, "\(error)")
            #expect(error.message.contains(file.path), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func truncatedWeightsFailWithTheFileName() throws {
        let (files, folder) = try scratchModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let handle = try FileHandle(forWritingTo: files.weights)
        try handle.truncate(atOffset: 50_000_000)
        try handle.close()
        expectLoadError(files, code: .modelCorrupt, naming: files.weights)
    }

    @Test func flippedByteFailsTheChecksum() throws {
        let (files, folder) = try scratchModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let handle = try FileHandle(forUpdating: files.weights)
        try handle.seek(toOffset: 60_000_000)
        let original = try handle.read(upToCount: 1)![0]
        try handle.seek(toOffset: 60_000_000)
        try handle.write(contentsOf: Data([original ^ 0x40]))
        try handle.close()
        expectLoadError(files, code: .modelChecksumMismatch, naming: files.weights)
    }

    @Test func missingOrGarbageFilesAreNamed() throws {
        let (files, folder) = try scratchModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not json".utf8).write(to: files.configuration)
        expectLoadError(files, code: .modelCorrupt, naming: files.configuration)
        try FileManager.default.removeItem(at: files.configuration)
        expectLoadError(files, code: .modelMissing, naming: files.configuration)
    }

    @Test func wrongVocabularyFailsItsChecksum() throws {
        let (files, folder) = try scratchModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("[PAD]\n[UNK]\n".utf8).write(to: files.vocabulary)
        expectLoadError(files, code: .modelChecksumMismatch, naming: files.vocabulary)
    }
}
