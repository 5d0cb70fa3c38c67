# Debian packages Lore needs at build and run time.
apt_ensure ca-certificates curl git python3 util-linux libargon2-dev libopenblas-dev \
    ffmpeg poppler-utils espeak-ng sox \
    tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-osd \
    libtesseract-dev libleptonica-dev
