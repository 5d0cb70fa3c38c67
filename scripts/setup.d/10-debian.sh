# Debian packages Lore needs at build and run time.
# OCR: Tesseract's models for English, German, French, Spanish, Italian and Portuguese, plus
# orientation detection (osd); fonts-dejavu-core renders the OCR tests' text with ffmpeg.
apt_ensure ca-certificates curl git python3 util-linux libargon2-dev libopenblas-dev \
    ffmpeg poppler-utils espeak-ng sox \
    tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-osd \
    tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-por fonts-dejavu-core \
    libtesseract-dev libleptonica-dev
