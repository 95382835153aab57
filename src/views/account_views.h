// views/: the tables of the dashboard's accounts: who may sign in, and the
// audit log. The CLI prints the first (`bluehelmet user list`), the web API
// serves both (GET /api/users as JSON objects, GET /api/audit as a table).
//
// Pure shaping of what accounts/ read: no database, no failure.
//
// Thread safety: plain functions over values.
#ifndef BLUEHELMET_VIEWS_ACCOUNT_VIEWS_H_
#define BLUEHELMET_VIEWS_ACCOUNT_VIEWS_H_

#include <vector>

#include "accounts/accounts.h"
#include "table/table.h"

namespace bh {

// Username, Role, Countries, EWG, UN uploads; a note on how to create the
// first account when there is none.
Table UsersTable(const std::vector<User>& users);

// #, When, Who, Component, Action, Country, What: the entries in the order
// given (ListAudit gives the newest first).
Table AuditTable(const std::vector<AuditEntry>& entries);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_ACCOUNT_VIEWS_H_
