#ifndef LORE_CWHISPER_H
#define LORE_CWHISPER_H
// A narrow C interface over whisper.cpp 1.8.5 for Swift.
//
// The library is not linked: lore_whisper_load() dlopen()s libwhisper.so.1.8.5 from the tools
// folder at run time and resolves the few functions used here. So the `lore` binary builds and
// starts without it, reports a clear error when it is missing, and can set OMP_WAIT_POLICY
// before libgomp (a dependency of ggml) is loaded and reads it. The whisper.cpp types
// (whisper_full_params is passed by value) come from the pinned 1.8.5 header that set-up
// installs; Swift only sees the plain types below.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result codes of lore_whisper_transcribe.
enum {
    LORE_WHISPER_OK = 0,
    LORE_WHISPER_FAILED = -1,
    LORE_WHISPER_CANCELLED = -2,
    LORE_WHISPER_DEADLINE = -3,
};

/// Loads the library once per process (later calls return the first outcome).
/// Returns 0, or -1 with a message in `error`.
int lore_whisper_load(const char *library_path, char *error, size_t error_size);

/// True when this build was compiled against the whisper.cpp headers (set-up ran before building).
bool lore_whisper_compiled_with_headers(void);

/// The library's version string ("1.8.5"), or NULL before lore_whisper_load succeeded.
const char *lore_whisper_version(void);

/// ggml's CPU feature summary, or NULL before lore_whisper_load succeeded.
const char *lore_whisper_system_info(void);

/// The id of an ISO 639-1 code, or -1 when whisper does not know it. Needs the library.
int lore_whisper_language_id(const char *code);

/// A cancellation flag that another thread may fire while a transcription runs.
typedef struct lore_whisper_cancel lore_whisper_cancel;
lore_whisper_cancel *lore_whisper_cancel_create(void);
void lore_whisper_cancel_fire(lore_whisper_cancel *cancel);
bool lore_whisper_cancel_fired(const lore_whisper_cancel *cancel);
void lore_whisper_cancel_destroy(lore_whisper_cancel *cancel);

/// A loaded model with its decoding state. Not thread-safe: one transcription at a time.
typedef struct lore_whisper lore_whisper;

lore_whisper *lore_whisper_open(const char *model_path, bool flash_attention, char *error, size_t error_size);
void lore_whisper_close(lore_whisper *whisper);

typedef struct lore_whisper_options {
    int threads;
    /// ISO 639-1 code, or NULL to detect the language.
    const char *language;
    /// 1 = greedy decoding; more = beam search with that many beams.
    int beam_size;
    /// Encoder context in frames of 20 ms (0 = the full 30 s window). Smaller is faster for short audio.
    int audio_ctx;
    /// Text that conditions the first window (names, jargon, the previous chunk's words).
    const char *initial_prompt;
    /// Re-decode at higher temperatures when a window looks like a loop or has low confidence.
    bool temperature_fallback;
    /// Checked between compute steps; may be NULL.
    lore_whisper_cancel *cancel;
    /// Give up after this many seconds (0 = no limit).
    double time_limit_seconds;
} lore_whisper_options;

/// Runs whisper_full on 16 kHz mono samples. Returns a LORE_WHISPER_* code; on failure a
/// message is in `error`. Results stay readable until the next call.
int lore_whisper_transcribe(lore_whisper *whisper, const lore_whisper_options *options,
                            const float *samples, int sample_count, char *error, size_t error_size);

/// Detects the spoken language from the first 30 s of `samples` with the encoder context
/// `audio_ctx` (frames of 20 ms; 0 = full). Writes the ISO 639-1 code and its probability.
int lore_whisper_detect_language(lore_whisper *whisper, const float *samples, int sample_count, int threads,
                                 int audio_ctx, char *code, size_t code_size, float *probability,
                                 char *error, size_t error_size);

int lore_whisper_segment_count(const lore_whisper *whisper);
/// Segment bounds in milliseconds from the start of the samples given.
int64_t lore_whisper_segment_start_ms(const lore_whisper *whisper, int index);
int64_t lore_whisper_segment_end_ms(const lore_whisper *whisper, int index);
const char *lore_whisper_segment_text(const lore_whisper *whisper, int index);

#ifdef __cplusplus
}
#endif

#endif
