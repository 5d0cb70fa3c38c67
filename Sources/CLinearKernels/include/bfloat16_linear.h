#ifndef LORE_BFLOAT16_LINEAR_H
#define LORE_BFLOAT16_LINEAR_H
// Linear layers in bfloat16 with AVX-512 BF16 (VDPBF16PS): products of bf16 pairs accumulated
// in float32, twice the multiply-adds per instruction of float32 FMA. Debian's OpenBLAS 0.3.21
// is built without sbgemm, so the kernel is Lore's own. Every function but
// lore_bf16_available and lore_bf16_pack requires lore_bf16_available() to be true.

#include <stddef.h>
#include <stdint.h>

#include "linear_panel.h"

#ifdef __cplusplus
extern "C" {
#endif


/// 1 when the CPU has AVX-512 F, BW and BF16 and the OS saves the AVX-512 registers.
int lore_bf16_available(void);

/// Packs a linear layer's weight (n rows of k floats, PyTorch's [out, in] layout) for
/// lore_bf16_linear: panels of 32 output columns, each k/2 pairs of bf16 values per column,
/// rounded to nearest even. n must be a multiple of 32 and k even; `packed` holds n·k values.
void lore_bf16_pack(const float *weight, int n, int k, uint16_t *packed);

/// Rounds `count` floats to bf16 (nearest even).
void lore_bf16_convert(const float *input, size_t count, uint16_t *output);

/// output[r][c] = Σ_i input[r][i] · weight[c][i] for rows 0..<rows and the columns
/// first..<first+columns (both multiples of 32) of a layer packed by lore_bf16_pack. `input` is
/// rows × k bf16 values (row-major, from lore_bf16_convert); `output` points at row 0,
/// column 0 of a row-major float matrix whose rows are `ldc` floats apart.
void lore_bf16_linear(const uint16_t *input, int rows, int k, const uint16_t *packed,
                      int first, int columns, float *output, int ldc);

#ifdef __cplusplus
}
#endif

#endif
