#include "accounts/accounts.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "base/strings.h"

namespace bh {

namespace {

constexpr Migration kWebMigrations[] = {
    {1, R"sql(
CREATE TABLE web_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  ewg INTEGER NOT NULL DEFAULT 0,
  imports INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE web_user_country (
  user_id INTEGER NOT NULL REFERENCES web_user(id) ON DELETE CASCADE,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  PRIMARY KEY (user_id, iso3)
);
CREATE TABLE web_session (
  token_sha256 TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES web_user(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX web_session_expires ON web_session(expires_at);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  component TEXT NOT NULL,
  action TEXT NOT NULL,
  country TEXT,
  detail TEXT NOT NULL
);
)sql"},
};

// A hash of a password nobody has, verified when the username is unknown so
// that a miss costs as much as a wrong password.
const std::string& DummyHash() {
  static const std::string hash = [] {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, "bluehelmet-no-such-user", 23, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
      return std::string();
    }
    return std::string(out);
  }();
  return hash;
}

bool ValidUsername(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
  });
}

constexpr size_t kMinPasswordLength = 10;

}  // namespace

Status EnsureAccountsSchema(Db* db) { return db->Migrate("web", kWebMigrations); }

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kEditor:
      return "editor";
    case Role::kViewer:
      return "viewer";
  }
  return "viewer";
}

std::string CreatedUserText(const User& u) {
  std::string scope = u.countries.empty() ? "" : " of " + Join(u.countries, ", ");
  return fmt::format("{}: {}{}{}{}", u.username, RoleName(u.role), scope, u.ewg ? "; ewg" : "",
                     u.imports ? "; imports" : "");
}

Result<Role> ParseRole(std::string_view s) {
  std::string k = ToLowerAscii(Trim(s));
  if (k == "admin") return Role::kAdmin;
  if (k == "editor") return Role::kEditor;
  if (k == "viewer") return Role::kViewer;
  return Status::InvalidArgument(fmt::format("unknown role '{}' (want admin, editor or viewer)", s));
}

Accounts::Accounts(Db* db, const Clock* clock, HashCost cost) : db_(db), clock_(clock), cost_(cost) {
  if (sodium_init() < 0) std::abort();  // libsodium cannot run at all: a broken install, not an input error
}

Result<std::string> Accounts::HashPassword(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops =
      cost_ == HashCost::kMinimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = cost_ == HashCost::kMinimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  // crypto_pwhash_str uses Argon2id (crypto_pwhash_ALG_DEFAULT) since libsodium 1.0.15.
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

Result<User> Accounts::CreateUser(const NewUser& u) {
  if (!ValidUsername(u.username)) {
    return Status::InvalidArgument(
        fmt::format("username '{}': want 1 to 64 letters, digits, '.', '_', '@' or '-'", u.username));
  }
  if (u.password.size() < kMinPasswordLength) {
    return Status::InvalidArgument(fmt::format("password: want at least {} characters", kMinPasswordLength));
  }
  if (u.role == Role::kEditor && u.countries.empty() && !u.ewg && !u.imports) {
    return Status::InvalidArgument("an editor needs --countries, --ewg or --imports: what may they change?");
  }
  if (u.role != Role::kEditor && (!u.countries.empty() || u.ewg || u.imports)) {
    return Status::InvalidArgument("only an editor takes --countries, --ewg or --imports");
  }
  BH_ASSIGN_OR_RETURN(std::string hash, HashPassword(u.password));
  Transaction tx(db_);
  BH_RETURN_IF_ERROR(tx.status());
  {
    BH_ASSIGN_OR_RETURN(Stmt exists, db_->Prepare("SELECT 1 FROM web_user WHERE username = ?"));
    exists.Bind(1, u.username);
    BH_ASSIGN_OR_RETURN(bool taken, exists.Step());
    if (taken) return Status::AlreadyExists(fmt::format("user '{}' already exists", u.username));
  }
  BH_ASSIGN_OR_RETURN(Stmt ins, db_->Prepare("INSERT INTO web_user (username, password_hash, role, ewg, imports, "
                                             "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
  BH_RETURN_IF_ERROR(ins.Bind(1, u.username)
                         .Bind(2, hash)
                         .Bind(3, RoleName(u.role))
                         .Bind(4, u.ewg ? 1 : 0)
                         .Bind(5, u.imports ? 1 : 0)
                         .Bind(6, IsoUtc(clock_->NowSeconds()))
                         .Run());
  int64_t id = db_->LastInsertRowId();
  BH_ASSIGN_OR_RETURN(Stmt c, db_->Prepare("INSERT OR IGNORE INTO web_user_country VALUES (?, ?)"));
  for (const std::string& iso3 : u.countries) {
    Status st = c.Bind(1, id).Bind(2, iso3).Run();
    if (!st.ok()) return Status::InvalidArgument(fmt::format("unknown country code '{}'", iso3));
  }
  BH_RETURN_IF_ERROR(tx.Commit());
  return GetUser(u.username);
}

Result<User> Accounts::LoadUser(Stmt& st) {
  User u;
  u.id = st.Int(0);
  u.username = st.Text(1);
  BH_ASSIGN_OR_RETURN(u.role, ParseRole(st.Text(2)));
  u.ewg = st.Int(3) != 0;
  u.imports = st.Int(4) != 0;
  BH_ASSIGN_OR_RETURN(Stmt c, db_->Prepare("SELECT iso3 FROM web_user_country WHERE user_id = ? ORDER BY iso3"));
  c.Bind(1, u.id);
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, c.Step());
    if (!row) break;
    u.countries.push_back(c.Text(0));
  }
  return u;
}

Result<User> Accounts::GetUser(std::string_view username) {
  BH_ASSIGN_OR_RETURN(Stmt st,
                      db_->Prepare("SELECT id, username, role, ewg, imports FROM web_user WHERE username = ?"));
  st.Bind(1, username);
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound(fmt::format("no user '{}'", username));
  return LoadUser(st);
}

Result<std::vector<User>> Accounts::ListUsers() {
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("SELECT id, username, role, ewg, imports FROM web_user ORDER BY username"));
  std::vector<User> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    BH_ASSIGN_OR_RETURN(User u, LoadUser(st));
    out.push_back(std::move(u));
  }
  return out;
}

