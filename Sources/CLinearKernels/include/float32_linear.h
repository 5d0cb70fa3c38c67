#ifndef LORE_FLOAT32_LINEAR_H
#define LORE_FLOAT32_LINEAR_H
// Linear layers in float32 with AVX2 and FMA over weights packed once into panels of 16
// output columns. OpenBLAS packs both operands on every sgemm call; with a query's few rows
// that packing costs about as much as the product, and Debian's 0.3.21 has no small-matrix
// kernel for AVX2 CPUs. Every function but lore_f32_available, lore_f32_preferred and
// lore_f32_pack requires lore_f32_available() to be true.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Output columns per packed panel; a layer's width must be a multiple of it.
#define LORE_F32_PANEL_COLUMNS 16

/// 1 when the CPU has AVX2 and FMA and the OS saves the AVX registers.
int lore_f32_available(void);

/// 1 when this kernel is the faster float32 product here: lore_f32_available() and no AVX-512
/// (whose OpenBLAS kernels have twice the vector width).
int lore_f32_preferred(void);

/// Packs a linear layer's weight (n rows of k floats, PyTorch's [out, in] layout) for
/// lore_f32_linear: panels of 16 output columns, each k steps of 16 values. n must be a
/// multiple of 16; `packed` holds n·k floats.
void lore_f32_pack(const float *weight, int n, int k, float *packed);

/// output[r][c] = Σ_i input[r][i] · weight[c][i] for rows 0..<rows and the columns
/// first..<first+columns (both multiples of 16) of a layer packed by lore_f32_pack. `input` is
/// rows × k floats (row-major); `output` points at row 0, column 0 of a row-major float
/// matrix whose rows are `ldc` floats apart.
void lore_f32_linear(const float *input, int rows, int k, const float *packed,
                     int first, int columns, float *output, int ldc);

#ifdef __cplusplus
}
#endif

#endif
