#include "pdf/contribution_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "base/strings.h"
#include "pdf/layout.h"

namespace bh::pdf {

namespace {

// Slack, in points, when comparing a word's left edge with a column
// header's: left-aligned cells start a hair left or right of their header.
constexpr double kAlign = 4.0;
// Numbers are right-aligned under headers that may be narrower than them.
constexpr double kNumberSlack = 15.0;

std::string Lower(std::string_view s) { return ToLowerAscii(s); }

// ---------------------------------------------------------------------------
// Page decomposition: header, data lines, footer.

// A column header line: names a total (or the wide UNMEM pairs) and a
// country or mission column, and holds no number.
bool IsHeaderLine(const Line& line) {
  bool has_total = false, has_key = false;
  for (const Word* w : line.words) {
    if (IsNumberWord(w->text)) return false;
    std::string l = Lower(w->text);
    if (l == "total" || l == "totals" || l == "unmem") has_total = true;
    if (l == "country" || l == "contributor" || l == "mission") has_key = true;
  }
  return has_total && has_key;
}

// The numbers of a "Page 3 of 32" footer anywhere on the line.
std::optional<PageNumber> PageNumberOn(const Line& line) {
  const auto& w = line.words;
  for (size_t i = 0; i + 3 < w.size(); ++i) {
    if (w[i]->text == "Page" && IsNumberWord(w[i + 1]->text) && w[i + 2]->text == "of" &&
        IsNumberWord(w[i + 3]->text)) {
      return PageNumber{line.page, static_cast<int>(ParseWholeNumber(w[i + 1]->text).value_or(0)),
                        static_cast<int>(ParseWholeNumber(w[i + 3]->text).value_or(0))};
    }
  }
  return std::nullopt;
}

// "Page 3 of 32" anywhere on the line, or "Report Generated On: ...".
bool IsFooterLine(const Line& line) {
  const auto& w = line.words;
  if (!w.empty() && Lower(w[0]->text) == "report" && w.size() > 1 && Lower(w[1]->text) == "generated") {
    return true;
  }
  return PageNumberOn(line).has_value();
}

struct DataLine {
  const Line* line;
  const Line* header;  // the header in force (this page's or an earlier page's)
  bool first_after_header;
};

// Everything the family parsers share: the lines, the report being built,
// and error construction.
class Doc {
 public:
  Doc(const std::string& name, std::vector<std::vector<Line>> pages) : name_(name), pages_(std::move(pages)) {}

  const std::string& name() const { return name_; }
  const std::vector<std::vector<Line>>& pages() const { return pages_; }

  Status Error(const Line& line, std::string_view what) const {
    return Status::InvalidData(name_ + ": page " + std::to_string(line.page) + ": " + std::string(what) + ": '" +
                               line.Text() + "'");
  }
  Status CannotRead(const Line& line) const { return Error(line, "cannot read row"); }

  // Locates the header of page 1 and then every repetition of it; returns
  // the data lines in reading order. Lines above a header (titles) and from
  // a footer down are decoration.
  Status Split(const Line** first_header) {
    const Line* header = nullptr;
    std::string header_text;
    for (const std::vector<Line>& lines : pages_) {
      size_t start = 0;
      bool fresh = false;
      for (size_t i = 0; i < lines.size() && i < 16; ++i) {
        if (IsHeaderLine(lines[i]) && (header == nullptr || lines[i].Text() == header_text)) {
          if (header == nullptr) {
            header_text = lines[i].Text();
            *first_header = &lines[i];
            title_ = std::vector<const Line*>();
            for (size_t k = 0; k < i; ++k) title_.push_back(&lines[k]);
          }
          header = &lines[i];
          start = i + 1;
          fresh = true;
          break;
        }
      }
      if (header == nullptr) {
        return Status::InvalidData(name_ + ": unknown layout: no known column header on page " +
                                   std::to_string(lines.empty() ? 1 : lines[0].page));
      }
      if (!fresh) {
        // Some reports repeat the title, but not the header, on every page.
        while (start < lines.size() && start < title_.size() && lines[start].Text() == title_[start]->Text()) {
          ++start;
        }
      }
      for (size_t i = start; i < lines.size(); ++i) {
        if (IsFooterLine(lines[i])) break;
        data_.push_back({&lines[i], header, fresh});
        fresh = false;
      }
      for (const Line& l : lines) {
        if (std::optional<PageNumber> n = PageNumberOn(l)) {
          report_.page_numbers.push_back(*n);
          break;
        }
      }
    }
    report_.pages = static_cast<int>(pages_.size());
    for (const Line* l : title_) report_.title += (report_.title.empty() ? "" : " ") + l->Text();
    return Status::Ok();
  }

  const std::vector<DataLine>& data() const { return data_; }
  const std::vector<const Line*>& title() const { return title_; }
  ParsedReport& report() { return report_; }

  void AddRow(const Line& line, std::string country, std::string mission, PersonnelType type,
              std::optional<int64_t> men, std::optional<int64_t> women, int64_t total) {
    ReportRow r;
    r.country = std::move(country);
    r.mission = std::move(mission);
    r.type = type;
    r.men = men;
    r.women = women;
    r.total = total;
    r.page = line.page;
    r.line = line.index;
    report_.rows.push_back(std::move(r));
  }

  void AddTotal(const Line& line, PrintedTotal::Scope scope, std::string mission, std::string country,
                std::optional<int64_t> men, std::optional<int64_t> women, int64_t total,
                std::optional<PersonnelType> type = std::nullopt) {
    PrintedTotal t;
    t.scope = scope;
    t.mission = std::move(mission);
    t.country = std::move(country);
    t.type = type;
    t.men = men;
    t.women = women;
    t.total = total;
    t.page = line.page;
    t.line = line.index;
    report_.totals.push_back(std::move(t));
  }

  void Skip(const Line& line, SkippedLine::Why why) {
    report_.skipped.push_back({why, line.Text(), line.page, line.index});
  }

  // The first date printed in the title lines above the page-1 header.
  void SetAsOfFromTitle() {
    for (const Line* l : title_) {
      for (const Word* w : l->words) {
        Result<Date> d = ParseDate(w->text);
        if (d.ok()) {
          report_.as_of = *d;
          return;
        }
      }
    }
  }

