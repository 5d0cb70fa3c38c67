#include "float32_linear.h"
#include "cpu_features.h"

#include <cpuid.h>
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))
// Rows per micro-tile: 6 rows × 16 columns keep 12 accumulators, the panel's two vectors and a
// broadcast input value in the 16 AVX registers.
#define TILE_ROWS 6
// Rows whose inputs stay in the L2 cache while every panel passes them: without blocking, a
// 4,096-row product streamed all its inputs from memory once per panel (27 against 36 GFLOP/s).
#define ROW_BLOCK 96

int lore_f32_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !((c >> 27) & 1) || !((c >> 12) & 1)) return 0;  // OSXSAVE, FMA
    unsigned low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 0x6) != 0x6) return 0;  // SSE and AVX state saved
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 5) & 1;  // AVX2
}

int lore_f32_preferred(void) { return lore_f32_available() && !lore_avx512bw_usable(); }

void lore_f32_pack(const float *weight, int n, int k, float *packed) {
    for (int panel = 0; panel < n / LORE_F32_PANEL_COLUMNS; panel++) {
        for (int i = 0; i < k; i++) {
            float *target = packed + ((size_t)panel * k + i) * LORE_F32_PANEL_COLUMNS;
            for (int lane = 0; lane < LORE_F32_PANEL_COLUMNS; lane++) {
                target[lane] = weight[(size_t)(panel * LORE_F32_PANEL_COLUMNS + lane) * k + i];
            }
        }
    }
}

// Adds `rows` input rows × one panel into the accumulators. Always inlined, and called with a
// constant `rows`, so the compiler unrolls the row loop and keeps the accumulators in registers.
TARGET static inline __attribute__((always_inline)) void accumulate(const float *input, int rows, int k, const float *panel,
                                                                    __m256 *low, __m256 *high) {
    for (int i = 0; i < k; i++) {
        __m256 w0 = _mm256_loadu_ps(panel + (size_t)i * LORE_F32_PANEL_COLUMNS);
        __m256 w1 = _mm256_loadu_ps(panel + (size_t)i * LORE_F32_PANEL_COLUMNS + 8);
        for (int r = 0; r < rows; r++) {
            __m256 x = _mm256_broadcast_ss(input + (size_t)r * k + i);
            low[r] = _mm256_fmadd_ps(x, w0, low[r]);
            high[r] = _mm256_fmadd_ps(x, w1, high[r]);
        }
    }
}

// One tile: `rows` (≤ TILE_ROWS) input rows against one panel.
TARGET static inline void tile(const float *input, int rows, int k, const float *panel, float *output, int ldc) {
    __m256 low[TILE_ROWS], high[TILE_ROWS];
    for (int r = 0; r < TILE_ROWS; r++) { low[r] = _mm256_setzero_ps(); high[r] = _mm256_setzero_ps(); }
    switch (rows) {
    case 6: accumulate(input, 6, k, panel, low, high); break;
    case 5: accumulate(input, 5, k, panel, low, high); break;
    case 4: accumulate(input, 4, k, panel, low, high); break;
    case 3: accumulate(input, 3, k, panel, low, high); break;
    case 2: accumulate(input, 2, k, panel, low, high); break;
    default: accumulate(input, 1, k, panel, low, high); break;
    }
    for (int r = 0; r < rows; r++) {
        _mm256_storeu_ps(output + (size_t)r * ldc, low[r]);
        _mm256_storeu_ps(output + (size_t)r * ldc + 8, high[r]);
    }
}

TARGET void lore_f32_linear(const float *input, int rows, int k, const float *packed,
                            int first, int columns, float *output, int ldc) {
    size_t panelSize = (size_t)k * LORE_F32_PANEL_COLUMNS;
    for (int block = 0; block < rows; block += ROW_BLOCK) {
        int end = rows - block < ROW_BLOCK ? rows : block + ROW_BLOCK;
        // Panel by panel, so one panel (k × 64 bytes) stays in cache while the block's tiles pass it.
        for (int column = first; column < first + columns; column += LORE_F32_PANEL_COLUMNS) {
            const float *panel = packed + (size_t)(column / LORE_F32_PANEL_COLUMNS) * panelSize;
            for (int row = block; row < end; row += TILE_ROWS) {
                int count = end - row < TILE_ROWS ? end - row : TILE_ROWS;
                tile(input + (size_t)row * k, count, k, panel, output + (size_t)row * ldc + column, ldc);
            }
        }
    }
}
