#!/usr/bin/env python3
"""faster-whisper reference for `lore bench asr`: transcribes raw 16 kHz mono float32 files.

    faster_whisper_reference.py --model CT2_DIR --threads N --beam-size B [--vad] [--warmup PCM] MANIFEST.json

MANIFEST is a JSON list of {"id": …, "pcm": path to little-endian float32 samples}. Prints one
JSON object: {"load_seconds", "results": [{"id", "text", "language", "seconds", "cpu_seconds"}]}. Runs offline
(HF_HUB_OFFLINE) on the same CTranslate2 weights folder Lore's ggml model was converted from,
with int8 compute and the given thread count. Timing covers transcription only (the PCM is
already decoded), like Lore's side of the benchmark; a warm-up run (on --warmup, else the first
entry) comes first. `lore bench asr` calls it once per file, right after timing Lore on the same
file, so both engines meet the same load on a shared machine.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
import numpy as np  # noqa: E402
from faster_whisper import WhisperModel  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--beam-size", type=int, default=1)
    parser.add_argument("--vad", action="store_true", help="faster-whisper's Silero VAD filter")
    parser.add_argument("--warmup", help="PCM file to warm up on (default: the first entry)")
    parser.add_argument("manifest")
    args = parser.parse_args()

    started = time.perf_counter()
    model = WhisperModel(args.model, device="cpu", compute_type="int8", cpu_threads=args.threads, num_workers=1)
    load_seconds = time.perf_counter() - started

    def transcribe(samples):
        segments, info = model.transcribe(
            samples, beam_size=args.beam_size, vad_filter=args.vad, condition_on_previous_text=True)
        text = " ".join(segment.text.strip() for segment in segments)  # the generator does the work
        return text, info.language

    entries = json.load(open(args.manifest))
    warmup = np.fromfile(args.warmup or entries[0]["pcm"], dtype="<f4")
    transcribe(warmup)
    results = []
    for entry in entries:
        samples = np.fromfile(entry["pcm"], dtype="<f4")
        started, cpu = time.perf_counter(), time.process_time()
        text, language = transcribe(samples)
        results.append({"id": entry["id"], "text": text, "language": language,
                        "seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu})
        print(f"reference: {entry['id']} done", file=sys.stderr)
    json.dump({"load_seconds": load_seconds, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
