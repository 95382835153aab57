// The entry of the module bluehelmet-poppler (poppler_module.h): the only
// symbol the module exports; everything else in it is hidden.
#include "pdf/poppler_module.h"

extern "C" __attribute__((visibility("default"))) const bh::pdf::PopplerModule* bh_poppler_module() {
  static const bh::pdf::PopplerModule table = {
      bh::pdf::kPopplerModuleVersion, &bh::pdf::ExtractPages, &bh::pdf::ExtractPage, &bh::pdf::InitPoppler,
      &bh::pdf::RenderPage,           &bh::pdf::SavePng,      &bh::pdf::EncodePng,
  };
  return &table;
}
