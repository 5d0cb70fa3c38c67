#include "int8_linear.h"
#include "cpu_features.h"

#include <cpuid.h>
#include <immintrin.h>
#include <math.h>
#include <string.h>

#define TARGET __attribute__((target("avx512f,avx512bw,avx512vnni")))
// Rows per micro-tile: 8 rows × 32 columns keep 16 accumulators in registers.
#define TILE_ROWS 8

int lore_i8_available(void) {
    unsigned a, b, c, d;
    if (!lore_avx512bw_usable() || !__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (c >> 11) & 1;  // AVX512_VNNI
}

void lore_i8_pack(const float *weight, int n, int k, int8_t *packed, float *scales, int32_t *sums) {
    int groups = k / 4;
    for (int column = 0; column < n; column++) {
        const float *row = weight + (size_t)column * k;
        float largest = 0;
        for (int i = 0; i < k; i++) largest = fmaxf(largest, fabsf(row[i]));
        float scale = largest > 0 ? largest / 127 : 1;
        scales[column] = scale;
        int panel = column / LORE_PANEL_COLUMNS, lane = column % LORE_PANEL_COLUMNS;
        int32_t sum = 0;
        for (int group = 0; group < groups; group++) {
            int8_t *target = packed + (((size_t)panel * groups + group) * LORE_PANEL_COLUMNS + lane) * 4;
            for (int j = 0; j < 4; j++) {
                float q = nearbyintf(row[group * 4 + j] / scale);
                int8_t value = (int8_t)(q > 127 ? 127 : (q < -127 ? -127 : q));
                target[j] = value;
                sum += value;
            }
        }
        sums[column] = sum;
    }
}

TARGET void lore_i8_quantize(const float *input, int rows, int k, uint8_t *output, float *scales) {
    for (int r = 0; r < rows; r++) {
        const float *x = input + (size_t)r * k;
        uint8_t *q = output + (size_t)r * k;
        __m512 largest = _mm512_setzero_ps();
        int i = 0;
        for (; i + 16 <= k; i += 16) largest = _mm512_max_ps(largest, _mm512_abs_ps(_mm512_loadu_ps(x + i)));
        float peak = _mm512_reduce_max_ps(largest);
        for (; i < k; i++) peak = fmaxf(peak, fabsf(x[i]));
        float scale = peak > 0 ? peak / 127 : 1;
        scales[r] = scale;
        __m512 inverse = _mm512_set1_ps(1 / scale);
        __m512i offset = _mm512_set1_epi32(128);
        for (i = 0; i + 16 <= k; i += 16) {
            // Round to nearest even (the default MXCSR mode), shift into 1…255, narrow to bytes.
            __m512i value = _mm512_add_epi32(_mm512_cvtps_epi32(_mm512_mul_ps(_mm512_loadu_ps(x + i), inverse)), offset);
            _mm_storeu_si128((__m128i *)(q + i), _mm512_cvtusepi32_epi8(value));
        }
        for (; i < k; i++) q[i] = (uint8_t)(nearbyintf(x[i] / scale) + 128);
    }
}

// Adds `rows` input rows × one 32-column panel into the accumulators. Always inlined, so the
// full tile (rows == TILE_ROWS, a constant) gets a loop the compiler unrolls.
TARGET static inline __attribute__((always_inline)) void accumulate(const uint8_t *input, int rows, int k, const int8_t *panel,
                                                                    __m512i *low, __m512i *high) {
    for (int group = 0; group < k / 4; group++) {
        __m512i w0 = _mm512_loadu_si512((const void *)(panel + group * 128));
        __m512i w1 = _mm512_loadu_si512((const void *)(panel + group * 128 + 64));
        for (int r = 0; r < rows; r++) {
            int32_t four;
            memcpy(&four, input + (size_t)r * k + 4 * group, sizeof four);
            __m512i x = _mm512_set1_epi32(four);
            low[r] = _mm512_dpbusd_epi32(low[r], x, w0);
            high[r] = _mm512_dpbusd_epi32(high[r], x, w1);
        }
    }
}

// One tile: `rows` (≤ TILE_ROWS) input rows against one 32-column panel, scaled back to floats:
// x·w ≈ sx·sw·(Σ qx·qw − 128·Σ qw), since each qx carries the +128 offset.
TARGET static inline void tile(const uint8_t *input, const float *input_scales, int rows, int k, const int8_t *panel,
                               const float *scales, const int32_t *sums, float *output, int ldc) {
    __m512i low[TILE_ROWS], high[TILE_ROWS];
    for (int r = 0; r < TILE_ROWS; r++) { low[r] = _mm512_setzero_si512(); high[r] = _mm512_setzero_si512(); }
    if (rows == TILE_ROWS) {
        accumulate(input, TILE_ROWS, k, panel, low, high);
    } else {
        accumulate(input, rows, k, panel, low, high);
    }
    __m512i offsetLow = _mm512_slli_epi32(_mm512_loadu_si512((const void *)sums), 7);
    __m512i offsetHigh = _mm512_slli_epi32(_mm512_loadu_si512((const void *)(sums + 16)), 7);
    __m512 scaleLow = _mm512_loadu_ps(scales), scaleHigh = _mm512_loadu_ps(scales + 16);
    for (int r = 0; r < rows; r++) {
        __m512 rowScale = _mm512_set1_ps(input_scales[r]);
        __m512 a = _mm512_cvtepi32_ps(_mm512_sub_epi32(low[r], offsetLow));
        __m512 b = _mm512_cvtepi32_ps(_mm512_sub_epi32(high[r], offsetHigh));
        _mm512_storeu_ps(output + (size_t)r * ldc, _mm512_mul_ps(a, _mm512_mul_ps(scaleLow, rowScale)));
        _mm512_storeu_ps(output + (size_t)r * ldc + 16, _mm512_mul_ps(b, _mm512_mul_ps(scaleHigh, rowScale)));
    }
}

TARGET void lore_i8_linear(const uint8_t *input, const float *input_scales, int rows, int k,
                           const int8_t *packed, const float *scales, const int32_t *sums,
                           int first, int columns, float *output, int ldc) {
    size_t panelSize = (size_t)k * LORE_PANEL_COLUMNS;
    // Panel by panel, so one panel (k/4 × 128 bytes) stays in cache while every row block passes it.
    for (int column = first; column < first + columns; column += LORE_PANEL_COLUMNS) {
        const int8_t *panel = packed + (size_t)(column / LORE_PANEL_COLUMNS) * panelSize;
        for (int row = 0; row < rows; row += TILE_ROWS) {
            int count = rows - row < TILE_ROWS ? rows - row : TILE_ROWS;
            tile(input + (size_t)row * k, input_scales + row, count, k, panel, scales + column, sums + column,
                 output + (size_t)row * ldc + column, ldc);
        }
    }
}
