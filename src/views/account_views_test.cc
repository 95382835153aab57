#include "views/account_views.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(AccountViewsTest, UsersTableShowsScopeAndGrants) {
  Table t =
      UsersTable({{1, "ana", Role::kAdmin, {}, false, false}, {2, "ed", Role::kEditor, {"JPN", "VNM"}, true, false}});
  EXPECT_EQ("Username,Role,Countries,EWG,UN uploads\nana,admin,-,-,-\ned,editor,\"JPN, VNM\",yes,-\n",
            Render(t, Format::kCsv));
  EXPECT_TRUE(t.notes.empty());
  EXPECT_EQ(std::vector<std::string>{"No accounts: 'bluehelmet user add NAME --role admin' creates the first."},
            UsersTable({}).notes);
}

TEST(AccountViewsTest, AuditTableKeepsTheOrderAndMarksNoCountry) {
  Table t = AuditTable({{7, "2025-01-02T03:04:05Z", "ana", "account", "create-user", "", "ed: editor of VNM"},
                        {6, "2025-01-01T00:00:00Z", "ed", "register", "upload", "VNM", "u.csv: 3 persons: +3 ~0"}});
  EXPECT_EQ(
      "#,When,Who,Component,Action,Country,What\n"
      "7,2025-01-02T03:04:05Z,ana,account,create-user,,ed: editor of VNM\n"
      "6,2025-01-01T00:00:00Z,ed,register,upload,VNM,u.csv: 3 persons: +3 ~0\n",
      Render(t, Format::kCsv));
  EXPECT_EQ("-", t.rows[0][5].Text());
}

}  // namespace
}  // namespace bh
