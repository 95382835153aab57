#include "publish/publication.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "base/file_util.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "views/core_views.h"

namespace bh {

namespace {

const Cell* CellOf(const Table& t, const std::vector<Cell>& row, std::string_view column) {
  for (size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
    if (t.columns[i] == column) return &row[i];
  }
  return nullptr;
}

std::string TextOf(const Table& t, const std::vector<Cell>& row, std::string_view column) {
  const Cell* c = CellOf(t, row, column);
  return c ? c->Text() : "";
}

// The scorecard's charts: one per category, the group's countries' shares
// against the category's target.
std::string ScorecardCharts(const Table& scorecard) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<Bar>> bars;
  std::map<std::string, double> target;
  for (const auto& row : scorecard.rows) {
    const Cell* iso3 = CellOf(scorecard, row, "ISO3");
    const Cell* share = CellOf(scorecard, row, "Share");
    if (!iso3 || !std::holds_alternative<std::string>(iso3->value) || !share || !share->IsNumber()) continue;
    std::string cat = TextOf(scorecard, row, "Category");
    if (!bars.count(cat)) order.push_back(cat);
    double v = std::holds_alternative<double>(share->value) ? std::get<double>(share->value)
                                                            : static_cast<double>(std::get<int64_t>(share->value));
    bars[cat].push_back({TextOf(scorecard, row, "Country"), v, TextOf(scorecard, row, "Status")});
    std::string t = TextOf(scorecard, row, "Target");
    if (!t.empty() && (t[0] >= '0' && t[0] <= '9')) target[cat] = std::strtod(t.c_str(), nullptr);
  }
  std::string out;
  for (const std::string& cat : order) {
    out += SvgBarChart(cat + ": share of women against the target", bars[cat], target.count(cat) ? target[cat] : -1);
  }
  return out;
}

std::string HtmlTable(const Table& t) {
  std::string h = "<table>\n<caption>" + HtmlEscape(t.title) + "</caption>\n<thead><tr>";
  std::vector<bool> numeric(t.columns.size(), false);
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (!t.Shown(i)) continue;  // a machine-only column: another's text says it
    for (const auto& r : t.rows) {
      if (i < r.size() && r[i].IsNumber()) numeric[i] = true;
    }
    h += numeric[i] ? "<th class=\"num\">" : "<th>";
    h += HtmlEscape(t.columns[i]) + "</th>";
  }
  h += "</tr></thead>\n<tbody>\n";
  for (const auto& r : t.rows) {
    bool total = !r.empty() && r[0].Text().size() > 6 && r[0].Text().ends_with(" total");
    h += total ? "<tr class=\"total\">" : "<tr>";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (!t.Shown(i)) continue;
      std::string text = i < r.size() ? r[i].Text() : "";
      if (t.columns[i] == "Status") {
        std::string cls = text == "green" || text == "yellow" || text == "red" ? text : "other";
        h += "<td><span class=\"status status-" + cls + "\">" + HtmlEscape(text) + "</span></td>";
      } else {
        h += numeric[i] ? "<td class=\"num\">" : "<td>";
        h += HtmlEscape(text) + "</td>";
      }
    }
    h += "</tr>\n";
  }
  h += "</tbody>\n</table>\n";
  if (!t.notes.empty()) {
    h += "<ul class=\"notes\">";
    for (const std::string& n : t.notes) h += "<li>" + HtmlEscape(n) + "</li>";
    h += "</ul>\n";
  }
  return h;
}

constexpr char kReportCss[] = R"css(
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.banner { background: #fff1bf; border: 1px solid #e2c96b; padding: .5rem .8rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-top: .5rem; }
caption { text-align: left; font-weight: 700; padding: .4rem 0; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #d5dae1; text-align: left; }
th { background: #eef2f7; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #eef2f7; }
.status { padding: .05rem .5rem; border-radius: 999px; font-weight: 600; }
.status-green { background: #dcf2e1; color: #1e7b34; } .status-yellow { background: #fff1bf; color: #7a5b00; }
.status-red { background: #fde0e0; color: #a4161a; } .status-other { background: #eceff3; color: #5b6470; }
.notes { font-size: .8rem; color: #5b6470; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
svg.chart { border: 1px solid #d5dae1; border-radius: 6px; background: #fff; }
@media print { h2 { break-before: auto; } table, svg { break-inside: avoid; } }
)css";

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string SvgBarChart(const std::string& title, const std::vector<Bar>& bars, double target_pct) {
  const int label_w = 190, plot_w = 330, right = 60, row_h = 22, top = 34, bottom = 30;
  const int width = label_w + plot_w + right;
  const int height = top + row_h * static_cast<int>(bars.size()) + bottom;
  double max = std::max(target_pct, 1.0);
  for (const Bar& b : bars) max = std::max(max, b.value_pct);
  max = std::min(100.0, std::max(5.0, max * 1.15));
  auto x = [&](double v) { return label_w + v / max * plot_w; };
  std::string s = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">\n<text x=\"8\" y=\"20\" font-size=\"13\" font-weight=\"bold\">{}</text>\n",
      width, height, width, height, HtmlEscape(title), HtmlEscape(title));
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    int y = top + static_cast<int>(i) * row_h;
    const char* fill = b.status == "green"    ? "#2e9e4a"
                       : b.status == "yellow" ? "#e0b000"
                       : b.status == "red"    ? "#c62828"
                                              : "#8a94a0";
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n", label_w - 6, y + 15,
                     HtmlEscape(b.label));
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"><title>{}: {:.2f} % ({})</title></rect>\n",
        label_w, y + 4, std::max(0.0, x(b.value_pct) - label_w), row_h - 8, fill, HtmlEscape(b.label), b.value_pct,
        HtmlEscape(b.status));
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\">{:.1f} %</text>\n", x(b.value_pct) + 4, y + 15,
                     b.value_pct);
  }
  int axis_y = top + row_h * static_cast<int>(bars.size());
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#5b6470\"/>\n", label_w, axis_y,
                   label_w + plot_w, axis_y);
  for (int k = 0; k <= 4; ++k) {
    double v = max * k / 4;
    s += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5b6470\">{:.0f} %</text>\n", x(v),
        axis_y + 14, v);
  }
  if (target_pct >= 0) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#a4161a\" stroke-width=\"2\" "
        "stroke-dasharray=\"6 4\"/>\n<text x=\"{0:.1f}\" y=\"{3}\" font-size=\"10\" fill=\"#a4161a\" "
        "text-anchor=\"middle\">target {4:g} %</text>\n",
        x(target_pct), top - 2, axis_y, axis_y + 26, target_pct);
  }
  s += "</svg>\n";
  return s;
}

