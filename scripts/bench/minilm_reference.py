#!/usr/bin/env python3
"""Reference side of `lore bench embed`: sentence-transformers (PyTorch) on the same
all-MiniLM-L6-v2 weights, fully offline, with a fixed thread count.

It runs exactly the workload `lore bench embed` gives it (a JSON file) and measures it the same
way: for each chunk length and batch size, embed every chunk in consecutive batches after one
warm-up batch, best of `repeats` runs; then embed each query on its own and record the latency. It prints one JSON object.

    minilm_reference.py --model DIR --workload FILE --threads N
"""
import argparse
import json
import os
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="folder with the sentence-transformers model files")
    parser.add_argument("--workload", required=True, help="JSON workload written by lore bench embed")
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()

    # Offline and single-pool: set before torch is imported.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = str(args.threads)

    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    with open(args.workload, encoding="utf-8") as handle:
        workload = json.load(handle)

    model = SentenceTransformer(args.model, device="cpu")
    model.eval()

    def encode(texts, batch_size):
        return model.encode(texts, batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)

    throughput = []
    samples = {}
    with torch.inference_mode():
        for length, texts in workload["chunks"].items():
            for batch_size in workload["batch_sizes"]:
                encode(texts[:batch_size], batch_size)  # warm-up
                elapsed = float("inf")
                for _ in range(max(1, workload.get("repeats", 1))):  # best of N, as lore does
                    started = time.perf_counter()
                    for first in range(0, len(texts), batch_size):
                        encode(texts[first:first + batch_size], batch_size)
                    elapsed = min(elapsed, time.perf_counter() - started)
                throughput.append({
                    "tokens_per_chunk": int(length),
                    "batch_size": batch_size,
                    "chunks": len(texts),
                    "seconds": elapsed,
                })
            samples[length] = encode(texts[:workload["sample_count"]], 16).astype(np.float32).tolist()

        queries = workload["queries"]
        for query in queries[: workload["query_warmup"]]:
            encode([query], 1)
        latencies = []
        for query in queries:
            started = time.perf_counter()
            encode([query], 1)
            latencies.append(time.perf_counter() - started)

    json.dump({
        "implementation": f"sentence-transformers {__import__('sentence_transformers').__version__} / torch {torch.__version__}",
        "threads": torch.get_num_threads(),
        "throughput": throughput,
        "query_latencies": latencies,
        "samples": samples,
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
