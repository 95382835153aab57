#include "store/schema.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "model/personnel.h"
#include "store/month_figures.h"
#include "store/reference_data.h"

namespace bh {

namespace {

constexpr Migration kCoreMigrations[] = {
    {1, R"sql(
CREATE TABLE country (
  iso3 TEXT PRIMARY KEY CHECK (length(iso3) = 3),
  iso2 TEXT,
  m49 INTEGER,
  name TEXT NOT NULL,
  official_name TEXT
);
CREATE TABLE country_alias (
  name_key TEXT PRIMARY KEY,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  name TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX country_alias_iso3 ON country_alias(iso3);
CREATE TABLE mission (
  acronym TEXT PRIMARY KEY,
  name TEXT,
  host_iso3 TEXT REFERENCES country(iso3),
  start_date TEXT,
  end_date TEXT,
  source TEXT
);
CREATE TABLE personnel_type (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  sort INTEGER NOT NULL
);
CREATE TABLE country_group (
  name TEXT PRIMARY KEY,
  description TEXT,
  builtin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE country_group_member (
  group_name TEXT NOT NULL REFERENCES country_group(name) ON DELETE CASCADE,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  PRIMARY KEY (group_name, iso3)
);
CREATE TABLE import (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  path TEXT,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  layout TEXT,
  imported_at TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  first_month TEXT,
  last_month TEXT,
  reconciliation TEXT,
  synthetic INTEGER NOT NULL DEFAULT 0,
  note TEXT
);
CREATE UNIQUE INDEX import_sha256 ON import(sha256);
CREATE TABLE contribution (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES import(id),
  page INTEGER,
  line INTEGER NOT NULL,
  report_date TEXT NOT NULL,
  month TEXT NOT NULL,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  mission TEXT REFERENCES mission(acronym),
  ptype TEXT REFERENCES personnel_type(code),
  women INTEGER CHECK (women >= 0),
  men INTEGER CHECK (men >= 0),
  total INTEGER NOT NULL CHECK (total >= 0),
  CHECK ((women IS NULL) = (men IS NULL)),
  CHECK (women IS NULL OR women + men = total)
);
CREATE INDEX contribution_import_month ON contribution(import_id, month);
CREATE TABLE country_total (
  import_id INTEGER NOT NULL REFERENCES import(id),
  line INTEGER NOT NULL,
  report_date TEXT NOT NULL,
  month TEXT NOT NULL,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  rank INTEGER,
  women INTEGER NOT NULL CHECK (women >= 0),
  men INTEGER NOT NULL CHECK (men >= 0),
  total INTEGER NOT NULL CHECK (total >= 0),
  PRIMARY KEY (import_id, month, iso3)
);
CREATE TABLE month_source (
  dataset TEXT NOT NULL CHECK (dataset IN ('contribution', 'country_total')),
  month TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES import(id),
  PRIMARY KEY (dataset, month)
);
CREATE TABLE import_mismatch (
  import_id INTEGER NOT NULL REFERENCES import(id),
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  what TEXT NOT NULL,
  printed INTEGER NOT NULL,
  computed INTEGER NOT NULL
);
CREATE TABLE target_set (
  version TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE target_cell (
  version TEXT NOT NULL REFERENCES target_set(version) ON DELETE CASCADE,
  category TEXT NOT NULL,
  year INTEGER NOT NULL,
  basis_points INTEGER NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
  source TEXT NOT NULL,
  PRIMARY KEY (version, category, year)
);
CREATE VIEW current_contribution AS
  SELECT c.* FROM contribution c
  JOIN month_source s ON s.dataset = 'contribution' AND s.month = c.month AND s.import_id = c.import_id;
CREATE VIEW current_country_total AS
  SELECT t.* FROM country_total t
  JOIN month_source s ON s.dataset = 'country_total' AND s.month = t.month AND s.import_id = t.import_id;
)sql"},
    {2, R"sql(
CREATE TABLE reference_seed (version INTEGER NOT NULL);
INSERT INTO reference_seed VALUES (0);
)sql"},
    // The monthly aggregate of each import (store/month_figures.h).
    {3, R"sql(
CREATE TABLE month_figures (
  import_id INTEGER NOT NULL REFERENCES import(id),
  month TEXT NOT NULL,
  figures BLOB NOT NULL,
  PRIMARY KEY (import_id, month)
) WITHOUT ROWID;
)sql"},
    // Contribution rows clustered by (import, month, position in the file)
    // instead of a rowid table plus an (import_id, month) index (issue 7):
    // every query reads an import's month as one key range, and an import
    // appends at the end of one B-tree instead of two.
    {4, R"sql(
CREATE TABLE contribution_v4 (
  import_id INTEGER NOT NULL REFERENCES import(id),
  month TEXT NOT NULL,
  seq INTEGER NOT NULL,
  page INTEGER,
  line INTEGER NOT NULL,
  report_date TEXT NOT NULL,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  mission TEXT REFERENCES mission(acronym),
  ptype TEXT REFERENCES personnel_type(code),
  women INTEGER CHECK (women >= 0),
  men INTEGER CHECK (men >= 0),
  total INTEGER NOT NULL CHECK (total >= 0),
  CHECK ((women IS NULL) = (men IS NULL)),
  CHECK (women IS NULL OR women + men = total),
  PRIMARY KEY (import_id, month, seq)
) WITHOUT ROWID;
INSERT INTO contribution_v4
  SELECT import_id, month, ROW_NUMBER() OVER (PARTITION BY import_id ORDER BY id), page, line, report_date, iso3,
         mission, ptype, women, men, total
  FROM contribution ORDER BY import_id, month, id;
DROP VIEW current_contribution;
DROP TABLE contribution;
ALTER TABLE contribution_v4 RENAME TO contribution;
CREATE VIEW current_contribution AS
  SELECT c.* FROM month_source s
  JOIN contribution c ON c.import_id = s.import_id AND c.month = s.month
  WHERE s.dataset = 'contribution';
)sql"},
    // month_figures as a rowid table: in a WITHOUT ROWID table each 15 KB
    // row lives in the key's B-tree, and every seek read whole rows from
    // their overflow pages to compare keys (issue 7: 94,000 instructions a
    // seek; the whole-history query went from ~13 ms to ~3 ms).
    {5, R"sql(
CREATE TABLE month_figures_v5 (
  import_id INTEGER NOT NULL REFERENCES import(id),
  month TEXT NOT NULL,
  figures BLOB NOT NULL,
  PRIMARY KEY (import_id, month)
);
INSERT INTO month_figures_v5 SELECT import_id, month, figures FROM month_figures ORDER BY import_id, month;
DROP TABLE month_figures;
ALTER TABLE month_figures_v5 RENAME TO month_figures;
)sql"},
    // Errata (store/errata.h): corrections made in the open. The figures as
    // printed stay in `contribution`; `current_contribution` now shows the
    // corrected ones (and the erratum's id), `printed_contribution` the
    // printed ones, and `figures_in_use` the monthly sums with corrections.
    {6, R"sql(
CREATE TABLE erratum (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  mission TEXT NOT NULL DEFAULT '',
  ptype TEXT NOT NULL REFERENCES personnel_type(code),
  printed_women INTEGER NOT NULL,
  printed_men INTEGER NOT NULL,
  women INTEGER NOT NULL CHECK (women >= 0),
  men INTEGER NOT NULL CHECK (men >= 0),
  reason TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (month, iso3, mission, ptype)
);
CREATE TABLE month_figures_corrected (
  import_id INTEGER NOT NULL REFERENCES import(id),
  month TEXT NOT NULL,
  figures BLOB NOT NULL,
  PRIMARY KEY (import_id, month)
);
DROP VIEW current_contribution;
CREATE VIEW printed_contribution AS
  SELECT c.* FROM month_source s
  JOIN contribution c ON c.import_id = s.import_id AND c.month = s.month
  WHERE s.dataset = 'contribution';
CREATE VIEW current_contribution AS
  SELECT c.import_id, c.month, c.seq, c.page, c.line, c.report_date, c.iso3, c.mission, c.ptype,
         COALESCE(e.women, c.women) AS women, COALESCE(e.men, c.men) AS men,
         COALESCE(e.women + e.men, c.total) AS total, e.id AS erratum
  FROM printed_contribution c
  LEFT JOIN erratum e ON e.month = c.month AND e.iso3 = c.iso3 AND e.mission = COALESCE(c.mission, '')
    AND e.ptype = c.ptype AND e.printed_women = c.women AND e.printed_men = c.men;
CREATE VIEW figures_in_use AS
  SELECT f.import_id, f.month, COALESCE(k.figures, f.figures) AS figures FROM month_figures f
  LEFT JOIN month_figures_corrected k ON k.import_id = f.import_id AND k.month = f.month;
)sql"},
    // Shipped errata (store/errata.h, LoadShippedErrata): each correction's
    // source (the shipped file's name and SHA-256; NULL: made in this
    // database), the shipped files loaded, and the shipped corrections a user
    // removed, which are never loaded again.
    {7, R"sql(
ALTER TABLE erratum ADD COLUMN source TEXT;
CREATE TABLE erratum_shipped_file (
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  added INTEGER NOT NULL,
  PRIMARY KEY (name, sha256)
);
CREATE TABLE erratum_removed (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  removed_at TEXT NOT NULL
);
)sql"},
    // Dated group memberships (issue 13): a member from joined_on (NULL: from
    // the group's start) until left_on (NULL: still a member), with the
    // source that says so. A month's group figures use that month's members.
    {8, R"sql(
ALTER TABLE country_group_member ADD COLUMN joined_on TEXT CHECK (joined_on IS NULL OR date(joined_on) IS joined_on);
ALTER TABLE country_group_member ADD COLUMN left_on TEXT CHECK (left_on IS NULL OR date(left_on) IS left_on);
ALTER TABLE country_group_member ADD COLUMN source TEXT;
)sql"},
};

// Bump when the compiled-in aliases, missions or groups change: existing
// databases then receive the additions (never deletions) on next open.
constexpr int kReferenceVersion = 3;

Status SeedAliases(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt alias, db->Prepare("INSERT OR IGNORE INTO country_alias VALUES (?, ?, ?, ?)"));
  for (const CountryAlias& a : UnCountryAliases()) {
    BH_RETURN_IF_ERROR(alias.Bind(1, NameKey(a.name)).Bind(2, a.iso3).Bind(3, a.name).Bind(4, "UN spelling").Run());
  }
  return Status::Ok();
}

Status SeedCountries(Db* db) {
  BH_ASSIGN_OR_RETURN(int64_t have, db->QueryInt("SELECT COUNT(*) FROM country"));
  if (have > 0) return Status::Ok();
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare("INSERT INTO country VALUES (?, ?, ?, ?, ?)"));
  BH_ASSIGN_OR_RETURN(Stmt alias, db->Prepare("INSERT OR IGNORE INTO country_alias VALUES (?, ?, ?, ?)"));
  auto add_alias = [&](std::string_view name, std::string_view iso3, std::string_view source) -> Status {
    if (name.empty()) return Status::Ok();
    return alias.Bind(1, NameKey(name)).Bind(2, iso3).Bind(3, name).Bind(4, source).Run();
  };
  for (const IsoCountry& c : IsoCountries()) {
    BH_RETURN_IF_ERROR(
        ins.Bind(1, c.alpha3).Bind(2, c.alpha2).Bind(3, c.numeric).Bind(4, c.name).BindText(5, c.official_name).Run());
    BH_RETURN_IF_ERROR(add_alias(c.name, c.alpha3, "iso-codes name"));
    BH_RETURN_IF_ERROR(add_alias(c.official_name, c.alpha3, "iso-codes official_name"));
    BH_RETURN_IF_ERROR(add_alias(c.common_name, c.alpha3, "iso-codes common_name"));
    BH_RETURN_IF_ERROR(add_alias(c.alpha3, c.alpha3, "ISO 3166-1 alpha-3"));
  }
  return Status::Ok();
}

Status SeedPersonnelTypes(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare("INSERT OR IGNORE INTO personnel_type VALUES (?, ?, ?, ?)"));
  int sort = 0;
  for (PersonnelType t : kAllPersonnelTypes) {
    BH_RETURN_IF_ERROR(ins.Bind(1, PersonnelTypeCode(t))
                           .Bind(2, PersonnelTypeLabel(t))
                           .Bind(3, CategoryCode(CategoryOf(t)))
                           .Bind(4, ++sort)
                           .Run());
  }
  return Status::Ok();
}

Status SeedMissions(Db* db) {
  BH_ASSIGN_OR_RETURN(
      Stmt ins,
      db->Prepare(
          "INSERT INTO mission VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(acronym) DO UPDATE SET"
          " name = COALESCE(mission.name, excluded.name), host_iso3 = COALESCE(mission.host_iso3, excluded.host_iso3),"
          " start_date = COALESCE(mission.start_date, excluded.start_date),"
          " end_date = COALESCE(mission.end_date, excluded.end_date), source = COALESCE(mission.source, "
          "excluded.source)"));
  for (const MissionInfo& m : KnownMissions()) {
    BH_RETURN_IF_ERROR(ins.Bind(1, m.acronym)
                           .Bind(2, m.name)
                           .BindText(3, m.host_iso3)
                           .BindText(4, m.start)
                           .BindText(5, m.end)
                           .Bind(6, "built-in mission list")
                           .Run());
  }
  return Status::Ok();
}

Status SeedGroups(Db* db) {
  // Built-in groups follow the compiled-in facts: descriptions and the dated
  // memberships are brought up to date in existing databases too.
  BH_ASSIGN_OR_RETURN(Stmt g, db->Prepare("INSERT INTO country_group VALUES (?, ?, 1) ON CONFLICT(name) DO UPDATE SET "
                                          "description = excluded.description"
                                          " WHERE country_group.builtin = 1"));
  BH_ASSIGN_OR_RETURN(
      Stmt m,
      db->Prepare(
          "INSERT INTO country_group_member (group_name, iso3, joined_on, source) VALUES (?, ?, ?, ?)"
          " ON CONFLICT(group_name, iso3) DO UPDATE SET joined_on = excluded.joined_on, source = excluded.source"));
  for (const BuiltinGroup& grp : BuiltinGroups()) {
    BH_RETURN_IF_ERROR(g.Bind(1, grp.name).Bind(2, grp.description).Run());
    for (std::string_view iso3 : grp.members) {
      BH_RETURN_IF_ERROR(m.Bind(1, grp.name).Bind(2, iso3).BindNull(3).BindNull(4).Run());
    }
    for (const BuiltinMembership& j : grp.joined_later) {
      BH_RETURN_IF_ERROR(m.Bind(1, grp.name).Bind(2, j.iso3).Bind(3, j.joined_on).Bind(4, j.source).Run());
    }
  }
  return Status::Ok();
}

Status SeedTargets(Db* db) {
  BH_ASSIGN_OR_RETURN(int64_t have, db->QueryInt("SELECT COUNT(*) FROM target_set"));
  if (have > 0) return Status::Ok();
  BH_ASSIGN_OR_RETURN(Stmt set,
                      db->Prepare("INSERT INTO target_set VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), 1)"));
  BH_RETURN_IF_ERROR(set.Bind(1, kBuiltinTargetVersion).Bind(2, kBuiltinTargetDescription).Run());
  BH_ASSIGN_OR_RETURN(Stmt cell, db->Prepare("INSERT INTO target_cell VALUES (?, ?, ?, ?, ?)"));
  for (const TargetCellInfo& c : BuiltinTargetCells()) {
    BH_RETURN_IF_ERROR(cell.Bind(1, kBuiltinTargetVersion)
                           .Bind(2, c.category)
                           .Bind(3, c.year)
                           .Bind(4, c.basis_points)
                           .Bind(5, c.source)
                           .Run());
  }
  return Status::Ok();
}

}  // namespace

Status EnsureCoreSchema(Db* db) {
  BH_RETURN_IF_ERROR(db->Migrate("core", kCoreMigrations));
  BH_RETURN_IF_ERROR(EnsureMonthFigures(db));
  BH_ASSIGN_OR_RETURN(int64_t seeded, db->QueryInt("SELECT MAX(version) FROM reference_seed"));
  if (seeded >= kReferenceVersion) return Status::Ok();
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  // Another process may have seeded while this one waited for the lock.
  BH_ASSIGN_OR_RETURN(seeded, db->QueryInt("SELECT MAX(version) FROM reference_seed"));
  if (seeded >= kReferenceVersion) return Status::Ok();
  BH_RETURN_IF_ERROR(SeedCountries(db));
  BH_RETURN_IF_ERROR(SeedAliases(db));
  BH_RETURN_IF_ERROR(SeedPersonnelTypes(db));
  BH_RETURN_IF_ERROR(SeedMissions(db));
  BH_RETURN_IF_ERROR(SeedGroups(db));
  BH_RETURN_IF_ERROR(SeedTargets(db));
  BH_ASSIGN_OR_RETURN(Stmt v, db->Prepare("UPDATE reference_seed SET version = ?"));
  BH_RETURN_IF_ERROR(v.Bind(1, kReferenceVersion).Run());
  return tx.Commit();
}

Result<std::unique_ptr<Db>> OpenCoreStore(const std::string& path) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Db::Open(path));
  BH_RETURN_IF_ERROR(EnsureCoreSchema(db.get()));
  return db;
}

}  // namespace bh
