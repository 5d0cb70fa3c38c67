#ifndef LORE_INT8_LINEAR_H
#define LORE_INT8_LINEAR_H
// Linear layers in int8 with AVX-512 VNNI (VPDPBUSD): weights quantized per output column to
// int8, each input row quantized on the fly to uint8 around 128, products summed in int32 —
// twice the multiply-adds per instruction of the bfloat16 kernel. Every function but
// lore_i8_available and lore_i8_pack requires lore_i8_available() to be true.

#include <stddef.h>
#include <stdint.h>

#include "linear_panel.h"

#ifdef __cplusplus
extern "C" {
#endif


/// 1 when the CPU has AVX-512 F, BW and VNNI and the OS saves the AVX-512 registers.
int lore_i8_available(void);

/// Quantizes a linear layer's weight (n rows of k floats, PyTorch's [out, in] layout) for
/// lore_i8_linear: each output column c gets scales[c] = max|w[c]| / 127 and values
/// round(w / scale) in −127…127, packed in panels of 32 columns × k/4 groups of 4 bytes;
/// sums[c] is the sum of column c's quantized values. n must be a multiple of 32 and k of 4;
/// `packed` holds n·k bytes, `scales` and `sums` n values.
void lore_i8_pack(const float *weight, int n, int k, int8_t *packed, float *scales, int32_t *sums);

/// Quantizes `rows` rows of k floats: scales[r] = max|x[r]| / 127 (1 for an all-zero row) and
/// output = round(x / scale) + 128, in 1…255.
void lore_i8_quantize(const float *input, int rows, int k, uint8_t *output, float *scales);

/// output[r][c] = Σ_i x[r][i] · w[c][i], approximated from the quantized operands, for rows
/// 0..<rows and the columns first..<first+columns (both multiples of 32). `input` and
/// `input_scales` come from lore_i8_quantize, the rest from lore_i8_pack; `output` points at
/// row 0, column 0 of a row-major float matrix whose rows are `ldc` floats apart.
void lore_i8_linear(const uint8_t *input, const float *input_scales, int rows, int k,
                    const int8_t *packed, const float *scales, const int32_t *sums,
                    int first, int columns, float *output, int ldc);

#ifdef __cplusplus
}
#endif

#endif
