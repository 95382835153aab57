// The dashboard's front-end files (web/: HTML, JS, CSS and the bundled
// chart library), served by the API for every non-/api GET path.
//
// By default they are compiled into the binary (cmake/embed_assets.cmake
// turns the built web/ files into a generated .cc), so `bluehelmet serve`
// works from any directory and offline. `serve --web-root DIR` serves a
// directory instead, for front-end work without rebuilding.
//
// Thread safety: Find() is const and safe from many threads.
#ifndef BLUEHELMET_WEB_ASSETS_H_
#define BLUEHELMET_WEB_ASSETS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bh {

struct AssetFile {
  std::string content;
  std::string content_type;
};

class AssetSource {
 public:
  virtual ~AssetSource() = default;
  // `path` as requested, e.g. "/app.js"; "/" means "/index.html". Nothing
  // outside the source is ever returned ("..", absolute paths).
  virtual std::optional<AssetFile> Find(std::string_view path) const = 0;
};

// The files compiled into the binary.
const AssetSource* EmbeddedAssets();
// Files under `root`.
std::unique_ptr<AssetSource> DirectoryAssets(std::string root);

// "text/html; charset=utf-8" etc. by extension; "application/octet-stream" else.
std::string ContentTypeFor(std::string_view path);

// The embedded chart library (Chart.js UMD build), for reports that inline
// it; empty when the build had none.
std::string_view EmbeddedChartLibrary();

}  // namespace bh

#endif  // BLUEHELMET_WEB_ASSETS_H_
