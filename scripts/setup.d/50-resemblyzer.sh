# GE2E speaker encoder (Resemblyzer 0.1.4, Apache-2.0) for speaker diarization.
# The wheel's PyTorch checkpoint is converted once, without torch, into a plain safetensors file
#   $LORE_TOOLS_DIR/models/resemblyzer/ge2e.safetensors
# holding only the encoder's float32 tensors (lstm.{weight,bias}_{ih,hh}_l{0,1,2}, linear.{weight,bias}).
# The conversion is deterministic, so its result is pinned by sha256 like the download.
RESEMBLYZER_WHEEL=Resemblyzer-0.1.4-py3-none-any.whl
RESEMBLYZER_WHEEL_SHA=8f12eb2f1a9982d32e8db7856de754709b59c93a77bcf0ff536584b619a9dd1f
RESEMBLYZER_PT_SHA=39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e
GE2E_SAFETENSORS_SHA=a4ec1d4f4454504a151068f5addc75a36e6f51972345dd936da2edf858556246

ge2e_dir="$LORE_TOOLS_DIR/models/resemblyzer"
ge2e_file="$ge2e_dir/ge2e.safetensors"
if ! stamp_ok resemblyzer "$GE2E_SAFETENSORS_SHA" || [ ! -f "$ge2e_file" ] \
    || [ "$(sha256_of "$ge2e_file")" != "$GE2E_SAFETENSORS_SHA" ]; then
    wheel=$(fetch_pypi_file resemblyzer "$RESEMBLYZER_WHEEL" "$RESEMBLYZER_WHEEL_SHA")
    log "converting the Resemblyzer GE2E speaker encoder into $ge2e_file"
    mkdir -p "$ge2e_dir"
    work=$(mktemp -d)
    unzip_member "$wheel" resemblyzer/pretrained.pt "$work/pretrained.pt"
    verify_sha256 "$work/pretrained.pt" "$RESEMBLYZER_PT_SHA"
    python3 -c 'import numpy' 2>/dev/null || die "python3 with numpy is needed to convert the speaker model"
    python3 "$LORE_ROOT/scripts/lib/torch_to_safetensors.py" "$work/pretrained.pt" "$ge2e_file.part" \
        --state-key model_state --keep lstm. --keep linear. \
        --metadata "source=Resemblyzer 0.1.4 resemblyzer/pretrained.pt" \
        --metadata "source_sha256=$RESEMBLYZER_PT_SHA" \
        --metadata "license=Apache-2.0" \
        --metadata "architecture=GE2E: LSTM(40, 256, layers=3, gates i,f,g,o) -> last hidden state -> Linear(256, 256) -> ReLU -> L2 norm" \
        --metadata "input=librosa mel power (not log): 16 kHz, n_fft 400, hop 160, Hann, 40 Slaney mels; 160-frame partials" \
        || { rm -rf "$work" "$ge2e_file.part"; die "could not convert resemblyzer/pretrained.pt"; }
    rm -rf "$work"
    verify_sha256 "$ge2e_file.part" "$GE2E_SAFETENSORS_SHA"
    mv "$ge2e_file.part" "$ge2e_file"
    stamp_set resemblyzer "$GE2E_SAFETENSORS_SHA"
fi
