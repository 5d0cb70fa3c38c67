# BM25 reference for `lore bench quality` (only with scripts/setup --bench): bm25s + PyStemmer in
# a virtual environment under .tools, pinned.
if [ "${LORE_SETUP_BENCH:-0}" = 1 ]; then
    BM25_VENV="$LORE_TOOLS_DIR/bench/bm25"
    BM25_PINS="bm25s==0.2.13 PyStemmer==2.2.0.3 numpy scipy"
    if ! stamp_ok bm25 "$BM25_PINS" || [ ! -x "$BM25_VENV/bin/python" ]; then
        log "installing the BM25 reference (bm25s, PyStemmer)"
        python3 -m venv "$BM25_VENV"
        "$BM25_VENV/bin/pip" install -q bm25s==0.2.13 PyStemmer==2.2.0.3 numpy scipy
        stamp_set bm25 "$BM25_PINS"
    fi
fi
