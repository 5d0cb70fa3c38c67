# Builds Lore (and its tests) once; both README commands use this build.
case "${LORE_SETUP_BUILD:-debug}" in
    none) ;;
    *)
        export PATH="/opt/swift/usr/bin:$PATH"
        log "building Lore (swift build -c ${LORE_SETUP_BUILD})"
        (cd "$LORE_ROOT" && swift build -c "${LORE_SETUP_BUILD}" --product lore)
        ;;
esac
