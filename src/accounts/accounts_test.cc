#include "accounts/accounts.h"

#include <gtest/gtest.h>

#include "store/schema.h"

namespace bh {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ASSERT_TRUE(EnsureAccountsSchema(db_.get()).ok());
    accounts_ = std::make_unique<Accounts>(db_.get(), &clock_, HashCost::kMinimal);
  }
  FakeClock clock_;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, PasswordsAreStoredAsArgon2idHashesOnly) {
  ASSERT_TRUE(accounts_->CreateUser({"ana", "correct horse", Role::kAdmin, {}, false, false}).ok());
  auto st = *db_->Prepare("SELECT password_hash FROM web_user");
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(0u, st.Text(0).find("$argon2id$"));
  EXPECT_EQ(std::string::npos, st.Text(0).find("correct horse"));
  EXPECT_TRUE(accounts_->CheckPassword("ana", "correct horse").ok());
  auto wrong = accounts_->CheckPassword("ana", "wrong horse!");
  auto unknown = accounts_->CheckPassword("bob", "correct horse");
  EXPECT_EQ(Status::Code::kUnauthenticated, wrong.status().code());
  EXPECT_EQ(wrong.status().message(), unknown.status().message());  // no hint which was wrong
}

TEST_F(AccountsTest, CreateUserValidates) {
  EXPECT_EQ("password: want at least 10 characters",
            accounts_->CreateUser({"ana", "short", Role::kViewer, {}, false, false}).status().message());
  EXPECT_EQ(Status::Code::kInvalidArgument,
            accounts_->CreateUser({"a b", "long enough pw", Role::kViewer, {}, false, false}).status().code());
  EXPECT_EQ("an editor needs --countries, --ewg or --imports: what may they change?",
            accounts_->CreateUser({"ed", "long enough pw", Role::kEditor, {}, false, false}).status().message());
  EXPECT_EQ("only an editor takes --countries, --ewg or --imports",
            accounts_->CreateUser({"v", "long enough pw", Role::kViewer, {"VNM"}, false, false}).status().message());
  ASSERT_TRUE(accounts_->CreateUser({"ed", "long enough pw", Role::kEditor, {"VNM", "JPN"}, true, false}).ok());
  auto dup = accounts_->CreateUser({"ED", "long enough pw", Role::kViewer, {}, false, false});
  EXPECT_EQ(Status::Code::kAlreadyExists, dup.status().code());
  auto ed = accounts_->GetUser("ed");
  ASSERT_TRUE(ed.ok());
  EXPECT_EQ((std::vector<std::string>{"JPN", "VNM"}), ed->countries);
  EXPECT_TRUE(ed->ewg);
}

// One text for a created account, whether the CLI or the API created it.
TEST(CreatedUserTextTest, NamesRoleCountriesAndGrants) {
  EXPECT_EQ("ana: admin", CreatedUserText({1, "ana", Role::kAdmin, {}, false, false}));
  EXPECT_EQ("ed: editor of JPN, VNM; ewg", CreatedUserText({2, "ed", Role::kEditor, {"JPN", "VNM"}, true, false}));
  EXPECT_EQ("up: editor; imports", CreatedUserText({3, "up", Role::kEditor, {}, false, true}));
}

TEST_F(AccountsTest, SessionsExpireAndEndWithLogoutOrNewPassword) {
  auto u = accounts_->CreateUser({"ana", "correct horse", Role::kViewer, {}, false, false});
  ASSERT_TRUE(u.ok());
  auto s = accounts_->StartSession(*u, 3600);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(64u, s->token.size());
  EXPECT_EQ("ana", accounts_->SessionUser(s->token)->username);
  // The database keeps only the token's hash.
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM web_session WHERE token_sha256 = '" + s->token + "'"));
  clock_.Advance(3601);
  EXPECT_EQ(Status::Code::kUnauthenticated, accounts_->SessionUser(s->token).status().code());
  EXPECT_EQ(1, *accounts_->PurgeExpiredSessions());

  auto s2 = accounts_->StartSession(*u, 3600);
  ASSERT_TRUE(accounts_->EndSession(s2->token).ok());
  EXPECT_FALSE(accounts_->SessionUser(s2->token).ok());
  auto s3 = accounts_->StartSession(*u, 3600);
  ASSERT_TRUE(accounts_->SetPassword("ana", "another horse").ok());
  EXPECT_FALSE(accounts_->SessionUser(s3->token).ok());
  EXPECT_TRUE(accounts_->CheckPassword("ana", "another horse").ok());
}

TEST_F(AccountsTest, AuditIsNewestFirst) {
  ASSERT_TRUE(accounts_->Audit("ana", "register", "upload", "VNM", "persons.csv: 3 rows").ok());
  clock_.Advance(60);
  ASSERT_TRUE(accounts_->Audit("bob", "ewg", "upload", "", "cycles.csv").ok());
  auto log = accounts_->ListAudit(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(2u, log->size());
  EXPECT_EQ("bob", (*log)[0].username);
  EXPECT_EQ("VNM", (*log)[1].country);
  EXPECT_EQ("2023-11-14T22:13:20Z", (*log)[1].at);
}

}  // namespace
}  // namespace bh