 private:
  std::string name_;
  std::vector<std::vector<Line>> pages_;
  std::vector<DataLine> data_;
  std::vector<const Line*> title_;
  ParsedReport report_;
};

// x0 of the first header word equal (case-insensitively) to `word`.
std::optional<double> Anchor(const Line& header, std::string_view word) {
  std::string want = Lower(word);
  for (const Word* w : header.words) {
    if (Lower(w->text) == want) return w->x0;
  }
  return std::nullopt;
}

// A line cut into the words before its numbers, its numbers, and the words
// after them. Only number words at or right of `numeric_from` count as
// numbers (row ordinals and counts printed in text columns stay text).
struct Parts {
  std::vector<const Word*> text;
  std::vector<int64_t> numbers;
  std::vector<const Word*> numbers_words;
  std::vector<const Word*> trailing;
};

Parts SplitLine(const Line& line, double numeric_from) {
  Parts p;
  for (const Word* w : line.words) {
    if (w->x1 >= numeric_from && IsNumberWord(w->text) && p.trailing.empty()) {
      p.numbers.push_back(*ParseWholeNumber(w->text));
      p.numbers_words.push_back(w);
    } else if (p.numbers.empty()) {
      p.text.push_back(w);
    } else {
      p.trailing.push_back(w);
    }
  }
  return p;
}

std::vector<const Word*> WordsIn(const std::vector<const Word*>& words, double from, double to) {
  std::vector<const Word*> out;
  for (const Word* w : words) {
    if (w->x0 >= from && w->x0 < to) out.push_back(w);
  }
  return out;
}

bool StartsWith(const std::vector<const Word*>& words, std::initializer_list<std::string_view> seq) {
  if (words.size() < seq.size()) return false;
  size_t i = 0;
  for (std::string_view s : seq) {
    if (Lower(words[i++]->text) != s) return false;
  }
  return true;
}

bool Is(const std::vector<const Word*>& words, std::initializer_list<std::string_view> seq) {
  return words.size() == seq.size() && StartsWith(words, seq);
}

std::vector<const Word*> Tail(const std::vector<const Word*>& words, size_t from) {
  return std::vector<const Word*>(words.begin() + static_cast<std::ptrdiff_t>(std::min(from, words.size())),
                                  words.end());
}

struct Anchors {
  double mission = 0, country = 0, type = 0, numeric_from = 0, post = 0;
};

// Required header anchors; a missing one means the header is not what the
// family expects.
Status Need(const Doc& doc, const Line& header, std::string_view word, double* out) {
  std::optional<double> a = Anchor(header, word);
  if (!a) return doc.Error(header, "unknown layout: header lacks '" + std::string(word) + "'");
  *out = *a;
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Family A: country blocks, mission-within-country and country subtotals.

Status ParseA(Doc& doc) {
  std::string country, mission;
  bool last_was_label = false;
  bool mission_has_figures = false;  // a row with three figures since the mission line
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Description", &a.type));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "M", &a.numeric_from));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Country", &a.country));
    a.mission = std::min(a.mission, Anchor(*d.header, "UN").value_or(a.mission));
    // Missions are centred under "UN Mission"; a label starting left of the
    // midpoint between the first two headers is a country.
    a.mission = (a.country + a.mission) / 2;
    a.type -= 2 * kAlign;
    Parts p = SplitLine(l, a.numeric_from - kNumberSlack);
    if (p.numbers.empty() && !p.text.empty() && p.text[0]->x0 < a.mission) {
      std::string label = JoinWords(p.text);
      country = last_was_label ? country + " " + label : label;
      mission.clear();
      mission_has_figures = false;
      last_was_label = true;
      continue;
    }
    last_was_label = false;
    if (p.numbers.empty() && !p.text.empty() && p.text[0]->x0 >= a.type + kNumberSlack &&
        JoinWords(p.text) == mission && !mission_has_figures) {
      // 2015: the subtotal of a mission whose only rows were stubs prints
      // no number at all.
      doc.Skip(l, SkippedLine::Why::kEmptySubtotal);
      continue;
    }
    if (p.numbers.size() <= 3 && p.trailing.empty() && !p.text.empty() && p.text[0]->x0 >= a.mission) {
      auto mission_words = WordsIn(p.text, a.mission, a.type);
      auto type_words = WordsIn(p.text, a.type, 1e9);
      std::optional<PersonnelType> type = TypeFromLabel(JoinWords(type_words));
      if (type && mission_words.size() + type_words.size() == p.text.size()) {
        if (!mission_words.empty()) {
          mission = JoinWords(mission_words);
          mission_has_figures = false;
        }
        if (country.empty() || mission.empty()) return doc.CannotRead(l);
        if (p.numbers.size() == 3) {
          doc.AddRow(l, country, mission, *type, p.numbers[0], p.numbers[1], p.numbers[2]);
          mission_has_figures = true;
          continue;
        }
        // 2015 stub rows: a type with one number or none, beside the real
        // row of the same key ("Individual Police 0", "Contingent Troop").
        // Only zeros are read this way; a stub with a figure is not
        // understood and stops the file.
        if (std::any_of(p.numbers.begin(), p.numbers.end(), [](int64_t n) { return n != 0; })) {
          return doc.CannotRead(l);
        }
        doc.Skip(l, SkippedLine::Why::kStubRow);
        continue;
      }
    }
    if (p.numbers.size() == 1 && p.trailing.empty() && !p.text.empty() && p.text[0]->x0 >= a.type) {
      std::string label = JoinWords(p.text);
      if (label == mission) {
        doc.AddTotal(l, PrintedTotal::Scope::kMissionCountry, mission, country, std::nullopt, std::nullopt,
                     p.numbers[0]);
        continue;
      }
      // Country subtotals may print a long name cut short.
      std::string key = NameKey(label), want = NameKey(country);
      if (!key.empty() && want.compare(0, key.size(), key) == 0) {
        doc.AddTotal(l, PrintedTotal::Scope::kCountry, "", country, std::nullopt, std::nullopt, p.numbers[0]);
        mission.clear();
        continue;
      }
      if (Lower(label) == "grand total" || Lower(label) == "total") {
        doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", std::nullopt, std::nullopt, p.numbers[0]);
        continue;
      }
    }
    return doc.CannotRead(l);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Families B and C: numbered country blocks; B adds a mission line above
// its type rows. "Total for Country" and "Grand Total" (C: "Total").

// Families B and L number their countries: "12  Bolivia", the ordinal left
// of `ordinal_before`, then the name; a name too long for its cell wraps
// onto the next line, left of `name_before`. True when `p` is either line
// (the block's country is then set or extended, its mission cleared).
struct CountryBlock {
  std::string country, mission;
  bool last_was_country = false;
};

bool ReadNumberedCountry(const Parts& p, double ordinal_before, double name_before, CountryBlock* b) {
  const Word* first = p.text[0];
  if (first->x0 < ordinal_before && IsNumberWord(first->text) && p.text.size() > 1) {
    b->country = JoinWords(Tail(p.text, 1));
    b->mission.clear();
    b->last_was_country = true;
    return true;
  }
  if (first->x0 < name_before && b->last_was_country) {
    b->country += " " + JoinWords(p.text);
    return true;
  }
  return false;
}

Status ParseBC(Doc& doc, bool with_mission) {
  CountryBlock block;
  std::string& country = block.country;
  std::string& mission = block.mission;
  bool& last_was_country = block.last_was_country;
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Country", &a.country));
    if (with_mission) BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "POST", &a.type));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "MALE", &a.numeric_from));
    if (!with_mission) a.mission = a.type;
    Parts p = SplitLine(l, a.numeric_from - kNumberSlack);
    if (p.text.empty() && p.numbers.empty()) return doc.CannotRead(l);
    if (p.numbers.empty()) {
      const Word* first = p.text[0];
      if (ReadNumberedCountry(p, a.country - kAlign, a.mission - kAlign, &block)) continue;
      last_was_country = false;
      if (with_mission && first->x0 < a.type - kAlign && !country.empty()) {
        mission = JoinWords(p.text);
        continue;
      }
      return doc.CannotRead(l);
    }
    last_was_country = false;
    if (with_mission && p.numbers.size() == 1 && p.trailing.empty() && !mission.empty() && !p.text.empty() &&
        mission.starts_with(JoinWords(p.text))) {
      // A mission subtotal within the country block, total only (in the
      // mission column, or from 2017-06 right of the type column).
      doc.AddTotal(l, PrintedTotal::Scope::kMissionCountry, mission, country, std::nullopt, std::nullopt, p.numbers[0]);
      continue;
    }
    if (p.numbers.size() != 3 || !p.trailing.empty()) return doc.CannotRead(l);
    if (Is(p.text, {"total", "for", "country"})) {
      if (country.empty()) return doc.CannotRead(l);
      doc.AddTotal(l, PrintedTotal::Scope::kCountry, "", country, p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    if (!country.empty() && (p.text.empty() || (p.text[0]->x0 > a.type + kNumberSlack &&
                                                NameKey(country).starts_with(NameKey(JoinWords(p.text)))))) {
      // From 2017-06 the country total repeats the name right of the types
      // (2017-10 p13 prints one without any name).
      doc.AddTotal(l, PrintedTotal::Scope::kCountry, "", country, p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    if (Is(p.text, {"grand", "total"}) || Is(p.text, {"total"})) {
      doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    auto mission_words = WordsIn(p.text, a.mission - kAlign, a.type - kAlign);
    auto type_words = WordsIn(p.text, a.type - kAlign, 1e9);
    if (with_mission && !mission_words.empty() && type_words.empty()) {
      // A mission subtotal line within the country block.
      std::string label = JoinWords(mission_words);
      if (label != mission || mission_words.size() != p.text.size()) return doc.CannotRead(l);
      doc.AddTotal(l, PrintedTotal::Scope::kMissionCountry, mission, country, p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    if (mission_words.size() + type_words.size() != p.text.size()) return doc.CannotRead(l);
    if (with_mission && !mission_words.empty()) mission = JoinWords(mission_words);
    std::optional<PersonnelType> type = TypeFromLabel(JoinWords(type_words));
    if (!type || country.empty() || (with_mission && mission.empty())) return doc.CannotRead(l);
    doc.AddRow(l, country, with_mission ? mission : "", *type, p.numbers[0], p.numbers[1], p.numbers[2]);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Families D and K: one complete row per line, "mission country type M F T
// date". The type is read from the end of the text, the mission is its
// first word, the country what lies between: cells may be centred, so
// column edges do not separate them reliably.

Status ParseFlat(Doc& doc) {
  std::optional<Date> date;
  bool one_date = true;
  // A name too long for its cell wraps, centred: one fragment line above the
  // row's numbers and one below, the row itself holding no country.
  struct Fragment {
    const Line* line;
    bool used;
  };
  std::vector<Fragment> fragments;
  std::vector<std::pair<size_t, const Line*>> orphans;  // rows lacking a country
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    double male = 0;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Male", &male));
    Parts p = SplitLine(l, male - 3 * kNumberSlack);
    if (p.numbers.empty() && !p.text.empty() && p.trailing.empty()) {
      fragments.push_back({&l, false});
      continue;
    }
    if (p.numbers.size() != 3 || p.text.size() < 2 || p.trailing.size() > 1) {
      return doc.CannotRead(l);
    }
    size_t n = TrailingTypeLabelLength(p.text);
    if (n == 0 || n + 1 > p.text.size()) return doc.CannotRead(l);
    std::vector<const Word*> type_words(p.text.end() - static_cast<std::ptrdiff_t>(n), p.text.end());
    std::vector<const Word*> country_words(p.text.begin() + 1, p.text.end() - static_cast<std::ptrdiff_t>(n));
    if (p.trailing.size() == 1) {
      Result<Date> rd = ParseDate(p.trailing[0]->text);
      if (!rd.ok()) return doc.CannotRead(l);
      if (date && *date != *rd) one_date = false;
      date = *rd;
    }
    if (country_words.empty()) orphans.push_back({doc.report().rows.size(), &l});
    doc.AddRow(l, JoinWords(country_words), p.text[0]->text, *TypeFromLabel(JoinWords(type_words)), p.numbers[0],
               p.numbers[1], p.numbers[2]);
  }
  for (const auto& [index, line] : orphans) {
    std::string name;
    for (Fragment& f : fragments) {
      if (f.used || f.line->page != line->page) continue;
      if (std::abs(f.line->Center() - line->Center()) <= line->Height()) {
        f.used = true;
        name += (name.empty() ? "" : " ") + f.line->Text();
      }
    }
    if (name.empty()) return doc.CannotRead(*line);
    doc.report().rows[index].country = name;
  }
  for (const Fragment& f : fragments) {
    if (!f.used) return doc.CannotRead(*f.line);
  }
  if (date && one_date) doc.report().as_of = date;
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Family E: wide; one line per country x mission with an M/F pair per type,
// in the order the header gives ("UNMEM M UNMEM F Troops M ...").

Status ParseE(Doc& doc, const Line& first_header) {
  std::vector<PersonnelType> order;
  const auto& hw = first_header.words;
  for (size_t i = 0; i + 1 < hw.size(); ++i) {
    std::optional<PersonnelType> t = TypeFromLabel(hw[i]->text);
    if (!t) continue;
    std::string sex = Lower(hw[i + 1]->text);
    if (sex != "m" && sex != "f") continue;
    if (sex == "m") order.push_back(*t);
  }
  if (order.empty()) return doc.Error(first_header, "unknown layout: no column pairs");
  const size_t width = 2 * order.size();
  std::string country;
  bool last_was_label = false;
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    // Numbers start at the first pair; the mission column is text.
    double numeric_from = a.mission + 60;
    for (const Word* w : d.header->words) {
      if (TypeFromLabel(w->text)) {
        numeric_from = w->x0 - kNumberSlack;
        break;
      }
    }
    Parts p = SplitLine(l, numeric_from);
    if (p.numbers.empty()) {
      if (p.text.empty() || p.text[0]->x0 >= a.mission - kAlign) return doc.CannotRead(l);
      std::string label = JoinWords(p.text);
      country = last_was_label ? country + " " + label : label;
      last_was_label = true;
      continue;
    }
    last_was_label = false;
    if (p.numbers.size() != width || !p.trailing.empty() || p.text.empty()) {
      return doc.CannotRead(l);
    }
    PrintedTotal::Scope scope;
    if (Is(p.text, {"total", "by", "country"})) {
      scope = PrintedTotal::Scope::kCountry;
    } else if (Is(p.text, {"grand", "total"})) {
      scope = PrintedTotal::Scope::kGrand;
    } else {
      if (country.empty() || p.text[0]->x0 < a.mission - kAlign) return doc.CannotRead(l);
      std::string mission = JoinWords(p.text);
      for (size_t k = 0; k < order.size(); ++k) {
        int64_t m = p.numbers[2 * k], f = p.numbers[2 * k + 1];
        // A wide table prints a cell for every type; only non-empty ones are rows.
        if (m + f == 0) continue;
        doc.AddRow(l, country, mission, order[k], m, f, m + f);
      }
      continue;
    }
    if (scope == PrintedTotal::Scope::kCountry && country.empty()) return doc.CannotRead(l);
    for (size_t k = 0; k < order.size(); ++k) {
      int64_t m = p.numbers[2 * k], f = p.numbers[2 * k + 1];
      doc.AddTotal(l, scope, "", scope == PrintedTotal::Scope::kCountry ? country : "", m, f, m + f, order[k]);
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Family F: Mission | Country | Male | Female | Total | Post.

Status ParseF(Doc& doc) {
  std::string mission;
  // The row a wrapped name continues; kNone when there is none. (A plain
  // index: GCC 12 warns falsely about std::optional here.)
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t last_row = kNone;
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Country", &a.country));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Male", &a.numeric_from));
    const double split = (a.mission + a.country) / 2;  // mission | country
    Parts p = SplitLine(l, a.numeric_from - kNumberSlack);
    auto& rows = doc.report().rows;
    if (p.numbers.empty()) {
      if (p.text.empty()) return doc.CannotRead(l);
      if (p.text.size() == 1 && IsNumberWord(p.text[0]->text)) {
        // The closing line: the number of rows printed.
        doc.report().printed_row_count = *ParseWholeNumber(p.text[0]->text);
        continue;
      }
      if (p.text[0]->x0 < split) {
        mission = JoinWords(p.text);
        last_row = kNone;
        continue;
      }
      // A country name wrapped under its row.
      if (last_row == kNone || rows[last_row].page != l.page) return doc.CannotRead(l);
      rows[last_row].country += " " + JoinWords(p.text);
      continue;
    }
    last_row = kNone;
    if (p.numbers.size() == 3 && p.text.empty() && p.trailing.empty()) {
      if (mission.empty()) return doc.CannotRead(l);
      doc.AddTotal(l, PrintedTotal::Scope::kMission, mission, "", p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    if (p.numbers.size() == 1 && p.text.empty() && p.trailing.empty()) {
      doc.report().printed_row_count = p.numbers[0];
      continue;
    }
    if (p.numbers.size() == 3 && !p.text.empty() && !p.trailing.empty() && p.text[0]->x0 >= split) {
      std::optional<PersonnelType> type = TypeFromLabel(JoinWords(p.trailing));
      if (!type || mission.empty()) return doc.CannotRead(l);
      doc.AddRow(l, JoinWords(p.text), mission, *type, p.numbers[0], p.numbers[1], p.numbers[2]);
      last_row = rows.size() - 1;
      continue;
    }
    return doc.CannotRead(l);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Families G and H: Mission | Country/Contributor | Description | M | F | T.
// G: the mission on its own line, unlabelled mission subtotals, and a
// closing "<row count> M F T" line; the country beside its first type row
// (2019) or on its own line above its rows (2020), wrapping onto the next
// line. H: the mission line and each contributor line carry subtotals.

Status ParseGH(Doc& doc, bool* saw_mission_totals) {
  std::string mission, country;
  // Country-column lines with nothing else, resolved by what follows: above
  // a country-less type row they name a new country; otherwise they finish
  // the name of the row before them.
  std::vector<const Line*> pending;
  std::optional<size_t> last_row;
  bool after_subtotal = false;  // G 2020 closes with an unlabelled grand total
  auto resolve = [&](bool new_country) {
    if (pending.empty()) return;
    std::string text;
    for (const Line* p : pending) {
      if (!text.empty()) text += ' ';
      text += p->Text();
    }
    if (new_country) {
      country = text;
    } else if (last_row) {
      ReportRow& r = doc.report().rows[*last_row];
      r.country += " " + text;
      country = r.country;
    }
    pending.clear();
  };
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Description", &a.type));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Male", &a.numeric_from));
    a.country = Anchor(*d.header, "Country").value_or(Anchor(*d.header, "Contributor").value_or(0));
    if (a.country == 0) return doc.Error(*d.header, "unknown layout: header lacks 'Country'");
    Parts p = SplitLine(l, a.numeric_from - kNumberSlack);
    if (p.text.empty() && p.numbers.empty()) return doc.CannotRead(l);
    if (!p.trailing.empty()) return doc.CannotRead(l);
    const bool starts_in_mission = !p.text.empty() && p.text[0]->x0 < (a.mission + a.country) / 2;
    if (!p.text.empty()) after_subtotal = false;
    if (p.numbers.empty()) {
      if (starts_in_mission) {
        if (!pending.empty() && !last_row) return doc.CannotRead(*pending[0]);
        resolve(false);
        mission = JoinWords(p.text);
        country.clear();
        last_row.reset();
        continue;
      }
      if (p.text[0]->x0 < a.type - kAlign && WordsIn(p.text, a.type - kAlign, 1e9).empty()) {
        pending.push_back(&l);
        continue;
      }
      return doc.CannotRead(l);
    }
    if (p.numbers.size() != 3) return doc.CannotRead(l);
    if (p.text.empty()) {  // G: a mission's subtotal, or after it the grand total
      if (!pending.empty() && !last_row) return doc.CannotRead(*pending[0]);
      resolve(false);
      if (mission.empty()) return doc.CannotRead(l);
      doc.AddTotal(l, after_subtotal ? PrintedTotal::Scope::kGrand : PrintedTotal::Scope::kMission,
                   after_subtotal ? "" : mission, "", p.numbers[0], p.numbers[1], p.numbers[2]);
      after_subtotal = true;
      continue;
    }
    after_subtotal = false;
    if (p.text.size() == 1 && IsNumberWord(p.text[0]->text)) {  // G: closing line
      resolve(false);
      doc.report().printed_row_count = *ParseWholeNumber(p.text[0]->text);
      doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    if (Is(p.text, {"grand", "total"})) {
      resolve(false);
      doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    if (starts_in_mission) {  // H: mission line with its total
      if (!pending.empty() && !last_row) return doc.CannotRead(*pending[0]);
      resolve(false);
      mission = JoinWords(p.text);
      country.clear();
      last_row.reset();
      *saw_mission_totals = true;
      doc.AddTotal(l, PrintedTotal::Scope::kMission, mission, "", p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    // Descriptions may start left of their header (H); a trailing type label
    // that starts past the middle of the country column is the description.
    size_t n = TrailingTypeLabelLength(p.text);
    if (n > 0 && p.text[p.text.size() - n]->x0 < (a.country + a.type) / 2) n = 0;
    std::vector<const Word*> country_words(p.text.begin(), p.text.end() - static_cast<std::ptrdiff_t>(n));
    std::vector<const Word*> type_words(p.text.end() - static_cast<std::ptrdiff_t>(n), p.text.end());
    if (type_words.empty()) {  // H: contributor line with its subtotal
      if (!pending.empty() && !last_row) return doc.CannotRead(*pending[0]);
      resolve(false);
      country = JoinWords(country_words);
      if (mission.empty()) return doc.CannotRead(l);
      doc.AddTotal(l, PrintedTotal::Scope::kMissionCountry, mission, country, p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    resolve(country_words.empty());
    if (!country_words.empty()) country = JoinWords(country_words);
    std::optional<PersonnelType> type = TypeFromLabel(JoinWords(type_words));
    if (!type || mission.empty() || country.empty()) return doc.CannotRead(l);
    doc.AddRow(l, country, mission, *type, p.numbers[0], p.numbers[1], p.numbers[2]);
    last_row = doc.report().rows.size() - 1;
  }
  if (!pending.empty()) {
    if (!last_row) return doc.CannotRead(*pending[0]);
    resolve(false);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Family I: a country with several type rows is printed once, vertically
// centred on them. Within one mission on one page, label fragments (lines
// in the country column, alone or beside a row) are merged into blocks
// where a name wraps, then each block takes the run of consecutive rows
// whose middle is at the block's centre.

struct LabelBlock {
  double y0, y1;
  std::string text;
  const Line* line;
};

struct PendingRow {
  const Line* line;
  PersonnelType type;
  int64_t m, f, t;
};

// A country group cut by a page break: its label is centred on the whole
// group, so it sits below the rows of the first page; the rest of the rows
// open the next page without a label.
struct Carry {
  std::string country;
  int rows = 0;
};

Status AssignCentred(Doc& doc, const std::string& mission, std::vector<LabelBlock>& labels,
                     std::vector<PendingRow>& rows, bool page_end, Carry* carry) {
  if (rows.empty() && labels.empty()) return Status::Ok();
  size_t i = 0;
  // Rows continuing a group from the previous page.
  for (; carry->rows > 0 && i < rows.size(); ++i, --carry->rows) {
    doc.AddRow(*rows[i].line, carry->country, mission, rows[i].type, rows[i].m, rows[i].f, rows[i].t);
  }
  if (carry->rows > 0 && !page_end) return doc.Error(*rows.back().line, "country group cut short");
  // Merge fragments of one wrapped name.
  std::vector<LabelBlock> blocks;
  for (const LabelBlock& b : labels) {
    if (!blocks.empty()) {
      LabelBlock& last = blocks.back();
      double gap = b.y0 - last.y1;
      double h = std::min(b.y1 - b.y0, last.y1 - last.y0);
      // Lines of one wrapped cell nearly touch; the next row's label, even
      // in the tightest layout (2022-09), is 5 points away.
      if (gap < 0.3 * h) {
        last.text += " " + b.text;
        last.y1 = b.y1;
        continue;
      }
    }
    blocks.push_back(b);
  }
  // The label of a cut group is printed on both pages, each time centred on
  // the whole group: above the first row here, matching the carried name.
  const bool carried = i > 0;
  if (carried && !blocks.empty() && blocks[0].text == carry->country &&
      (i == rows.size() || (blocks[0].y0 + blocks[0].y1) / 2 < rows[i].line->Center())) {
    blocks.erase(blocks.begin());
  }
  if (!blocks.empty() && i == rows.size()) return doc.Error(*blocks[0].line, "country without rows");
  for (size_t k = 0; k < blocks.size(); ++k) {
    const LabelBlock& b = blocks[k];
    double c = (b.y0 + b.y1) / 2;
    if (i >= rows.size()) return doc.Error(*b.line, "country without rows");
    size_t best = rows.size();
    double best_err = std::numeric_limits<double>::max();
    for (size_t j = i; j < rows.size(); ++j) {
      double mid = (rows[i].line->Center() + rows[j].line->Center()) / 2;
      double err = std::abs(mid - c);
      if (err < best_err) {
        best_err = err;
        best = j;
      }
    }
    const double h = rows[i].line->Height();
    const bool last_block = k + 1 == blocks.size();
    if (best_err > 0.6 * h && last_block && page_end && best == rows.size() - 1 && rows.size() >= 2) {
      // The group runs on past the page: count its rows from the centre,
      // with the row pitch of the page.
      double pitch = std::numeric_limits<double>::max();
      for (size_t j = 1; j < rows.size(); ++j) {
        pitch = std::min(pitch, rows[j].line->Center() - rows[j - 1].line->Center());
      }
      double span = 2 * (c - rows[i].line->Center()) / pitch + 1;
      int total = static_cast<int>(std::lround(span));
      int here = static_cast<int>(rows.size() - i);
      if (std::abs(span - total) < 0.3 && total > here) {
        carry->country = b.text;
        carry->rows = total - here;
        best_err = 0;
      }
    }
    if (best_err > 0.6 * h) {
      return doc.Error(*rows[i].line, "cannot tell which country a row belongs to");
    }
    for (size_t j = i; j <= best; ++j) {
      const PendingRow& r = rows[j];
      doc.AddRow(*r.line, b.text, mission, r.type, r.m, r.f, r.t);
    }
    i = best + 1;
  }
  if (i < rows.size()) return doc.Error(*rows[i].line, "row without a country");
  labels.clear();
  rows.clear();
  return Status::Ok();
}

Status ParseI(Doc& doc) {
  std::string mission;
  std::vector<LabelBlock> labels;
  std::vector<PendingRow> rows;
  Carry carry;
  int page = 0;
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    if (l.page != page) {
      BH_RETURN_IF_ERROR(AssignCentred(doc, mission, labels, rows, true, &carry));
      page = l.page;
    }
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Country", &a.country));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Personnel", &a.type));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Male", &a.numeric_from));
    Parts p = SplitLine(l, a.numeric_from - kNumberSlack);
    if (p.text.empty() || !p.trailing.empty()) return doc.CannotRead(l);
    if (p.text[0]->x0 < (a.mission + a.country) / 2) {
      BH_RETURN_IF_ERROR(AssignCentred(doc, mission, labels, rows, false, &carry));
      if (p.numbers.empty()) {
        mission = JoinWords(p.text);
        continue;
      }
      if (p.numbers.size() != 3) return doc.CannotRead(l);
      if (Is(p.text, {"grand", "total"})) {
        doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", p.numbers[0], p.numbers[1], p.numbers[2]);
        continue;
      }
      if (StartsWith(p.text, {"total"}) && p.text.size() > 1) {
        std::string key = JoinWords(Tail(p.text, 1));
        if (key != mission) return doc.Error(l, "total for a mission not being read");
        doc.AddTotal(l, PrintedTotal::Scope::kMission, mission, "", p.numbers[0], p.numbers[1], p.numbers[2]);
        continue;
      }
      return doc.CannotRead(l);
    }
    auto label_words = WordsIn(p.text, 0, a.type - kAlign);
    auto type_words = WordsIn(p.text, a.type - kAlign, 1e9);
    if (!label_words.empty()) {
      labels.push_back({label_words.front()->y0, label_words.front()->y1, JoinWords(label_words), &l});
      for (const Word* w : label_words) {
        labels.back().y0 = std::min(labels.back().y0, w->y0);
        labels.back().y1 = std::max(labels.back().y1, w->y1);
      }
    }
    if (p.numbers.empty() && type_words.empty()) continue;
    std::optional<PersonnelType> type = TypeFromLabel(JoinWords(type_words));
    if (p.numbers.size() != 3 || !type || mission.empty()) return doc.CannotRead(l);
    rows.push_back({&l, *type, p.numbers[0], p.numbers[1], p.numbers[2]});
  }
  BH_RETURN_IF_ERROR(AssignCentred(doc, mission, labels, rows, false, &carry));
  if (carry.rows > 0) return Status::InvalidData(doc.name() + ": country group cut short at the end");
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Family J: Country | one total per type | Total | End Date; no sex split.

Status ParseJ(Doc& doc, const Line& first_header) {
  // Type columns in header order, from the first word of each header cell.
  struct Col {
    double x0;
    std::optional<PersonnelType> type;  // nullopt: the Total column
  };
  std::vector<Col> cols;
  for (const Word* w : first_header.words) {
    std::string l = Lower(w->text);
    if (l == "experts") cols.push_back({w->x0, PersonnelType::kExpertsOnMission});
    if (l == "formed") cols.push_back({w->x0, PersonnelType::kFormedPoliceUnits});
    if (l == "individual") cols.push_back({w->x0, PersonnelType::kIndividualPolice});
    if (l == "staff") cols.push_back({w->x0, PersonnelType::kStaffOfficer});
    if (l == "troops") cols.push_back({w->x0, PersonnelType::kTroops});
    if (l == "total") cols.push_back({w->x0, std::nullopt});
  }
  if (cols.size() != 6 || cols.back().type.has_value()) {
    return doc.Error(first_header, "unknown layout: expected five type columns and a total");
  }
  std::optional<Date> date;
  std::optional<size_t> last_row;  // index of the country's last row
  std::optional<size_t> last_total;
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Parts p = SplitLine(l, cols[0].x0 - kNumberSlack);
    if (p.numbers.empty()) {
      // The header's second line ("Mission  Units  Police").
      if (d.first_after_header && p.text.size() <= 3 && p.text[0]->x0 > cols[0].x0 - kNumberSlack) {
        continue;
      }
      // A country name wrapped under its row.
      if (!last_total || p.text.empty()) return doc.CannotRead(l);
      std::string& country = doc.report().totals[*last_total].country;
      std::string old = country;
      country += " " + JoinWords(p.text);
      for (ReportRow& r : doc.report().rows) {
        if (r.country == old && r.page == doc.report().totals[*last_total].page) r.country = country;
      }
      continue;
    }
    if (p.numbers.size() != cols.size() || p.text.empty() || p.trailing.size() > 1) {
      return doc.CannotRead(l);
    }
    if (p.trailing.size() == 1) {
      Result<Date> rd = ParseDate(p.trailing[0]->text);
      if (!rd.ok()) return doc.CannotRead(l);
      date = *rd;
    }
    std::string text = JoinWords(p.text);
    const bool grand = Is(p.text, {"grand", "total"});
    for (size_t k = 0; k + 1 < cols.size(); ++k) {
      if (grand) {
        doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", std::nullopt, std::nullopt, p.numbers[k], cols[k].type);
      } else if (p.numbers[k] != 0) {
        // A wide table prints a cell for every type; only non-empty ones are rows.
        doc.AddRow(l, text, "", *cols[k].type, std::nullopt, std::nullopt, p.numbers[k]);
        last_row = doc.report().rows.size() - 1;
      }
    }
    doc.AddTotal(l, grand ? PrintedTotal::Scope::kGrand : PrintedTotal::Scope::kCountry, "", grand ? "" : text,
                 std::nullopt, std::nullopt, p.numbers.back());
    last_total = doc.report().totals.size() - 1;
  }
  if (!doc.report().as_of) doc.report().as_of = date;
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Family L (seen once, 2016-11): "1 Algeria", a mission on a line of its
// own, then always the four type rows (zeros included) and "Total for
// Mission" with M, F and total; no country totals; "Grand Total 100,851"
// with no split. The month is printed only as "... by End of November,
// 2016" in the title.

std::optional<Date> EndOfMonthInTitle(const std::vector<const Line*>& title) {
  for (const Line* l : title) {
    const auto& w = l->words;
    for (size_t i = 0; i + 3 < w.size(); ++i) {
      if (Lower(w[i]->text) != "end" || Lower(w[i + 1]->text) != "of") continue;
      std::optional<int> month = MonthFromName(w[i + 2]->text);
      std::string year = w[i + 3]->text;
      while (!year.empty() && (year.back() == '.' || year.back() == ',')) year.pop_back();
      if (!month || year.size() != 4 || !IsNumberWord(year)) continue;
      int y = std::stoi(year);
      if (y < 1990 || y > 2200) continue;
      return Date::LastDayOf({y, *month});
    }
  }
  return std::nullopt;
}

Status ParseL(Doc& doc) {
  CountryBlock block;
  std::string& country = block.country;
  std::string& mission = block.mission;
  bool& last_was_country = block.last_was_country;
  for (const DataLine& d : doc.data()) {
    const Line& l = *d.line;
    Anchors a;
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Country", &a.country));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Mission", &a.mission));
    BH_RETURN_IF_ERROR(Need(doc, *d.header, "Male", &a.numeric_from));
    Parts p = SplitLine(l, a.numeric_from - kNumberSlack);
    if (p.text.empty() || !p.trailing.empty()) return doc.CannotRead(l);
    if (p.numbers.empty()) {
      if (ReadNumberedCountry(p, a.mission - kAlign, a.mission - kAlign, &block)) continue;  // "1 Algeria"
      last_was_country = false;
      if (!country.empty() && !TypeFromLabel(JoinWords(p.text))) {
        mission = JoinWords(p.text);
        continue;
      }
      return doc.CannotRead(l);
    }
    last_was_country = false;
    if (p.numbers.size() == 1 && Is(p.text, {"grand", "total"})) {
      doc.AddTotal(l, PrintedTotal::Scope::kGrand, "", "", std::nullopt, std::nullopt, p.numbers[0]);
      continue;
    }
    if (p.numbers.size() != 3 || country.empty() || mission.empty()) return doc.CannotRead(l);
    if (Is(p.text, {"total", "for", "mission"})) {
      doc.AddTotal(l, PrintedTotal::Scope::kMissionCountry, mission, country, p.numbers[0], p.numbers[1], p.numbers[2]);
      continue;
    }
    std::optional<PersonnelType> type = TypeFromLabel(JoinWords(p.text));
    if (!type) return doc.CannotRead(l);
    if (p.numbers[0] == 0 && p.numbers[1] == 0 && p.numbers[2] == 0) {
      doc.Skip(l, SkippedLine::Why::kZeroRow);  // every type is printed, zeros too
      continue;
    }
    doc.AddRow(l, country, mission, *type, p.numbers[0], p.numbers[1], p.numbers[2]);
  }
  doc.report().as_of = EndOfMonthInTitle(doc.title());
  return Status::Ok();
}

// A row of zeros that repeats a (country, mission, type) already printed
// adds nothing; a 2015 report prints 51 of them. Kept out of the figures so
// that the key is not refused as read twice. Repeats with figures stay and
// are refused by the importer.
void SkipRepeatedZeroRows(ParsedReport& r) {
  auto zero = [](const ReportRow& row) {
    return row.total == 0 && row.men.value_or(0) == 0 && row.women.value_or(0) == 0;
  };
  std::map<std::tuple<std::string, std::string, int>, std::vector<size_t>> keys;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const ReportRow& row = r.rows[i];
    keys[{row.country, row.mission, row.type ? static_cast<int>(*row.type) : -1}].push_back(i);
  }
  std::vector<bool> drop(r.rows.size(), false);
  for (const auto& [key, rows] : keys) {
    if (rows.size() < 2) continue;
    bool any_figures = std::any_of(rows.begin(), rows.end(), [&](size_t i) { return !zero(r.rows[i]); });
    for (size_t k = 0; k < rows.size(); ++k) {
      // All zero: the first is the row, the others repeat it.
      if (zero(r.rows[rows[k]]) && (any_figures || k > 0)) drop[rows[k]] = true;
    }
  }
  if (std::none_of(drop.begin(), drop.end(), [](bool b) { return b; })) return;
  std::vector<ReportRow> kept;
  kept.reserve(r.rows.size());
  for (size_t i = 0; i < r.rows.size(); ++i) {
    ReportRow& row = r.rows[i];
    if (!drop[i]) {
      kept.push_back(std::move(row));
      continue;
    }
    std::string text =
        fmt::format("{} {} {} {} {} {}", row.country, row.mission, row.type ? PersonnelTypeLabel(*row.type) : "",
                    row.men.value_or(0), row.women.value_or(0), row.total);
    r.skipped.push_back({SkippedLine::Why::kRepeatedZeroRow, std::move(text), row.page, row.line});
  }
  r.rows = std::move(kept);
}

// ---------------------------------------------------------------------------
// Recognition.

std::string HeaderKey(const Line& header) {
  std::string key;
  for (const Word* w : header.words) {
    if (!key.empty()) key += ' ';
    key += Lower(w->text);
  }
  return key;
}

bool Has(const std::string& key, std::string_view what) {
  return (" " + key + " ").find(" " + std::string(what) + " ") != std::string::npos;
}

}  // namespace

std::string_view SkippedLineName(SkippedLine::Why why) {
  switch (why) {
    case SkippedLine::Why::kStubRow:
      return "stub row";
    case SkippedLine::Why::kRepeatedZeroRow:
      return "repeated all-zero row";
    case SkippedLine::Why::kEmptySubtotal:
      return "empty mission subtotal";
    case SkippedLine::Why::kZeroRow:
      return "zero row";
  }
  return "?";
}

// The titles of the uniformed-personnel contribution report, as printed on
// page 1 of the supplied reports (SOURCES.md's per-file list), compared by
// NameKey. A report whose title names another series is not this report.
struct KnownTitle {
  std::string_view families, title;
};
constexpr KnownTitle kKnownTitles[] = {
    {"A", "UN Mission's Summary detailed by Country"},                                           // 2015-02, 2017-01..04
    {"B", "Summary of Contributions to UN Peacekeeping by Country, Mission and Post"},           // 2017-05..2018-02
    {"C", "Summary of Contributions to UN Peacekeeping by Country and Post"},                    // 2018-03..2019-08
    {"E", "Summary of Contribution to UN Peacekeeping by Country and Post"},                     // 2019-10
    {"FGH", "Summary of Contribution to UN Peacekeeping by Mission, Country and Post"},          // 2019-11..2021-01
    {"I", "Contribution of Uniformed Personnel to UN by Mission, Country, and Personnel Type"},  // 2021-02..
    {"J", "Contribution of Uniformed Personnel to UN by Country and Personnel Type"},            // 2023-09
    {"L", "Summary of Contributions to Peackeeping by Country and Mission Detail"},  // 2016-11 (the UN's typo)
};
// The flat tables (2019-09, 2024-10) print no title at all.
constexpr std::string_view kUntitledFamilies = "DK";

Status CheckIdentity(const ParsedReport& report, const std::string& name) {
  const std::string title = NameKey(report.title);
  for (const KnownTitle& t : kKnownTitles) {
    if (t.families.find(report.family) != std::string_view::npos && title.find(NameKey(t.title)) != std::string::npos) {
      return Status::Ok();
    }
  }
  if (kUntitledFamilies.find(report.family) != std::string_view::npos &&
      std::none_of(report.title.begin(), report.title.end(),
                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
    return Status::Ok();
  }
  std::string printed = report.title.empty() ? "none" : "'" + report.title + "'";
  if (printed.size() > 160) printed = printed.substr(0, 157) + "...";
  return Status::InvalidData(name + ": not the UN's uniformed-personnel contribution report: the title is " + printed +
                             ", not one of the report's titles for layout family " + std::string(1, report.family));
}

Status CheckAllPages(const ParsedReport& report, const std::string& name) {
  if (report.page_numbers.empty()) return Status::Ok();  // the layout numbers no page
  const int of = report.page_numbers[0].of;
  std::vector<int> seen(static_cast<size_t>(std::max(of, 0)) + 1, 0);
  for (const PageNumber& n : report.page_numbers) {
    if (n.of != of) {
      return Status::InvalidData(fmt::format("{}: page {} of the file says 'Page {} of {}', page {} 'of {}'", name,
                                             report.page_numbers[0].file_page, report.page_numbers[0].number, of,
                                             n.file_page, n.of));
    }
    if (n.number >= 1 && n.number <= of) ++seen[static_cast<size_t>(n.number)];
  }
  // "3, 7-9, 12": the pages k for which `pick(seen[k])` holds.
  auto ranges = [&](auto pick) {
    std::string out;
    for (int k = 1; k <= of; ++k) {
      if (!pick(seen[static_cast<size_t>(k)])) continue;
      int last = k;
      while (last < of && pick(seen[static_cast<size_t>(last) + 1])) ++last;
      out += (out.empty() ? "" : ", ") + (last == k ? std::to_string(k) : fmt::format("{}-{}", k, last));
      k = last;
    }
    return out;
  };
  if (std::string missing = ranges([](int n) { return n == 0; }); !missing.empty()) {
    return Status::InvalidData(fmt::format("{}: pages missing: {} of {} (the report numbers its pages 'Page N of {}')",
                                           name, missing, of, of));
  }
  if (std::string twice = ranges([](int n) { return n > 1; }); !twice.empty()) {
    return Status::InvalidData(fmt::format("{}: pages in the file twice: {} of {}", name, twice, of));
  }
  if (report.pages != of || static_cast<int>(report.page_numbers.size()) != of) {
    return Status::InvalidData(fmt::format("{}: the file has {} pages, {} of them numbered 'Page N of {}'", name,
                                           report.pages, report.page_numbers.size(), of));
  }
  for (const PageNumber& n : report.page_numbers) {
    if (n.number != n.file_page) {
      return Status::InvalidData(fmt::format("{}: pages out of order: page {} of the file is 'Page {} of {}'", name,
                                             n.file_page, n.number, of));
    }
  }
  return Status::Ok();
}

std::string PrintedTotal::Key() const {
  std::string key;
  switch (scope) {
    case Scope::kMission:
      key = mission;
      break;
    case Scope::kCountry:
      key = country;
      break;
    case Scope::kMissionCountry:
      key = mission + " / " + country;
      break;
    case Scope::kGrand:
      key = "grand total";
      break;
  }
  if (type) key += " (" + std::string(PersonnelTypeLabel(*type)) + ")";
  return key;
}

Result<ParsedReport> ParseReport(const std::vector<Page>& pages, const std::string& name) {
  if (pages.empty()) return Status::InvalidData(name + ": no pages");
  std::vector<std::vector<Line>> lines;
  lines.reserve(pages.size());
  for (const Page& p : pages) lines.push_back(GroupLines(p));
  Doc doc(name, std::move(lines));
  const Line* header = nullptr;
  BH_RETURN_IF_ERROR(doc.Split(&header));
  // Completeness first: a file with pages cut out fails here naming them,
  // before a block cut in two fails as an unreadable row.
  BH_RETURN_IF_ERROR(CheckAllPages(doc.report(), name));
  const std::string key = HeaderKey(*header);
  ParsedReport& r = doc.report();
  r.layout = header->Text();
  doc.SetAsOfFromTitle();

  const bool mission_first = StartsWith(header->words, {"mission"});
  if (Has(key, "unmem")) {
    r.family = 'E';
    BH_RETURN_IF_ERROR(ParseE(doc, *header));
  } else if (Has(key, "report_date") || Has(key, "report date")) {
    r.family = Has(key, "personnel type") ? 'K' : 'D';
    r.as_of.reset();
    BH_RETURN_IF_ERROR(ParseFlat(doc));
  } else if (Has(key, "end date") && !Has(key, "male")) {
    r.family = 'J';
    BH_RETURN_IF_ERROR(ParseJ(doc, *header));
  } else if (Has(key, "description") && Has(key, "m") && Has(key, "f") && Has(key, "totals")) {
    r.family = 'A';
    BH_RETURN_IF_ERROR(ParseA(doc));
  } else if (Has(key, "post") && Has(key, "male") && !mission_first) {
    const bool with_mission = Has(key, "mission");
    r.family = with_mission ? 'B' : 'C';
    BH_RETURN_IF_ERROR(ParseBC(doc, with_mission));
  } else if (mission_first && Has(key, "post") && Has(key, "male")) {
    r.family = 'F';
    BH_RETURN_IF_ERROR(ParseF(doc));
  } else if (mission_first && Has(key, "description") && Has(key, "male")) {
    bool mission_totals = false;
    BH_RETURN_IF_ERROR(ParseGH(doc, &mission_totals));
    r.family = mission_totals ? 'H' : 'G';
  } else if (mission_first && Has(key, "personnel type") && Has(key, "male")) {
    r.family = 'I';
    BH_RETURN_IF_ERROR(ParseI(doc));
  } else if (!mission_first && Has(key, "country") && Has(key, "mission") && Has(key, "male") && Has(key, "female")) {
    r.family = 'L';
    BH_RETURN_IF_ERROR(ParseL(doc));
  } else {
    return Status::InvalidData(name + ": unknown layout: '" + header->Text() + "'");
  }
  if (r.rows.empty()) return Status::InvalidData(name + ": no rows found");
  SkipRepeatedZeroRows(r);
  std::sort(r.skipped.begin(), r.skipped.end(), [](const SkippedLine& x, const SkippedLine& y) {
    return std::tie(x.page, x.line) < std::tie(y.page, y.line);
  });
  return std::move(doc.report());
}

}  // namespace bh::pdf
