import Foundation
import Testing
import LoreCore
import LoreSystem
@testable import LoreInference

@Suite struct SpeakerEncoderWeightsTests {
    private func installedModel() throws -> URL {
        try ToolsDirectory.path(GE2EDiarizer.modelPath)
    }

    @Test func loadsTheInstalledWeights() throws {
        let weights = try SpeakerEncoderWeights.load(from: installedModel())
        #expect(weights.layers.map(\.inputSize) == [40, 256, 256])
        #expect(weights.layers.allSatisfy { $0.recurrentWeights.count == 1024 * 256 && $0.bias.count == 1024 })
        #expect(weights.projectionWeights.count == 256 * 256)
    }

    @Test func missingFileIsATypedErrorNamingIt() {
        let path = "/nonexistent/lore/ge2e.safetensors"
        #expect { try SpeakerEncoderWeights.load(from: URL(fileURLWithPath: path)) } throws: {
            guard let error = $0 as? LoreError else { return false }
            return error.code == .speakerModelMissing && error.message.contains(path)
        }
    }

    @Test func corruptFilesAreTypedErrorsNamingThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lore-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = try Data(contentsOf: installedModel())
        var wrongShape = real
        // Rename a tensor in the header ("linear.bias" → "linear.bia_"): same size, one tensor missing.
        let header = Data("linear.bias".utf8)
        let range = try #require(wrongShape.range(of: header))
        wrongShape.replaceSubrange(range, with: Data("linear.bia_".utf8))
        var nonFinite = real
        nonFinite.replaceSubrange(nonFinite.count - 4 ..< nonFinite.count, with: Data([0, 0, 0xC0, 0x7F]))  // NaN
        let cases: [(String, Data)] = [
            ("empty.safetensors", Data()),
            ("garbage.safetensors", Data("definitely not a model".utf8)),
            ("huge-header.safetensors", Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) + Data(count: 64)),
            ("not-json.safetensors", Data([8, 0, 0, 0, 0, 0, 0, 0]) + Data("{{{{{{{{".utf8)),
            ("truncated.safetensors", real.prefix(real.count / 2)),
            ("renamed.safetensors", wrongShape),
            ("nan.safetensors", nonFinite),
        ]
        for (name, bytes) in cases {
            let url = folder.appendingPathComponent(name)
            try bytes.write(to: url)
            #expect("\(name)") { try SpeakerEncoderWeights.load(from: url) } throws: {
                guard let error = $0 as? LoreError else { return false }
                return error.code == .speakerModelInvalid && error.message.contains(url.path)
            }
        }
    }
}
