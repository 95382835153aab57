// The dashboard's files from a directory (serve --web-root): only regular
// files under the root, never through a symbolic link (issue 12).
#include "web/assets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace bh {
namespace {

namespace fs = std::filesystem;

class DirectoryAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("bh_assets_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "root" / "sub");
    fs::create_directories(dir_ / "outside");
    Write(dir_ / "root" / "index.html", "<p>home</p>");
    Write(dir_ / "root" / "sub" / "app.js", "ok()");
    Write(dir_ / "outside" / "secret.txt", "secret");
  }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  fs::path dir_;
};

TEST_F(DirectoryAssetsTest, ServesRegularFilesUnderTheRoot) {
  auto assets = DirectoryAssets((dir_ / "root").string());
  auto index = assets->Find("/");
  ASSERT_TRUE(index);
  EXPECT_EQ("<p>home</p>", index->content);
  EXPECT_EQ("text/html; charset=utf-8", index->content_type);
  ASSERT_TRUE(assets->Find("/sub/app.js"));
  EXPECT_EQ("ok()", assets->Find("/sub/app.js")->content);
  EXPECT_FALSE(assets->Find("/sub"));  // a folder is not a file
  EXPECT_FALSE(assets->Find("/../outside/secret.txt"));
  EXPECT_FALSE(assets->Find("/missing.js"));
}

TEST_F(DirectoryAssetsTest, RefusesSymbolicLinksBelowTheRoot) {
  fs::create_symlink(dir_ / "outside" / "secret.txt", dir_ / "root" / "leak.txt");
  fs::create_directory_symlink(dir_ / "outside", dir_ / "root" / "linked");
  fs::create_symlink(dir_ / "root" / "index.html", dir_ / "root" / "inside-link.html");
  auto assets = DirectoryAssets((dir_ / "root").string());
  EXPECT_FALSE(assets->Find("/leak.txt"));
  EXPECT_FALSE(assets->Find("/linked/secret.txt"));
  EXPECT_FALSE(assets->Find("/inside-link.html"));  // even one that stays inside
  ASSERT_TRUE(assets->Find("/index.html"));
}

TEST_F(DirectoryAssetsTest, TheRootMayItselfBeALink) {
  fs::create_directory_symlink(dir_ / "root", dir_ / "root-link");
  auto assets = DirectoryAssets((dir_ / "root-link").string());
  ASSERT_TRUE(assets->Find("/sub/app.js"));
}

}  // namespace
}  // namespace bh
