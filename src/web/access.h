// Who may do what: the permission rules of the web API in one place, as pure
// functions over the caller, so the whole matrix (role x own/other country x
// read/write) is tested without a server.
//
//                      read   register(own)  register(other)  EWG write        UN upload   accounts/audit
//   anonymous          opt*   -              -                -                -           -
//   viewer             yes    -              -                -                -           -
//   editor             yes    yes            -                if granted ewg   if granted  -
//   admin              yes    yes            yes              yes              yes         yes
//   (* only when the server runs with --anonymous-read)
//
// Each check returns OK, Unauthenticated (no session: log in) or
// PermissionDenied (signed in, but not allowed), whose message says what
// would be needed.
//
// Pure; thread-safe.
#ifndef BLUEHELMET_WEB_ACCESS_H_
#define BLUEHELMET_WEB_ACCESS_H_

#include <optional>
#include <string>

#include "accounts/accounts.h"
#include "base/status.h"

namespace bh {

struct Caller {
  std::optional<User> user;     // unset: no valid session
  bool anonymous_read = false;  // the server's --anonymous-read
};

Status CheckRead(const Caller& c);
Status CheckSignedIn(const Caller& c);
Status CheckAdmin(const Caller& c);
// Changing one country's register data.
Status CheckRegisterWrite(const Caller& c, const std::string& iso3);
// Changing the register of at least one country: admin, or an editor of
// one country or more. A viewer is refused before anything is read.
Status CheckRegisterWriteAny(const Caller& c);
// Changing EWG data.
Status CheckEwgWrite(const Caller& c);
// Uploading a UN report (contributions CSV or PDF), which changes every
// country's figures for its months.
Status CheckUnImport(const Caller& c);

}  // namespace bh

#endif  // BLUEHELMET_WEB_ACCESS_H_
