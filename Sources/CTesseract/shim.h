// Tesseract 5's C API and Leptonica (Debian libtesseract-dev, libleptonica-dev).
// pkg-config "tesseract" adds the include and library paths for both.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
