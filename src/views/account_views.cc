#include "views/account_views.h"

#include "base/strings.h"

namespace bh {

Table UsersTable(const std::vector<User>& users) {
  Table t;
  t.title = "Accounts";
  t.columns = {"Username", "Role", "Countries", "EWG", "UN uploads"};
  for (const User& u : users) {
    t.AddRow({u.username, std::string(RoleName(u.role)), u.countries.empty() ? "-" : Join(u.countries, ", "),
              u.ewg ? "yes" : "-", u.imports ? "yes" : "-"});
  }
  if (users.empty()) t.notes.push_back("No accounts: 'bluehelmet user add NAME --role admin' creates the first.");
  return t;
}

Table AuditTable(const std::vector<AuditEntry>& entries) {
  Table t;
  t.title = "Audit log";
  t.columns = {"#", "When", "Who", "Component", "Action", "Country", "What"};
  for (const AuditEntry& e : entries) {
    t.AddRow({e.id, e.at, e.username, e.component, e.action, e.country.empty() ? Cell::Null("-") : Cell(e.country),
              e.detail});
  }
  return t;
}

}  // namespace bh
