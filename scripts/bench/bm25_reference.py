#!/usr/bin/env python3
"""BM25 reference for `lore bench quality`: ranks a BEIR-format collection with bm25s (Okapi
BM25, k1=1.5, b=0.75) over a standard English analysis — lower-casing, word tokens, English
stop words, Snowball (Porter 2) stemming — and prints {query_id: [doc ids, best first]} as JSON.

Usage: bm25_reference.py DATASET_DIR [TOP_K]
"""
import json, os, sys

import bm25s
import Stemmer


def main():
    folder = sys.argv[1]
    top_k = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    ids, texts = [], []
    with open(os.path.join(folder, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            ids.append(str(doc["_id"]))
            texts.append(((doc.get("title") or "") + " " + (doc.get("text") or "")).strip())
    queries = []
    with open(os.path.join(folder, "queries.jsonl"), encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            queries.append((str(q["_id"]), q["text"]))
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25(k1=1.5, b=0.75)
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)
    tokens = bm25s.tokenize([q for _, q in queries], stopwords="en", stemmer=stemmer, show_progress=False)
    k = min(top_k, len(ids))
    results, _ = retriever.retrieve(tokens, k=k, show_progress=False)
    ranking = {qid: [ids[i] for i in row] for (qid, _), row in zip(queries, results)}
    json.dump(ranking, sys.stdout)


if __name__ == "__main__":
    main()
