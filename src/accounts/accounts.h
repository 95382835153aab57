// accounts/: the accounts of the web dashboard, below app/ so that opening
// a workspace brings their schema up to date without the web layer. Users with roles, password hashes,
// sessions and the audit log, in the workspace database under the schema
// component "web".
//
// Roles:
//   admin   reads everything, manages accounts, uploads anything, reads the
//           audit log.
//   editor  reads everything; changes register data of the countries in its
//           scope only (one or more ISO3 codes); changes EWG data only when
//           granted `ewg`; uploads UN reports only when granted `imports`.
//   viewer  reads.
//
// Passwords are stored only as Argon2id hashes in libsodium's self-describing
// string form (crypto_pwhash_str: algorithm, cost and salt in the string), so
// a later cost change still verifies old hashes.
//
// Sessions: a token of 32 bytes from the OS CSPRNG (randombytes_buf), given
// to the browser once as hex in a cookie; the database keeps only its SHA-256,
// so a copy of the database does not hold usable sessions. A session expires
// at a fixed time after login (default 12 hours); logout deletes it.
//
// Audit: every change to register or EWG data, every upload and every
// account change appends one row (who, when, what). Rows are never updated.
//
// Thread safety: an Accounts object holds one Db* and is used by one thread
// at a time (the server gives each request its own pooled connection).
#ifndef BLUEHELMET_ACCOUNTS_ACCOUNTS_H_
#define BLUEHELMET_ACCOUNTS_ACCOUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "store/database.h"

namespace bh {

// Creates or upgrades the accounts' tables (web_user, web_user_country,
// web_session, audit_log) under the schema component "web", the name they
// had before they moved out of src/web (kept, so existing databases migrate
// in place). Idempotent; OpenWorkspace calls it.
Status EnsureAccountsSchema(Db* db);

enum class Role { kAdmin, kEditor, kViewer };
std::string_view RoleName(Role r);  // "admin", "editor", "viewer"
// InvalidArgument "unknown role 'x' (want admin, editor or viewer)".
Result<Role> ParseRole(std::string_view s);

struct User {
  int64_t id = 0;
  std::string username;
  Role role = Role::kViewer;
  std::vector<std::string> countries;  // editor scope: ISO3, sorted
  bool ewg = false;                    // editor may change EWG data
  bool imports = false;                // editor may upload UN reports
};

// What the audit log says of a created account, and the CLI prints:
// "ed: editor of JPN, VNM; ewg; imports" (name, role, countries, grants).
std::string CreatedUserText(const User& u);

struct NewUser {
  std::string username;
  std::string password;
  Role role = Role::kViewer;
  std::vector<std::string> countries;
  bool ewg = false;
  bool imports = false;
};

// How much work a password hash costs. kInteractive is libsodium's
// recommended online cost (64 MiB, 2 passes); kMinimal exists for tests.
enum class HashCost { kInteractive, kMinimal };

struct AuditEntry {
  int64_t id = 0;
  std::string at;         // ISO 8601 UTC
  std::string username;   // who
  std::string component;  // "register", "ewg", "import", "account"
  std::string action;     // e.g. "upload", "create-user"
  std::string country;    // ISO3 the change concerns, "" when none
  std::string detail;     // what changed, human-readable
};

class Accounts {
 public:
  // REQUIRES: db has the web schema; db and clock outlive this object.
  Accounts(Db* db, const Clock* clock, HashCost cost = HashCost::kInteractive);

  // InvalidArgument for a username outside [A-Za-z0-9._@-]{1,64}, a password
  // shorter than 10 characters, an editor without countries, or a scope on a
  // non-editor; AlreadyExists for a taken username.
  // REQUIRES: countries are known ISO3 codes (the caller resolved them).
  Result<User> CreateUser(const NewUser& u);
  // NotFound "no user 'x'".
  Result<User> GetUser(std::string_view username);
  Result<std::vector<User>> ListUsers();
  Status SetPassword(std::string_view username, std::string_view password);
  // Also ends the user's sessions.
  Status DeleteUser(std::string_view username);

  // The user whose password this is. Unauthenticated "wrong username or
  // password" for an unknown user and a wrong password alike (and the same
  // hashing work for both, so timing does not tell which).
  Result<User> CheckPassword(std::string_view username, std::string_view password);

  struct Session {
    std::string token;  // hex, 64 characters; shown once
    int64_t expires_at = 0;
  };
  Result<Session> StartSession(const User& user, int64_t ttl_seconds);
  // Unauthenticated "session expired or unknown" when the token is unknown,
  // expired, or its user was deleted.
  Result<User> SessionUser(std::string_view token);
  struct ActiveSession {
    User user;
    int64_t expires_at = 0;  // valid while now < expires_at
  };
  // SessionUser with the session's expiry.
  Result<ActiveSession> LookupSession(std::string_view token);
  Status EndSession(std::string_view token);
  // Deletes expired sessions; returns how many.
  Result<int64_t> PurgeExpiredSessions();

  Status Audit(std::string_view username, std::string_view component, std::string_view action, std::string_view country,
               std::string_view detail);
  // Newest first.
  Result<std::vector<AuditEntry>> ListAudit(int limit);

 private:
  Result<User> LoadUser(Stmt& st);
  Result<std::string> HashPassword(std::string_view password) const;

  Db* db_;
  const Clock* clock_;
  HashCost cost_;
};

}  // namespace bh

#endif  // BLUEHELMET_ACCOUNTS_ACCOUNTS_H_
