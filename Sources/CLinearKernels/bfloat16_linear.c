#include "bfloat16_linear.h"
#include "cpu_features.h"

#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

#define TARGET __attribute__((target("avx512f,avx512bw,avx512bf16")))
// Rows per micro-tile: 8 rows × 32 columns keep 16 accumulators in registers.
#define TILE_ROWS 8

int lore_bf16_available(void) {
    unsigned a, b, c, d;
    if (!lore_avx512bw_usable() || !__get_cpuid_count(7, 0, &a, &b, &c, &d) || a < 1) return 0;  // leaf 7 has subleaf 1
    __get_cpuid_count(7, 1, &a, &b, &c, &d);
    return (a >> 5) & 1;  // AVX512_BF16
}

static uint16_t round_to_bf16(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    if ((bits & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((bits >> 16) | 0x40);  // NaN stays NaN
    return (uint16_t)((bits + 0x7fffu + ((bits >> 16) & 1)) >> 16);
}

void lore_bf16_pack(const float *weight, int n, int k, uint16_t *packed) {
    int pairs = k / 2;
    for (int panel = 0; panel < n / LORE_PANEL_COLUMNS; panel++) {
        for (int pair = 0; pair < pairs; pair++) {
            uint16_t *target = packed + ((size_t)panel * pairs + pair) * 2 * LORE_PANEL_COLUMNS;
            for (int lane = 0; lane < LORE_PANEL_COLUMNS; lane++) {
                const float *row = weight + (size_t)(panel * LORE_PANEL_COLUMNS + lane) * k;
                target[2 * lane] = round_to_bf16(row[2 * pair]);
                target[2 * lane + 1] = round_to_bf16(row[2 * pair + 1]);
            }
        }
    }
}

TARGET void lore_bf16_convert(const float *input, size_t count, uint16_t *output) {
    size_t i = 0;
    for (; i + 32 <= count; i += 32) {
        __m512bh pair = _mm512_cvtne2ps_pbh(_mm512_loadu_ps(input + i + 16), _mm512_loadu_ps(input + i));
        _mm512_storeu_si512((void *)(output + i), (__m512i)pair);
    }
    for (; i < count; i++) output[i] = round_to_bf16(input[i]);
}

// Adds `rows` input rows × one 32-column panel into the accumulators. Always inlined, so the
// full tile (rows == TILE_ROWS, a constant) gets a loop the compiler unrolls.
TARGET static inline __attribute__((always_inline)) void accumulate(const uint16_t *input, int rows, int k, const uint16_t *panel,
                                                                    __m512 *low, __m512 *high) {
    for (int pair = 0; pair < k / 2; pair++) {
        __m512bh w0 = (__m512bh)_mm512_loadu_si512((const void *)(panel + pair * 64));
        __m512bh w1 = (__m512bh)_mm512_loadu_si512((const void *)(panel + pair * 64 + 32));
        for (int r = 0; r < rows; r++) {
            int32_t both;
            memcpy(&both, input + (size_t)r * k + 2 * pair, sizeof both);
            __m512bh x = (__m512bh)_mm512_set1_epi32(both);
            low[r] = _mm512_dpbf16_ps(low[r], x, w0);
            high[r] = _mm512_dpbf16_ps(high[r], x, w1);
        }
    }
}

// One tile: `rows` (≤ TILE_ROWS) input rows against one 32-column panel.
TARGET static inline void tile(const uint16_t *input, int rows, int k, const uint16_t *panel, float *output, int ldc) {
    __m512 low[TILE_ROWS], high[TILE_ROWS];
    for (int r = 0; r < TILE_ROWS; r++) { low[r] = _mm512_setzero_ps(); high[r] = _mm512_setzero_ps(); }
    if (rows == TILE_ROWS) {
        accumulate(input, TILE_ROWS, k, panel, low, high);
    } else {
        accumulate(input, rows, k, panel, low, high);
    }
    for (int r = 0; r < rows; r++) {
        _mm512_storeu_ps(output + (size_t)r * ldc, low[r]);
        _mm512_storeu_ps(output + (size_t)r * ldc + 16, high[r]);
    }
}

TARGET void lore_bf16_linear(const uint16_t *input, int rows, int k, const uint16_t *packed,
                             int first, int columns, float *output, int ldc) {
    size_t panelSize = (size_t)k * LORE_PANEL_COLUMNS;
    // Panel by panel, so one panel (k/2 × 128 bytes) stays in cache while every row block passes it.
    for (int column = first; column < first + columns; column += LORE_PANEL_COLUMNS) {
        const uint16_t *panel = packed + (size_t)(column / LORE_PANEL_COLUMNS) * panelSize;
        for (int row = 0; row < rows; row += TILE_ROWS) {
            int count = rows - row < TILE_ROWS ? rows - row : TILE_ROWS;
            tile(input + (size_t)row * k, count, k, panel, output + (size_t)row * ldc + column, ldc);
        }
    }
}
