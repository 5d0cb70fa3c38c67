# whisper.cpp 1.8.5 (C library + headers) from the PyPI package pywhispercpp==1.5.1.
#   .tools/whisper/libwhisper.so.1.8.5            its RPATH is $ORIGIN/pywhispercpp.libs
#   .tools/whisper/pywhispercpp.libs/*            ggml, ggml-cpu, ggml-base, libgomp (as in the wheel)
#   .tools/whisper/include/{whisper,ggml*}.h      from the sdist: whisper_full takes its params
#                                                 struct by value, so the header must be 1.8.5's
# Lore loads the library with dlopen at run time (Sources/CWhisper); no Python is involved.
WHISPER_WHEEL=pywhispercpp-1.5.1-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl
WHISPER_WHEEL_SHA=a70839d9a1f569e1e5424f27ed01a32133d658beae4cd1459eb39de1e0483bba
WHISPER_SDIST=pywhispercpp-1.5.1.tar.gz
WHISPER_SDIST_SHA=5df897e5dd9d9f16804fc937bd85b9f5880a0b29a55f8843585e0e03d76195e5
WHISPER_DIR="$LORE_TOOLS_DIR/whisper"

if ! stamp_ok whisper-lib "$WHISPER_WHEEL_SHA/$WHISPER_SDIST_SHA" || [ ! -f "$WHISPER_DIR/libwhisper.so.1.8.5" ] || [ ! -f "$WHISPER_DIR/include/whisper.h" ]; then
    [ "$(uname -m)" = x86_64 ] || die "the pinned whisper.cpp wheel is for x86_64 only"
    wheel=$(fetch_pypi_file pywhispercpp "$WHISPER_WHEEL" "$WHISPER_WHEEL_SHA")
    sdist=$(fetch_pypi_file pywhispercpp "$WHISPER_SDIST" "$WHISPER_SDIST_SHA")
    log "installing whisper.cpp 1.8.5 into $WHISPER_DIR"
    rm -rf "$WHISPER_DIR.tmp"
    python3 - "$wheel" "$sdist" "$WHISPER_DIR.tmp" <<'PY'
import os, sys, tarfile, zipfile
wheel, sdist, dest = sys.argv[1:4]
os.makedirs(os.path.join(dest, "pywhispercpp.libs"))
with zipfile.ZipFile(wheel) as z:
    names = ["libwhisper.so.1.8.5"] + [n for n in z.namelist() if n.startswith("pywhispercpp.libs/") and not n.endswith("/")]
    for name in names:
        with open(os.path.join(dest, name), "wb") as out:
            out.write(z.read(name))
        os.chmod(os.path.join(dest, name), 0o755)
headers = {
    "whisper.cpp/include/whisper.h": "whisper.h",
    "whisper.cpp/ggml/include/ggml.h": "ggml.h",
    "whisper.cpp/ggml/include/ggml-cpu.h": "ggml-cpu.h",
    "whisper.cpp/ggml/include/ggml-backend.h": "ggml-backend.h",
    "whisper.cpp/ggml/include/ggml-alloc.h": "ggml-alloc.h",
}
os.makedirs(os.path.join(dest, "include"))
with tarfile.open(sdist) as t:
    for member, name in headers.items():
        data = t.extractfile(f"pywhispercpp-1.5.1/{member}").read()
        with open(os.path.join(dest, "include", name), "wb") as out:
            out.write(data)
    cmake = t.extractfile("pywhispercpp-1.5.1/whisper.cpp/CMakeLists.txt").read().decode()
    if 'project("whisper.cpp" VERSION 1.8.5)' not in cmake:
        sys.exit("the sdist's whisper.cpp is not version 1.8.5")
PY
    ln -sf libwhisper.so.1.8.5 "$WHISPER_DIR.tmp/libwhisper.so.1"
    rm -rf "$WHISPER_DIR"
    mv "$WHISPER_DIR.tmp" "$WHISPER_DIR"
    # A build made before the headers existed compiled the shim's "not installed" branch:
    # touching it makes the next incremental build compile the real one.
    touch "$LORE_ROOT/Sources/CWhisper/whisper_shim.c" 2>/dev/null || true
    stamp_set whisper-lib "$WHISPER_WHEEL_SHA/$WHISPER_SDIST_SHA"
fi
