// whisper.cpp through dlopen: see include/CWhisper.h for why.
#define _GNU_SOURCE
#include "CWhisper.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void set_error(char *error, size_t size, const char *format, const char *detail) {
    if (error && size > 0) snprintf(error, size, format, detail ? detail : "");
}

struct lore_whisper_cancel { atomic_int fired; };

lore_whisper_cancel *lore_whisper_cancel_create(void) {
    lore_whisper_cancel *cancel = calloc(1, sizeof *cancel);
    if (cancel) atomic_init(&cancel->fired, 0);
    return cancel;
}
void lore_whisper_cancel_fire(lore_whisper_cancel *cancel) { if (cancel) atomic_store(&cancel->fired, 1); }
bool lore_whisper_cancel_fired(const lore_whisper_cancel *cancel) {
    return cancel && atomic_load(&((lore_whisper_cancel *)cancel)->fired);
}
void lore_whisper_cancel_destroy(lore_whisper_cancel *cancel) { free(cancel); }

#if __has_include("whisper.h")
#include "whisper.h"

// Function pointers typed from the pinned header, so a signature change is a compile error.
#define LORE_WHISPER_FUNCTIONS(X) \
    X(whisper_version) \
    X(whisper_print_system_info) \
    X(whisper_log_set) \
    X(whisper_lang_id) \
    X(whisper_lang_str) \
    X(whisper_lang_max_id) \
    X(whisper_context_default_params) \
    X(whisper_init_from_file_with_params_no_state) \
    X(whisper_init_state) \
    X(whisper_free_state) \
    X(whisper_free) \
    X(whisper_full_default_params) \
    X(whisper_full_with_state) \
    X(whisper_pcm_to_mel_with_state) \
    X(whisper_lang_auto_detect_with_state) \
    X(whisper_full_n_segments_from_state) \
    X(whisper_full_get_segment_t0_from_state) \
    X(whisper_full_get_segment_t1_from_state) \
    X(whisper_full_get_segment_text_from_state)

#define LORE_DECLARE(name) static __typeof__(&name) p_##name;
LORE_WHISPER_FUNCTIONS(LORE_DECLARE)

static pthread_mutex_t load_mutex = PTHREAD_MUTEX_INITIALIZER;
static char load_error[512];
static atomic_int load_status = -1;

// The last warning or error whisper.cpp logged, for error messages; everything else is dropped
// (it writes model details to stderr by default) unless LORE_WHISPER_VERBOSE is set.
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static char last_log[512];
static bool verbose_log;

static void log_callback(enum ggml_log_level level, const char *text, void *user_data) {
    (void)user_data;
    if (verbose_log) fputs(text, stderr);
    if (level != GGML_LOG_LEVEL_ERROR && level != GGML_LOG_LEVEL_WARN) return;
    pthread_mutex_lock(&log_mutex);
    snprintf(last_log, sizeof last_log, "%s", text);
    size_t n = strlen(last_log);
    while (n > 0 && (last_log[n - 1] == '\n' || last_log[n - 1] == ' ')) last_log[--n] = 0;
    pthread_mutex_unlock(&log_mutex);
}

static void copy_last_log(char *out, size_t size) {
    pthread_mutex_lock(&log_mutex);
    snprintf(out, size, "%s", last_log[0] ? last_log : "no details");
    last_log[0] = 0;
    pthread_mutex_unlock(&log_mutex);
}

