import Foundation
import LoreCore

/// The GE2E speaker encoder's tensors, read from the safetensors file that `scripts/setup`
/// converts from Resemblyzer 0.1.4's `pretrained.pt` (`models/resemblyzer/ge2e.safetensors`).
///
/// Layout (PyTorch's, kept as is): per LSTM layer `l` in 0…2, `lstm.weight_ih_l{l}` (1024 × input),
/// `lstm.weight_hh_l{l}` (1024 × 256), `lstm.bias_ih_l{l}` and `lstm.bias_hh_l{l}` (1024), gate rows
/// in the order input, forget, cell, output; then `linear.weight` (256 × 256) and `linear.bias`.
public struct SpeakerEncoderWeights: Sendable {
    public struct LSTMLayer: Sendable {
        public let inputSize: Int
        /// (4·hidden) × inputSize, row-major.
        public let inputWeights: [Float]
        /// (4·hidden) × hidden, row-major.
        public let recurrentWeights: [Float]
        /// `bias_ih + bias_hh`: PyTorch adds both, so they are folded once at load time.
        public let bias: [Float]
    }

    public static let melCount = 40
    public static let hiddenSize = 256
    public static let embeddingSize = 256
    public static let layerCount = 3
    /// Larger files are not this model; refusing them bounds what a wrong path can cost.
    static let maximumFileSize = 64 << 20

    public let layers: [LSTMLayer]
    /// embeddingSize × hiddenSize, row-major.
    public let projectionWeights: [Float]
    public let projectionBias: [Float]

    /// Reads and validates the weights; a missing or malformed file is a typed error naming it.
    public static func load(from url: URL) throws -> SpeakerEncoderWeights {
        let name = url.path
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LoreError(.speakerModelMissing, "speaker model \(name) is missing: run scripts/setup")
        }
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > maximumFileSize {
                throw LoreError(.speakerModelInvalid, "speaker model \(name) is \(size) bytes, larger than any GE2E weights file")
            }
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch let error as LoreError {
            throw error
        } catch {
            throw LoreError(.speakerModelInvalid, "speaker model \(name) cannot be read: \(error.localizedDescription)")
        }
        do {
            let tensors = try SafetensorsTable(data)
            let hidden = hiddenSize, gates = 4 * hiddenSize
            var layers: [LSTMLayer] = []
            for layer in 0..<layerCount {
                let input = layer == 0 ? melCount : hidden
                let biasIH = try tensors.floats("lstm.bias_ih_l\(layer)", shape: [gates])
                let biasHH = try tensors.floats("lstm.bias_hh_l\(layer)", shape: [gates])
                layers.append(LSTMLayer(
                    inputSize: input,
                    inputWeights: try tensors.floats("lstm.weight_ih_l\(layer)", shape: [gates, input]),
                    recurrentWeights: try tensors.floats("lstm.weight_hh_l\(layer)", shape: [gates, hidden]),
                    bias: zip(biasIH, biasHH).map { $0 + $1 }))
            }
            return SpeakerEncoderWeights(
                layers: layers,
                projectionWeights: try tensors.floats("linear.weight", shape: [embeddingSize, hidden]),
                projectionBias: try tensors.floats("linear.bias", shape: [embeddingSize]))
        } catch let problem as SafetensorsProblem {
            throw LoreError(.speakerModelInvalid, "speaker model \(name) is invalid: \(problem.reason) (run scripts/setup again)")
        }
    }
}

/// Why a safetensors file was rejected (turned into a `LoreError` naming the file by the caller).
struct SafetensorsProblem: Error {
    let reason: String
}

/// The header of a safetensors file (8-byte little-endian header size, JSON header, raw tensor
/// bytes) and typed access to its float32 tensors. Every offset is checked against the file.
struct SafetensorsTable {
    private struct Entry {
        let dtype: String
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    private let data: Data
    private let dataStart: Int
    private let entries: [String: Entry]

    init(_ data: Data) throws {
        guard data.count >= 8 else { throw SafetensorsProblem(reason: "file is shorter than its header size field") }
        let headerSize = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerSize >= 2, headerSize <= 1 << 20, Int(headerSize) <= data.count - 8 else {
            throw SafetensorsProblem(reason: "header size \(headerSize) does not fit the file")
        }
        let headerBytes = data.subdata(in: data.startIndex + 8 ..< data.startIndex + 8 + Int(headerSize))
        guard let header = try? JSONSerialization.jsonObject(with: headerBytes) as? [String: Any] else {
            throw SafetensorsProblem(reason: "header is not a JSON object")
        }
        self.data = data
        self.dataStart = 8 + Int(headerSize)
        var entries: [String: Entry] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let fields = value as? [String: Any],
                  let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int],
                  let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
                  offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= data.count - dataStart
            else { throw SafetensorsProblem(reason: "tensor \(name) has a malformed entry") }
            entries[name] = Entry(dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
        }
        self.entries = entries
    }

    /// The float32 tensor `name`, which must have exactly `shape` and finite values.
    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let entry = entries[name] else { throw SafetensorsProblem(reason: "tensor \(name) is missing") }
        guard entry.dtype == "F32" else { throw SafetensorsProblem(reason: "tensor \(name) is \(entry.dtype), not F32") }
        guard entry.shape == shape else { throw SafetensorsProblem(reason: "tensor \(name) has shape \(entry.shape), expected \(shape)") }
        let count = shape.reduce(1, *)
        guard entry.end - entry.begin == count * 4 else { throw SafetensorsProblem(reason: "tensor \(name) has the wrong byte size") }
        let start = data.startIndex + dataStart + entry.begin
        let values = data[start ..< start + count * 4].withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        guard values.allSatisfy(\.isFinite) else { throw SafetensorsProblem(reason: "tensor \(name) has non-finite values") }
        return values
    }
}