Result<std::vector<Table>> PublicationTables(Db* db, const Reference& ref, const PublicationRequest& r) {
  std::vector<Table> out;
  BH_ASSIGN_OR_RETURN(Table scorecard, ScorecardTable(db, ref, {r.month, {}, r.group}));
  out.push_back(std::move(scorecard));
  for (const char* cat : {"contingents", "mo_so"}) {
    BH_ASSIGN_OR_RETURN(Table t, RankingsTable(db, ref, r.month, cat, "women", r.ranking_limit));
    out.push_back(std::move(t));
  }
  BH_ASSIGN_OR_RETURN(Month m, ResolveMonth(db, r.month));
  BH_ASSIGN_OR_RETURN(Table targets, TargetsTable(db, m.year, m.year));
  out.push_back(std::move(targets));
  return out;
}

Result<std::string> RenderHtmlPublication(Db* db, const Reference& ref, const PublicationRequest& r) {
  BH_ASSIGN_OR_RETURN(std::vector<Table> tables, PublicationTables(db, ref, r));
  const Table& scorecard = tables[0];
  bool synthetic = scorecard.title.find("SYNTHETIC") != std::string::npos;
  std::string h = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                  HtmlEscape(scorecard.title) + "</title>\n<style>" + kReportCss + "</style>\n</head>\n<body>\n";
  h += "<h1>" + HtmlEscape(scorecard.title) + "</h1>\n";
  if (synthetic) h += "<p class=\"banner\">SYNTHETIC sample data, generated by bluehelmet: not UN figures.</p>\n";
  h += "<p>Women in uniformed peacekeeping against the UN Uniformed Gender Parity Strategy targets. Green meets the "
       "target, yellow has women below it, red has none.</p>\n";
  h += "<div class=\"charts\">\n" + ScorecardCharts(scorecard) + "</div>\n";
  for (const Table& t : tables) h += "<h2>" + HtmlEscape(t.title) + "</h2>\n" + HtmlTable(t);
  h += "<p class=\"notes\">Written by bluehelmet report.</p>\n</body>\n</html>\n";
  return h;
}

std::string RenderHtmlTables(const std::string& title, const std::vector<Table>& tables,
                             const std::vector<std::string>& notes) {
  bool synthetic = std::any_of(tables.begin(), tables.end(),
                               [](const Table& t) { return t.title.find("SYNTHETIC") != std::string::npos; });
  std::string h = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                  HtmlEscape(ToValidUtf8(title)) + "</title>\n<style>" + kReportCss + "</style>\n</head>\n<body>\n";
  h += "<h1>" + HtmlEscape(ToValidUtf8(title)) + "</h1>\n";
  if (synthetic) h += "<p class=\"banner\">SYNTHETIC sample data, generated by bluehelmet: not UN figures.</p>\n";
  for (const Table& t : tables) h += "<h2>" + HtmlEscape(t.title) + "</h2>\n" + HtmlTable(t);
  for (const std::string& n : notes) h += "<p class=\"notes\">" + HtmlEscape(n) + "</p>\n";
  h += "</body>\n</html>\n";
  return ToValidUtf8(h);
}

Status WriteXlsxPublication(Db* db, const Reference& ref, const PublicationRequest& r, const std::string& path) {
  BH_ASSIGN_OR_RETURN(std::vector<Table> tables, PublicationTables(db, ref, r));
  return WriteXlsxTables(tables, path);
}

Result<std::string> XlsxTablesBytes(const std::vector<Table>& tables, const std::string& temp_dir) {
  std::error_code ec;
  std::filesystem::path dir =
      temp_dir.empty() ? std::filesystem::temp_directory_path(ec) : std::filesystem::path(temp_dir);
  if (ec) return Status::IoError(fmt::format("xlsx: no temporary folder: {}", ec.message()));
  std::string path = (dir / "bh-xlsx-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Status::IoError(fmt::format("{}: cannot make a temporary file", dir.string()), errno);
  close(fd);
  Status written = WriteXlsxTables(tables, path);
  Result<std::string> bytes = written.ok() ? ReadFile(path) : Result<std::string>(written);
  std::filesystem::remove(path, ec);
  return bytes;
}

}  // namespace bh
