# Benchmark reference only (scripts/setup --bench): faster-whisper (CTranslate2) in a venv, run
# offline on the same CTranslate2 weights folder as the converted ggml model.
FASTER_WHISPER_VERSION=1.2.1
CTRANSLATE2_VERSION=4.7.1
FW_VENV="$LORE_TOOLS_DIR/bench/faster-whisper"
if [ "${LORE_SETUP_BENCH:-0}" = 1 ]; then
    if ! stamp_ok faster-whisper "$FASTER_WHISPER_VERSION/$CTRANSLATE2_VERSION" || [ ! -x "$FW_VENV/bin/python" ]; then
        log "installing faster-whisper $FASTER_WHISPER_VERSION (benchmark reference) into $FW_VENV"
        rm -rf "$FW_VENV"
        python3 -m venv "$FW_VENV" || die "python3 -m venv failed"
        "$FW_VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: \
            "faster-whisper==$FASTER_WHISPER_VERSION" "ctranslate2==$CTRANSLATE2_VERSION" \
            || die "pip could not install faster-whisper"
        HF_HUB_OFFLINE=1 "$FW_VENV/bin/python" -c 'import faster_whisper, ctranslate2' || die "faster-whisper does not import"
        stamp_set faster-whisper "$FASTER_WHISPER_VERSION/$CTRANSLATE2_VERSION"
    fi
fi
