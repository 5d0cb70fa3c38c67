import Foundation
import Testing
@testable import LoreInference

@Suite struct VectorKernelsTests {
    @Test func expMatchesTheCLibraryClosely() {
        var worst: Float = 0
        for step in -2000...2000 {
            let x = Float(step) * 0.044
            var v = VectorKernels.Vector(repeating: x)
            v = VectorKernels.exp(v)
            let reference = Foundation.exp(x)
            if reference > 1e-30 { worst = max(worst, abs(v[0] - reference) / reference) }
        }
        #expect(worst < 5e-7)
        #expect(VectorKernels.exp(VectorKernels.Vector(repeating: -.infinity))[0] == 0)
    }

    @Test func erfMatchesTheCLibraryClosely() {
        var worst: Float = 0
        for step in -1000...1000 {
            let x = Float(step) * 0.006
            let v = VectorKernels.erf(VectorKernels.Vector(repeating: x))[0]
            worst = max(worst, abs(v - Foundation.erf(x)))
        }
        #expect(worst < 5e-7)
    }

    @Test func softmaxSumsToOneForAnyLength() {
        for count in [1, 5, 16, 17, 40] {
            var row = (0..<count).map { Float($0 % 7) - 3 }
            row.withUnsafeMutableBufferPointer { VectorKernels.softmax($0.baseAddress!, count: count) }
            #expect(abs(row.reduce(0, +) - 1) < 1e-5)
            let maximum = (0..<count).map { Foundation.exp(Float($0 % 7) - 3) }
            let total = maximum.reduce(0, +)
            for (value, expected) in zip(row, maximum.map { $0 / total }) { #expect(abs(value - expected) < 1e-6) }
        }
    }

    @Test func layerNormNormalises() {
        var row = (0..<32).map { Float($0) }
        let gamma = [Float](repeating: 1, count: 32), beta = [Float](repeating: 0, count: 32)
        row.withUnsafeMutableBufferPointer { VectorKernels.layerNorm($0.baseAddress!, gamma: gamma, beta: beta, count: 32, epsilon: 1e-12) }
        let mean = row.reduce(0, +) / 32
        let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 32
        #expect(abs(mean) < 1e-5)
        #expect(abs(variance - 1) < 1e-4)
    }
}
