// Reads a PNG back for tests, through libpng's simplified API: an
// independent decoder, so a test checks the file that was written and not
// the raster it was written from. Test-only (libpng links only into
// bluehelmet_tests).
#ifndef BLUEHELMET_PDF_TEST_PNG_H_
#define BLUEHELMET_PDF_TEST_PNG_H_

#include <png.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace bh::pdf::testing {

struct DecodedPng {
  bool ok = false;
  std::string error;
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // 3 bytes per pixel, row-major

  // {r, g, b} of pixel (x, y).
  std::vector<int> At(int x, int y) const {
    size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
};

inline DecodedPng DecodePng(const std::string& path) {
  DecodedPng out;
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    out.error = image.message;
    return out;
  }
  image.format = PNG_FORMAT_RGB;
  out.rgb.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.rgb.data(), 0, nullptr)) {
    out.error = image.message;
    png_image_free(&image);
    return out;
  }
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.ok = true;
  return out;
}

}  // namespace bh::pdf::testing

#endif  // BLUEHELMET_PDF_TEST_PNG_H_
