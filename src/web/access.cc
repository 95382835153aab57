#include "web/access.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"

namespace bh {

namespace {
Status NeedLogin() { return Status::Unauthenticated("log in first"); }
}  // namespace

Status CheckRead(const Caller& c) {
  if (c.user || c.anonymous_read) return Status::Ok();
  return NeedLogin();
}

Status CheckSignedIn(const Caller& c) { return c.user ? Status::Ok() : NeedLogin(); }

Status CheckAdmin(const Caller& c) {
  if (!c.user) return NeedLogin();
  if (c.user->role == Role::kAdmin) return Status::Ok();
  return Status::PermissionDenied(
      fmt::format("'{}' is {}; this needs an admin", c.user->username, RoleName(c.user->role)));
}

Status CheckRegisterWrite(const Caller& c, const std::string& iso3) {
  if (!c.user) return NeedLogin();
  const User& u = *c.user;
  if (u.role == Role::kAdmin) return Status::Ok();
  if (u.role == Role::kEditor && std::find(u.countries.begin(), u.countries.end(), iso3) != u.countries.end()) {
    return Status::Ok();
  }
  if (u.role == Role::kEditor) {
    return Status::PermissionDenied(fmt::format("'{}' may change the register of {} only, not {}", u.username,
                                                u.countries.empty() ? "no country" : Join(u.countries, ", "), iso3));
  }
  return Status::PermissionDenied(fmt::format("'{}' is a viewer and may not change data", u.username));
}

Status CheckRegisterWriteAny(const Caller& c) {
  if (!c.user) return NeedLogin();
  const User& u = *c.user;
  if (u.role == Role::kAdmin || (u.role == Role::kEditor && !u.countries.empty())) return Status::Ok();
  if (u.role == Role::kEditor) {
    return Status::PermissionDenied(fmt::format("'{}' may change the register of no country", u.username));
  }
  return Status::PermissionDenied(fmt::format("'{}' is a viewer and may not change data", u.username));
}

Status CheckEwgWrite(const Caller& c) {
  if (!c.user) return NeedLogin();
  const User& u = *c.user;
  if (u.role == Role::kAdmin || (u.role == Role::kEditor && u.ewg)) return Status::Ok();
  return Status::PermissionDenied(fmt::format("'{}' may not change EWG data (an admin can grant it)", u.username));
}

Status CheckUnImport(const Caller& c) {
  if (!c.user) return NeedLogin();
  const User& u = *c.user;
  if (u.role == Role::kAdmin || (u.role == Role::kEditor && u.imports)) return Status::Ok();
  return Status::PermissionDenied(fmt::format("'{}' may not upload UN reports (an admin can grant it)", u.username));
}

}  // namespace bh
