// The part of source_page.h that needs poppler (rendering a page, writing
// PNG files through poppler's image writer). Compiled into the module
// bluehelmet-poppler (poppler_module.h), not into the executable.
#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <stdlib.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "base/file_util.h"
#include "pdf/source_page.h"

namespace bh::pdf {

Result<Raster> RenderPage(std::string_view pdf_bytes, const std::string& name, int page, double dpi) {
  if (!(dpi >= 36 && dpi <= 600)) return Status::InvalidArgument(fmt::format("resolution {} dpi: want 36 to 600", dpi));
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) return Status::InvalidData(name + ": PDF too large");
  // ExtractPage proves the bytes are a readable PDF with that page, with the
  // same messages as the import, before poppler renders anything.
  BH_ASSIGN_OR_RETURN(Page words, ExtractPage(pdf_bytes, name, page));
  (void)words;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
  if (doc == nullptr) return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  std::unique_ptr<poppler::page> p(doc->create_page(page - 1));
  if (p == nullptr) return Status::InvalidData(fmt::format("{}: damaged PDF: page {} cannot be read", name, page));
  if (!poppler::page_renderer::can_render()) return Status::Internal("poppler was built without a renderer");
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_paper_color(0xFFFFFFFF);
  poppler::image img = renderer.render_page(p.get(), dpi, dpi);
  if (!img.is_valid() || img.format() != poppler::image::format_argb32 || img.width() <= 0 || img.height() <= 0) {
    return Status::Internal(fmt::format("{}: poppler could not render page {}", name, page));
  }
  Raster r;
  r.width = img.width();
  r.height = img.height();
  r.dpi = dpi;
  r.pixels.resize(static_cast<size_t>(r.width) * static_cast<size_t>(r.height));
  const size_t row_bytes = static_cast<size_t>(r.width) * sizeof(uint32_t);
  const char* data = img.const_data();
  for (int y = 0; y < r.height; ++y) {
    std::memcpy(&r.pixels[static_cast<size_t>(y) * static_cast<size_t>(r.width)],
                data + static_cast<size_t>(y) * static_cast<size_t>(img.bytes_per_row()), row_bytes);
  }
  return r;
}

Status SavePng(const Raster& r, const std::string& path) {
  if (r.width <= 0 || r.height <= 0) return Status::Internal("SavePng: empty raster");
  // poppler::image wraps the pixels without copying them; save only reads.
  std::vector<uint32_t> pixels = r.pixels;
  poppler::image img(reinterpret_cast<char*>(pixels.data()), r.width, r.height, poppler::image::format_argb32);
  const std::string tmp = path + ".tmp";
  // Poppler 22.12's image::save builds its PNG writer before it opens the
  // file and, when the open fails, destroys the writer uninitialised, which
  // crashes in libpng (png_destroy_write_struct). So the file is created
  // here first, and an unwritable path is an error before poppler sees it.
  if (FILE* probe = std::fopen(tmp.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    return Status::IoError(path, errno);
  }
  errno = 0;
  if (!img.save(tmp, "png", static_cast<int>(std::lround(r.dpi)))) {
    int err = errno;
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return err != 0 ? Status::IoError(path, err) : Status::IoError(path + ": cannot write the PNG");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IoError(fmt::format("{}: cannot write the PNG: {}", path, ec.message()));
  }
  return Status::Ok();
}

Result<std::string> EncodePng(const Raster& r) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) return Status::IoError(fmt::format("temporary directory: {}", ec.message()));
  std::string templ = (base / "bluehelmet-png-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) return Status::IoError(templ, errno);
  const std::string path = templ + "/page.png";
  Status saved = SavePng(r, path);
  Result<std::string> bytes = saved.ok() ? ReadFile(path) : Result<std::string>(saved);
  std::filesystem::remove_all(templ, ec);
  return bytes;
}

}  // namespace bh::pdf
