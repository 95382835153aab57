#include "base/module.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace bh {
namespace {

TEST(ModuleTest, SearchesBesideTheExecutableFirst) {
  std::vector<std::string> dirs = ModuleSearchPath();
  ASSERT_FALSE(dirs.empty());
  EXPECT_EQ(std::filesystem::read_symlink("/proc/self/exe").parent_path().string(), dirs.front());
}

TEST(ModuleTest, AMissingModuleIsAnInternalErrorNamingWhereItLooked) {
  auto r = ModuleEntry("bluehelmet-no-such-module", "entry");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Status::Code::kInternal, r.status().code());
  EXPECT_NE(std::string::npos,
            r.status().message().find("cannot load the module bluehelmet-no-such-module.so (looked in " +
                                      ModuleSearchPath().front()))
      << r.status().message();
}

TEST(ModuleTest, AMissingEntryIsAnInternalError) {
  auto r = ModuleEntry("bluehelmet-poppler", "no_such_entry");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string::npos, r.status().message().find("the module bluehelmet-poppler.so has no entry no_such_entry"))
      << r.status().message();
}

}  // namespace
}  // namespace bh
