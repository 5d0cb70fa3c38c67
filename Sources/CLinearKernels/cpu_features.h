#ifndef LORE_CPU_FEATURES_H
#define LORE_CPU_FEATURES_H
// What every AVX-512 kernel of this target needs from the CPU and the OS (internal header).

/// 1 when the CPU has AVX-512 F and BW and the OS saves the opmask and both halves of the ZMM
/// registers; the kernels then check their own extension (BF16, VNNI) in CPUID leaf 7.
int lore_avx512bw_usable(void);

#endif
