#ifndef LORE_LINEAR_PANEL_H
#define LORE_LINEAR_PANEL_H
// Shared by the bfloat16 and int8 kernels.

/// Output columns per packed panel: a layer's width must be a multiple of it, and a product
/// split over threads by columns is split at multiples of it.
#define LORE_PANEL_COLUMNS 32

#endif
