import Foundation
import Testing
import LoreCore
@testable import LoreInference

@Suite struct SafetensorsFileTests {
    /// Writes a safetensors file from a header dictionary and a data section.
    private func write(header: String, data: [UInt8], declaredLength: UInt64? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lore-\(UUID().uuidString).safetensors")
        var bytes = [UInt8]()
        let json = Array(header.utf8)
        var length = (declaredLength ?? UInt64(json.count)).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        bytes.append(contentsOf: data)
        try Data(bytes).write(to: url)
        return url
    }

    private func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    private func expectCorrupt(_ url: URL, _ fragment: String) {
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try SafetensorsFile(url: url)
            Issue.record("opened a bad file")
        } catch let error as LoreError {
            #expect(error.code == .modelCorrupt)
            #expect(error.message.contains(url.path))
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func readsTensorsAndMetadata() throws {
        let url = try write(
            header: #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"i":{"dtype":"I64","shape":[1],"data_offsets":[16,24]}}"#,
            data: floatBytes([1, 2, 3, 4]) + [7, 0, 0, 0, 0, 0, 0, 0])
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try SafetensorsFile(url: url)
        #expect(file.metadata == ["format": "pt"])
        #expect(file.tensors.count == 2)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: 4)
        defer { out.deallocate() }
        try file.copyFloats("w", shape: [2, 2], into: out)
        #expect(Array(UnsafeBufferPointer(start: out, count: 4)) == [1, 2, 3, 4])
        #expect(throws: LoreError.self) { try file.copyFloats("i", shape: [1], into: out) }
        #expect(throws: LoreError.self) { try file.copyFloats("w", shape: [4], into: out) }
        #expect(throws: LoreError.self) { try file.copyFloats("missing", shape: [1], into: out) }
    }

    @Test func rejectsDamagedFiles() throws {
        let four = floatBytes([1, 2, 3, 4])
        expectCorrupt(try write(header: "", data: []), "header length")
        expectCorrupt(try write(header: "{}", data: [], declaredLength: 1 << 40), "header length")
        expectCorrupt(try write(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [], declaredLength: 500), "runs past the end")
        expectCorrupt(try write(header: "[1,2,3]", data: four), "JSON")
        expectCorrupt(try write(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: Array(four.prefix(10))), "truncated")
        expectCorrupt(try write(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}}"#, data: four), "do not match")
        expectCorrupt(try write(header: #"{"w":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}}"#, data: four), "unknown dtype")
        expectCorrupt(try write(header: #"{"w":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}"#, data: four), "malformed")
        expectCorrupt(try write(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#, data: four), "overlap")
    }

    @Test func tooShortAndMissingFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lore-\(UUID().uuidString).safetensors")
        #expect { try SafetensorsFile(url: url) } throws: { ($0 as? LoreError)?.code == .modelMissing }
        try Data([1, 2, 3]).write(to: url)
        expectCorrupt(url, "too short")
    }

    @Test func theInstalledWeightsHaveTheDocumentedLayout() throws {
        let file = try SafetensorsFile(url: MiniLMModelFiles.installed().weights)
        #expect(file.tensors.count == 104)
        #expect(file.tensors.values.filter { $0.dtype != .float32 }.map(\.name) == ["embeddings.position_ids"])
        #expect(file.tensors["embeddings.position_ids"]?.dtype == .int64)
        #expect(file.tensors["encoder.layer.0.intermediate.dense.weight"]?.shape == [1536, 384])
    }
}