Status Accounts::SetPassword(std::string_view username, std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidArgument(fmt::format("password: want at least {} characters", kMinPasswordLength));
  }
  BH_ASSIGN_OR_RETURN(User u, GetUser(username));
  BH_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("UPDATE web_user SET password_hash = ? WHERE id = ?"));
  BH_RETURN_IF_ERROR(st.Bind(1, hash).Bind(2, u.id).Run());
  // A new password ends every session opened with the old one.
  BH_ASSIGN_OR_RETURN(Stmt del, db_->Prepare("DELETE FROM web_session WHERE user_id = ?"));
  return del.Bind(1, u.id).Run();
}

Status Accounts::DeleteUser(std::string_view username) {
  BH_ASSIGN_OR_RETURN(User u, GetUser(username));
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("DELETE FROM web_user WHERE id = ?"));
  return st.Bind(1, u.id).Run();
}

Result<User> Accounts::CheckPassword(std::string_view username, std::string_view password) {
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("SELECT password_hash FROM web_user WHERE username = ?"));
  st.Bind(1, username);
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  std::string hash = row ? st.Text(0) : DummyHash();
  bool ok = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  if (!row || !ok) return Status::Unauthenticated("wrong username or password");
  return GetUser(username);
}

Result<Accounts::Session> Accounts::StartSession(const User& user, int64_t ttl_seconds) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : raw) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  int64_t now = clock_->NowSeconds();
  Session s{token, now + ttl_seconds};
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("INSERT INTO web_session VALUES (?, ?, ?, ?)"));
  BH_RETURN_IF_ERROR(st.Bind(1, Sha256Hex(token)).Bind(2, user.id).Bind(3, now).Bind(4, s.expires_at).Run());
  return s;
}

Result<User> Accounts::SessionUser(std::string_view token) {
  BH_ASSIGN_OR_RETURN(ActiveSession s, LookupSession(token));
  return std::move(s.user);
}

Result<Accounts::ActiveSession> Accounts::LookupSession(std::string_view token) {
  if (token.size() != 64) return Status::Unauthenticated("session expired or unknown: log in again");
  BH_ASSIGN_OR_RETURN(
      Stmt st, db_->Prepare("SELECT u.id, u.username, u.role, u.ewg, u.imports, s.expires_at FROM web_session s"
                            " JOIN web_user u ON u.id = s.user_id WHERE s.token_sha256 = ? AND s.expires_at > ?"));
  st.Bind(1, Sha256Hex(token)).Bind(2, clock_->NowSeconds());
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Unauthenticated("session expired or unknown: log in again");
  ActiveSession s;
  s.expires_at = st.Int(5);
  BH_ASSIGN_OR_RETURN(s.user, LoadUser(st));
  return s;
}

Status Accounts::EndSession(std::string_view token) {
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("DELETE FROM web_session WHERE token_sha256 = ?"));
  return st.Bind(1, Sha256Hex(token)).Run();
}

Result<int64_t> Accounts::PurgeExpiredSessions() {
  BH_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("DELETE FROM web_session WHERE expires_at <= ?"));
  BH_RETURN_IF_ERROR(st.Bind(1, clock_->NowSeconds()).Run());
  return static_cast<int64_t>(db_->Changes());
}

Status Accounts::Audit(std::string_view username, std::string_view component, std::string_view action,
                       std::string_view country, std::string_view detail) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db_->Prepare(
          "INSERT INTO audit_log (at, username, component, action, country, detail) VALUES (?, ?, ?, ?, ?, ?)"));
  return st.Bind(1, IsoUtc(clock_->NowSeconds()))
      .Bind(2, username)
      .Bind(3, component)
      .Bind(4, action)
      .BindText(5, country)
      .Bind(6, detail)
      .Run();
}

Result<std::vector<AuditEntry>> Accounts::ListAudit(int limit) {
  BH_ASSIGN_OR_RETURN(
      Stmt st, db_->Prepare("SELECT id, at, username, component, action, COALESCE(country, ''), detail FROM audit_log"
                            " ORDER BY id DESC LIMIT ?"));
  st.Bind(1, limit);
  std::vector<AuditEntry> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6)});
  }
  return out;
}

}  // namespace bh
