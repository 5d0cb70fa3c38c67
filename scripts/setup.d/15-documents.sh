# Documents: poppler's command-line tools (pdfinfo, pdftotext, pdftoppm, pdfimages, pdfunite
# for the benchmark) and zlib's headers (ZIPFoundation inflates DOCX/PPTX through zlib).
apt_ensure poppler-utils zlib1g-dev

# LibreOffice (headless, no GUI) converts legacy DOC/PPT/ODT/ODP/RTF; optional because it is
# large. Without it those formats are refused with "install LibreOffice to ingest .doc".
if [ "${LORE_SETUP_LIBREOFFICE:-0}" = 1 ]; then
    apt_ensure libreoffice-writer-nogui libreoffice-impress-nogui
fi
