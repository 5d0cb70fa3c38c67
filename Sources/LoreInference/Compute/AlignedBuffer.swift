/// A 64-byte aligned array with a stable address, for weights and scratch space the compute
/// kernels and BLAS read through raw pointers.
final class AlignedBuffer<Element: Numeric & BitwiseCopyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Element>.stride, alignment: 64)
        pointer = raw.initializeMemory(as: Element.self, repeating: 0, count: max(count, 1))
    }

    deinit {
        pointer.deinitialize(count: max(count, 1))
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}

typealias FloatBuffer = AlignedBuffer<Float>
/// bfloat16 values, as their 16 bits.
typealias BFloat16Buffer = AlignedBuffer<UInt16>

/// A linear layer's weight quantized by `lore_i8_pack`: int8 panels, one scale and one sum of
/// quantized values per output column.
final class Int8Weight: Sendable {
    let packed: AlignedBuffer<Int8>
    let scales: FloatBuffer
    let sums: AlignedBuffer<Int32>

    init(outputs: Int, inputs: Int) {
        packed = AlignedBuffer(count: outputs * inputs)
        scales = FloatBuffer(count: outputs)
        sums = AlignedBuffer(count: outputs)
    }
}
