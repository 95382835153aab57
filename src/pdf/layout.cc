#include "pdf/layout.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/strings.h"

namespace bh::pdf {

std::string Line::Text() const { return JoinWords(words); }

std::string JoinWords(const std::vector<const Word*>& words) {
  std::string out;
  for (const Word* w : words) {
    if (!out.empty()) out += ' ';
    out += w->text;
  }
  return out;
}

std::vector<Line> GroupLines(const Page& page) {
  std::vector<const Word*> sorted;
  sorted.reserve(page.words.size());
  for (const Word& w : page.words) sorted.push_back(&w);
  auto center = [](const Word* w) { return (w->y0 + w->y1) / 2; };
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Word* a, const Word* b) { return center(a) < center(b); });

  std::vector<Line> lines;
  double anchor = 0, tolerance = 0;
  for (const Word* w : sorted) {
    if (lines.empty() || center(w) - anchor > tolerance) {
      Line line;
      line.page = page.number;
      line.y0 = w->y0;
      line.y1 = w->y1;
      lines.push_back(std::move(line));
      anchor = center(w);
      tolerance = std::max(0.5 * (w->y1 - w->y0), 1.0);
    }
    Line& line = lines.back();
    line.words.push_back(w);
    line.y0 = std::min(line.y0, w->y0);
    line.y1 = std::max(line.y1, w->y1);
  }
  int index = 0;
  for (Line& line : lines) {
    line.index = ++index;
    std::stable_sort(line.words.begin(), line.words.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
  }
  return lines;
}

bool IsNumberWord(std::string_view text) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return false;
  return ParseWholeNumber(text).has_value();
}

namespace {

struct LabelType {
  std::string_view label;  // lower case, single spaces
  PersonnelType type;
};

constexpr std::array<LabelType, 23> kLabels = {{
    {"contingent troop", PersonnelType::kTroops},
    {"contingent troops", PersonnelType::kTroops},
    {"contingent", PersonnelType::kTroops},
    {"troops", PersonnelType::kTroops},
    {"troop", PersonnelType::kTroops},
    {"experts on mission", PersonnelType::kExpertsOnMission},
    {"expert on mission", PersonnelType::kExpertsOnMission},
    {"experts", PersonnelType::kExpertsOnMission},
    {"unmem", PersonnelType::kExpertsOnMission},
    {"individual police", PersonnelType::kIndividualPolice},
    {"ind police", PersonnelType::kIndividualPolice},  // 2016-11 (family L)
    {"police", PersonnelType::kIndividualPolice},
    {"unpol", PersonnelType::kIndividualPolice},
    {"formed police units", PersonnelType::kFormedPoliceUnits},
    {"formed police unit", PersonnelType::kFormedPoliceUnits},
    {"fpu", PersonnelType::kFormedPoliceUnits},
    {"fpus", PersonnelType::kFormedPoliceUnits},
    {"staff officer", PersonnelType::kStaffOfficer},
    {"staff officers", PersonnelType::kStaffOfficer},
    {"staff", PersonnelType::kStaffOfficer},
    {"mso", PersonnelType::kStaffOfficer},
    {"military staff officer", PersonnelType::kStaffOfficer},
    {"military staff officers", PersonnelType::kStaffOfficer},
}};

}  // namespace

std::optional<PersonnelType> TypeFromLabel(std::string_view label) {
  std::string key;
  for (char c : label) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  for (const LabelType& l : kLabels) {
    if (l.label == key) return l.type;
  }
  return std::nullopt;
}

size_t TrailingTypeLabelLength(const std::vector<const Word*>& words) {
  // Labels are at most three words long.
  for (size_t n = std::min<size_t>(3, words.size()); n > 0; --n) {
    std::string label;
    for (size_t i = words.size() - n; i < words.size(); ++i) {
      if (!label.empty()) label += ' ';
      label += words[i]->text;
    }
    if (TypeFromLabel(label).has_value()) return n;
  }
  return 0;
}

}  // namespace bh::pdf