static void load_library(const char *load_path) {
    // libgomp reads OMP_WAIT_POLICY when it is loaded; its default (spin) collapses on a busy
    // machine, so set it before dlopen pulls libgomp in.
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    verbose_log = getenv("LORE_WHISPER_VERBOSE") != NULL;
    void *handle = dlopen(load_path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(load_error, sizeof load_error, "cannot load %s: %s", load_path, dlerror());
        return;
    }
#define LORE_RESOLVE(name) \
    p_##name = (__typeof__(p_##name))dlsym(handle, #name); \
    if (!p_##name) { snprintf(load_error, sizeof load_error, "%s lacks the symbol %s", load_path, #name); return; }
    LORE_WHISPER_FUNCTIONS(LORE_RESOLVE)
    const char *version = p_whisper_version();
    if (strcmp(version, "1.8.5") != 0) {
        snprintf(load_error, sizeof load_error, "%s is whisper.cpp %s, but Lore was built for 1.8.5", load_path, version);
        return;
    }
    p_whisper_log_set(log_callback, NULL);
    load_status = 0;
}

int lore_whisper_load(const char *library_path, char *error, size_t error_size) {
    pthread_mutex_lock(&load_mutex);
    // a failed attempt is retried (set-up may have run since); a success is final
    if (load_status != 0) load_library(library_path);
    int status = load_status;
    if (status != 0) set_error(error, error_size, "%s", load_error);
    pthread_mutex_unlock(&load_mutex);
    return status;
}

bool lore_whisper_compiled_with_headers(void) { return true; }

const char *lore_whisper_version(void) { return load_status == 0 ? p_whisper_version() : NULL; }
const char *lore_whisper_system_info(void) { return load_status == 0 ? p_whisper_print_system_info() : NULL; }
int lore_whisper_language_id(const char *code) { return load_status == 0 ? p_whisper_lang_id(code) : -1; }

// The model (context) with two decoding states: one for transcriptions and one, created on
// first use, only for language detection, whose encoder context stays fixed (see
// lore_whisper_detect_language). A state is whisper.cpp's per-run memory: KV caches, mel, results.
struct lore_whisper {
    struct whisper_context *context;
    struct whisper_state *state;
    struct whisper_state *detect_state;
    // for the abort callback of the running transcription
    lore_whisper_cancel *cancel;
    double deadline;
    int abort_reason;
};

static double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

// ggml calls this between graph nodes of every encoder and decoder pass.
static bool should_abort(void *data) {
    struct lore_whisper *whisper = data;
    if (whisper->cancel && atomic_load(&whisper->cancel->fired)) {
        whisper->abort_reason = LORE_WHISPER_CANCELLED;
        return true;
    }
    if (whisper->deadline > 0 && monotonic_seconds() > whisper->deadline) {
        whisper->abort_reason = LORE_WHISPER_DEADLINE;
        return true;
    }
    return false;
}

static bool encoder_may_begin(struct whisper_context *ctx, struct whisper_state *state, void *data) {
    (void)ctx; (void)state;
    return !should_abort(data);
}

lore_whisper *lore_whisper_open(const char *model_path, bool flash_attention, char *error, size_t error_size) {
    if (load_status != 0) {
        set_error(error, error_size, "the whisper.cpp library is not loaded%s", "");
        return NULL;
    }
    struct whisper_context_params params = p_whisper_context_default_params();
    params.use_gpu = false;
    params.flash_attn = flash_attention;
    struct whisper_context *context = p_whisper_init_from_file_with_params_no_state(model_path, params);
    struct whisper_state *state = context ? p_whisper_init_state(context) : NULL;
    if (!state) {
        if (context) p_whisper_free(context);
        char detail[512];
        copy_last_log(detail, sizeof detail);
        set_error(error, error_size, "whisper.cpp cannot load the model: %s", detail);
        return NULL;
    }
    lore_whisper *whisper = calloc(1, sizeof *whisper);
    if (!whisper) {
        p_whisper_free_state(state);
        p_whisper_free(context);
        set_error(error, error_size, "out of memory%s", "");
        return NULL;
    }
    whisper->context = context;
    whisper->state = state;
    return whisper;
}

void lore_whisper_close(lore_whisper *whisper) {
    if (!whisper) return;
    if (whisper->detect_state) p_whisper_free_state(whisper->detect_state);
    p_whisper_free_state(whisper->state);
    p_whisper_free(whisper->context);
    free(whisper);
}

int lore_whisper_transcribe(lore_whisper *whisper, const lore_whisper_options *options,
                            const float *samples, int sample_count, char *error, size_t error_size) {
    struct whisper_full_params params = p_whisper_full_default_params(
        options->beam_size > 1 ? WHISPER_SAMPLING_BEAM_SEARCH : WHISPER_SAMPLING_GREEDY);
    params.n_threads = options->threads > 0 ? options->threads : 1;
    params.print_progress = false;
    params.print_realtime = false;
    params.print_timestamps = false;
    params.print_special = false;
    params.language = options->language ? options->language : "auto";
    params.detect_language = false;
    // Start from no earlier text: the state would otherwise condition this run on the previous
    // run's words (another recording, maybe another tenant's). Within the run, context still
    // carries over from window to window.
    params.no_context = true;
    params.audio_ctx = options->audio_ctx;
    params.initial_prompt = options->initial_prompt;
    params.suppress_nst = true;
    if (options->beam_size > 1) params.beam_search.beam_size = options->beam_size;
    if (!options->temperature_fallback) params.temperature_inc = 0.0f;
    params.abort_callback = should_abort;
    params.abort_callback_user_data = whisper;
    params.encoder_begin_callback = encoder_may_begin;
    params.encoder_begin_callback_user_data = whisper;

    whisper->cancel = options->cancel;
    whisper->deadline = options->time_limit_seconds > 0 ? monotonic_seconds() + options->time_limit_seconds : 0;
    whisper->abort_reason = 0;

    int status = p_whisper_full_with_state(whisper->context, whisper->state, params, samples, sample_count);
    whisper->cancel = NULL;
    if (whisper->abort_reason != 0) {
        set_error(error, error_size, "%s", whisper->abort_reason == LORE_WHISPER_CANCELLED ? "cancelled" : "time limit reached");
        return whisper->abort_reason;
    }
    if (status != 0) {
        char detail[512];
        copy_last_log(detail, sizeof detail);
        set_error(error, error_size, "whisper_full failed: %s", detail);
        return LORE_WHISPER_FAILED;
    }
    return LORE_WHISPER_OK;
}

// Language detection runs the encoder over the first 30 s and reads the language-token
// probabilities. whisper.cpp encodes with the encoder context its state last used, so the
// detection state is primed once with `audio_ctx` and never used for anything else: every
// detection then runs with the same context, whatever the transcriptions used.
int lore_whisper_detect_language(lore_whisper *whisper, const float *samples, int sample_count, int threads,
                                 int audio_ctx, char *code, size_t code_size, float *probability,
                                 char *error, size_t error_size) {
    if (!whisper->detect_state) {
        struct whisper_state *state = p_whisper_init_state(whisper->context);
        if (!state) {
            set_error(error, error_size, "cannot allocate the language detection state%s", "");
            return LORE_WHISPER_FAILED;
        }
        struct whisper_full_params params = p_whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
        params.n_threads = threads > 0 ? threads : 1;
        params.language = "en";
        params.audio_ctx = audio_ctx;
        params.print_progress = false;
        params.no_context = true;
        params.single_segment = true;
        params.max_tokens = 1;
        float *silence = calloc(16000, sizeof(float));
        int primed = silence ? p_whisper_full_with_state(whisper->context, state, params, silence, 16000) : -1;
        free(silence);
        if (primed != 0) {
            p_whisper_free_state(state);
            set_error(error, error_size, "cannot prime the language detection state%s", "");
            return LORE_WHISPER_FAILED;
        }
        whisper->detect_state = state;
    }
    int n = sample_count < 30 * 16000 ? sample_count : 30 * 16000;
    if (p_whisper_pcm_to_mel_with_state(whisper->context, whisper->detect_state, samples, n, threads) != 0) {
        set_error(error, error_size, "cannot compute the mel spectrogram%s", "");
        return LORE_WHISPER_FAILED;
    }
    int max_id = p_whisper_lang_max_id();
    float *probs = calloc((size_t)max_id + 1, sizeof(float));
    if (!probs) {
        set_error(error, error_size, "out of memory%s", "");
        return LORE_WHISPER_FAILED;
    }
    int id = p_whisper_lang_auto_detect_with_state(whisper->context, whisper->detect_state, 0, threads, probs);
    if (id < 0) {
        free(probs);
        char detail[512];
        copy_last_log(detail, sizeof detail);
        set_error(error, error_size, "language detection failed: %s", detail);
        return LORE_WHISPER_FAILED;
    }
    if (probability) *probability = probs[id];
    free(probs);
    snprintf(code, code_size, "%s", p_whisper_lang_str(id));
    return LORE_WHISPER_OK;
}

int lore_whisper_segment_count(const lore_whisper *whisper) {
    return p_whisper_full_n_segments_from_state(whisper->state);
}

// whisper.cpp's timestamps are in units of 10 ms
int64_t lore_whisper_segment_start_ms(const lore_whisper *whisper, int index) {
    return p_whisper_full_get_segment_t0_from_state(whisper->state, index) * 10;
}

int64_t lore_whisper_segment_end_ms(const lore_whisper *whisper, int index) {
    return p_whisper_full_get_segment_t1_from_state(whisper->state, index) * 10;
}

const char *lore_whisper_segment_text(const lore_whisper *whisper, int index) {
    return p_whisper_full_get_segment_text_from_state(whisper->state, index);
}


#else
// Built before scripts/setup installed the headers: everything reports how to fix that.
static const char *missing = "this build of Lore was compiled without the whisper.cpp headers: run scripts/setup, then rebuild";

int lore_whisper_load(const char *library_path, char *error, size_t error_size) {
    (void)library_path;
    set_error(error, error_size, "%s", missing);
    return -1;
}
bool lore_whisper_compiled_with_headers(void) { return false; }
const char *lore_whisper_version(void) { return NULL; }
const char *lore_whisper_system_info(void) { return NULL; }
int lore_whisper_language_id(const char *code) { (void)code; return -1; }
lore_whisper *lore_whisper_open(const char *model_path, bool flash_attention, char *error, size_t error_size) {
    (void)model_path; (void)flash_attention;
    set_error(error, error_size, "%s", missing);
    return NULL;
}
void lore_whisper_close(lore_whisper *whisper) { (void)whisper; }
int lore_whisper_transcribe(lore_whisper *whisper, const lore_whisper_options *options,
                            const float *samples, int sample_count, char *error, size_t error_size) {
    (void)whisper; (void)options; (void)samples; (void)sample_count;
    set_error(error, error_size, "%s", missing);
    return LORE_WHISPER_FAILED;
}
int lore_whisper_detect_language(lore_whisper *whisper, const float *samples, int sample_count, int threads,
                                 int audio_ctx, char *code, size_t code_size, float *probability,
                                 char *error, size_t error_size) {
    (void)whisper; (void)samples; (void)sample_count; (void)threads; (void)audio_ctx; (void)code; (void)code_size; (void)probability;
    set_error(error, error_size, "%s", missing);
    return LORE_WHISPER_FAILED;
}
int lore_whisper_segment_count(const lore_whisper *whisper) { (void)whisper; return 0; }
int64_t lore_whisper_segment_start_ms(const lore_whisper *whisper, int index) { (void)whisper; (void)index; return 0; }
int64_t lore_whisper_segment_end_ms(const lore_whisper *whisper, int index) { (void)whisper; (void)index; return 0; }
const char *lore_whisper_segment_text(const lore_whisper *whisper, int index) { (void)whisper; (void)index; return ""; }
#endif
