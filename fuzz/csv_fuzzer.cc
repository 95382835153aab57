// libFuzzer harness: any bytes through the UN CSV parser, the tidy reader
// (the bytes as they are, and as the rows under a tidy header) and the
// import front door must give a Status, never a crash. Build with `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/importer.h"
#include "ingest/tidy_csv.h"
#include "ingest/un_csv.h"
#include "store/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<bh::Db> db = std::move(*bh::OpenCoreStore(":memory:"));
  static bh::Reference ref = *bh::Reference::Load(db.get());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)bh::ParseUnCsv(bytes, "fuzz.csv", ref, false);
  (void)bh::ParseUnCsv(bytes, "fuzz.csv", ref, true);
  (void)bh::ParseDate(bytes);
  (void)bh::ParseTidyCsv(bytes, "fuzz.csv", ref);
  (void)bh::ParseTidyCsv(bh::TidyHeader() + "\n" + std::string(bytes), "fuzz.csv", ref);
  (void)bh::ImportBytes(db.get(), ref, "fuzz.csv", bytes, {});
  return 0;
}
