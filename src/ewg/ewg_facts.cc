#include "ewg/ewg_facts.h"

namespace bh {

namespace {

constexpr char kAdmmSite[] = "https://admm.asean.org/index.php/about-admm/about-admm-plus.html";
constexpr char kIds[] = "https://ids.nic.in/events-detail.php?id=NDU%3D";
constexpr char kLatestly[] =
    "https://www.latestly.com/agency-news/world-news-india-malaysia-to-co-chair-14th-admm-plus-experts-working-"
    "group-meeting-on-counter-terrorism-in-new-delhi-6712679.html";
constexpr char kPacificSentinel[] = "http://pacificsentinel.blogspot.com/2013/02/brunei-adsom-plus-wg-updated-key.html";
constexpr char kDndTtx[] =
    "dndph.org/2010-2015-releases/upcoming-events/philippines-prepares-for-table-top-exercise-on-pko";
constexpr char kRokWhitePaper[] =
    "https://mnd.go.kr/mnd_book/DefenseWhitePaper/2018/final(eng)/files/basic-html/page225.html";
constexpr char kDefenceConnect[] =
    "https://defenceconnect.com.au/joint-capabilities/717-australia-and-indonesia-chair-regional-peacekeeping-meeting";
constexpr char kVnp14[] =
    "https://en.vietnamplus.vn/vietnam-japan-co-chair-14th-meeting-of-ewg-on-peacekeeping-operations-post199659.vnp";
constexpr char kQdnd14[] =
    "https://en.qdnd.vn/military/intl-relations-and-cooperation/admm-members-boost-cooperation-in-un-peacekeeping-"
    "operations-528459";
constexpr char kHanoiTimes14[] =
    "https://m.hanoitimes.vn/admm-experts-working-group-on-peacekeeping-operations-opens-316934.html";
constexpr char kVnp15[] =
    "https://fr.vietnamplus.vn/le-vietnam-copreside-une-reunion-virtuelle-sur-les-operations-de-maintien-de-la-paix/"
    "173697.vnp";
constexpr char kVnp16[] =
    "https://en.vietnamplus.vn/vietnam-japan-cochair-16th-meeting-of-ewg-on-peacekeeping/239886.vnp";
constexpr char kVnpFpc[] =
    "https://en.vietnamplus.vn/planning-conference-for-peacekeeping-field-training-held-in-hanoi/249137.vnp";
constexpr char kSggpCeppp[] =
    "https://en.sggp.org.vn/"
    "competency-evaluation-program-for-prospective-un-peacekeepers-opens-in-hanoi-post104971.html";
constexpr char kModJp[] = "https://www.mod.go.jp/en/article/2023/12/9c9c910e37f09940a0e15598dd7ed2dee7c89a4d.html";

constexpr char kVnChair1[] = "Col. Mac Duc Trong (Viet Nam); Ms Matsuzawa Tomoko (Japan)";
constexpr char kVnChair2[] = "Col. Nguyen Nhu Canh (Viet Nam); Ms Matsuzawa Tomoko (Japan)";

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += "; ";
    out += p;
  }
  return out;
}

const std::vector<std::string>& Asean() {
  static const std::vector<std::string> k = {
      "Brunei Darussalam", "Cambodia", "Indonesia",   "Lao People's Democratic Republic",
      "Malaysia",          "Myanmar",  "Philippines", "Singapore",
      "Thailand",          "Viet Nam"};
  return k;
}
const std::vector<std::string>& Plus() {
  static const std::vector<std::string> k = {
      "Australia",          "China",        "India", "Japan", "New Zealand", "Republic of Korea",
      "Russian Federation", "United States"};
  return k;
}

FactRecord Attendance(const std::string& activity, const std::string& country, const std::string& source) {
  return {EwgKind::kParticipant,
          activity + " " + country,
          {{"activity", activity}, {"country", country}, {"illustrative", "no"}, {"source", source}}};
}

}  // namespace

const std::vector<Member>& BuiltinMembers() {
  // "ASEAN and its eight Dialogue Partners Australia, China, India, Japan, New
  // Zealand, Republic of Korea, Russia and the United States" (admm.asean.org);
  // the ASEAN 10 per ids.nic.in. Same members as the core "ADMM-Plus" group.
  static const std::vector<Member> k = [] {
    std::vector<Member> m;
    for (const char* iso3 : {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}) {
      m.push_back({iso3, Side::kAsean, Cat({kIds, kAdmmSite})});
    }
    for (const char* iso3 : {"AUS", "CHN", "IND", "JPN", "NZL", "KOR", "RUS", "USA"}) {
      m.push_back({iso3, Side::kPlus, kAdmmSite});
    }
    return m;
  }();
  return k;
}

const std::vector<Observer>& BuiltinObservers() {
  // "Timor-Leste and the ASEAN Secretariat also attend EWG meetings" (ANI, 16 Mar 2025).
  static const std::vector<Observer> k = {
      {"Timor-Leste", "TLS", kLatestly},
      {"ASEAN Secretariat", "", kLatestly},
  };
  return k;
}

const std::vector<EwgInfo>& BuiltinEwgs() {
  // The seven areas (ids.nic.in; admm.asean.org). The first five existed in
  // 2011-2013 (pacificsentinel, Feb 2013); HMA and cyber security came later,
  // in years not found.
  static const std::string kSeven = Cat({kIds, kAdmmSite});
  // Only the PKO EWG's start year is stated ("an action plan was crafted at
  // the EWG's start in 2011", dndph.org); of the other four, that they existed
  // in 2011-2013.
  static const std::string kFirstFive = Cat({kIds, kAdmmSite, std::string(kPacificSentinel) + " (existing 2011-2013)"});
  static const std::string kPko = Cat(
      {kFirstFive, "dndph.org 2010-2015 releases (an action plan crafted at the EWG's start in 2011; DOMAIN.md D)"});
  static const std::vector<EwgInfo> k = {
      {"MS", "Maritime Security", "by 2013", kFirstFive},
      {"CT", "Counter-Terrorism", "by 2013", kFirstFive},
      {"HADR", "Humanitarian Assistance and Disaster Relief", "by 2013", kFirstFive},
      {"PKO", "Peacekeeping Operations", "2011", kPko},
      {"MM", "Military Medicine", "by 2013", kFirstFive},
      {"HMA", "Humanitarian Mine Action", "", kSeven},
      {"CYBER", "Cyber Security", "", kSeven},
  };
  return k;
}

const std::vector<FactRecord>& BuiltinFactRecords() {
  static const std::vector<FactRecord> k = [] {
    std::vector<FactRecord> r = {
        // ------------------------------------------------ PKO cycles 1-5
        {EwgKind::kCycle,
         "PKO cycle 1",
         {{"ewg", "PKO"},
          {"cycle", "1"},
          {"start", "2011"},
          {"end", "2014-02"},
          {"co_chairs", "Philippines;New Zealand"},
          {"source",
           Cat({std::string(kPacificSentinel) + " (co-chairs, Feb 2013)",
                "dndph.org 2012 releases (2nd meeting, Manila, 25-29 Jun 2012, co-chairs R. Quilop and P. Sinclair)",
                std::string(kDndTtx) + " (final TTX, Feb 2014)"})},
          {"note",
           "Sources give the years 2011-2013; the cycle's final table-top exercise was in Feb 2014, so the end "
           "is recorded as 2014-02. Exact start and end days not found."}}},
        {EwgKind::kCycle,
         "PKO cycle 2",
         {{"ewg", "PKO"},
          {"cycle", "2"},
          {"start", "2014"},
          {"end", "2017"},
          {"co_chairs", "Cambodia;Republic of Korea"},
          {"source", Cat({std::string(kRokWhitePaper) + " (ROK 2018 Defense White Paper p.225)",
                          "dndph.org (\"turn over co-chairmanship to Cambodia and South Korea in 2014\")"})},
          {"note", "Years only; exact start and end dates not found."}}},
        {EwgKind::kCycle,
         "PKO cycle 3",
         {{"ewg", "PKO"},
          {"cycle", "3"},
          {"start", "2017"},
          {"end", "2020"},
          {"co_chairs", "Indonesia;Australia"},
          {"source", Cat({std::string(kDefenceConnect) + " (\"co-chairing ... to 2020\", 10th EWG PKO meeting)",
                          "seed article (6 April 2021: \"co-chairs Indonesia and Australia in the last cycle\")"})},
          {"note",
           "Years only; exact start and end dates not found. Overlaps cycle 2 in 2017 as the sources give it."}}},
        {EwgKind::kCycle,
         "PKO cycle 4",
         {{"ewg", "PKO"},
          {"cycle", "4"},
          {"start", "2021"},
          {"end", "2023"},
          {"co_chairs", "Viet Nam;Japan"},
          {"source", Cat({"seed article (6 April 2021)",
                          std::string(kVnp14) + " (\"fourth cycle, for the 2021-2023 period\")", kSggpCeppp})},
          {"note",
           "Years only (2021-2023 per sources); exact start and end dates not found. First activity "
           "6 Apr 2021 (seed article); handover to the cycle-5 co-chairs 5 Dec 2023."}}},
        {EwgKind::kCycle,
         "PKO cycle 5",
         {{"ewg", "PKO"},
          {"cycle", "5"},
          {"start", "2024"},
          {"end", ""},
          {"co_chairs", "Brunei Darussalam;China"},
          {"source", std::string(kModJp) + " (5 Dec 2023: \"Handover to Brunei and China, as co-chairs of the "
                                           "PKO-EWG in the next cycle\")"},
          {"note",
           "Start year 2024 as DOMAIN.md D gives it (\"next cycle from 2024\"); end not found (likely 2027, "
           "not verified)."}}},

        // ------------------------------------------------ cycle-4 activities
        {EwgKind::kActivity,
         "PKO4-M14",
         {{"ref", "PKO4-M14"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"number", "14"},
          {"type", "meeting"},
          {"title", "14th meeting of the EWG on PKO (first activity of cycle 4)"},
          {"start", "2021-04-06"},
          {"host", "Viet Nam"},
          {"venue", "virtual"},
          {"themes", "women's participation in peacekeeping;sexual violence and abuse"},
          {"agenda",
           "review of cycle 3; plan for cycle 4; thematic discussion on women's participation in "
           "peacekeeping; challenges in dealing with sexual violence and abuse"},
          {"chaired_by", kVnChair1},
          {"source", Cat({"seed article (6 April 2021)", kVnp14, kQdnd14})},
          {"note",
           "First activity of cycle 4 (seed article). Video conference held by Viet Nam's Ministry of National "
           "Defence; UNDP, UN Women and the ASEAN Secretariat attended (qdnd). Participant counts by sex not "
           "found."}}},
        {EwgKind::kActivity,
         "PKO4-M15",
         {{"ref", "PKO4-M15"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"number", "15"},
          {"type", "meeting"},
          {"title", "15th meeting of the EWG on PKO"},
          {"start", "2021-12-03"},
          {"venue", "virtual"},
          {"themes", "pre-deployment training;capacity building"},
          {"chaired_by", kVnChair1},
          {"source", kVnp15},
          {"note", "Host not stated. Participant counts not found."}}},
        {EwgKind::kActivity,
         "PKO4-M16",
         {{"ref", "PKO4-M16"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"number", "16"},
          {"type", "meeting"},
          {"title", "16th meeting of the EWG on PKO"},
          {"start", "2022-10-11"},
          {"venue", "virtual"},
          {"themes",
           "Action for Peacekeeping Plus (A4P+);coordination among UN member states;women, peace and security"},
          {"chaired_by", kVnChair2},
          {"source", kVnp16},
          {"note",
           "The source announces the cycle's second seminar on women, peace and security within the framework "
           "of this meeting without its own date, so it is not recorded as a separate activity. Host not "
           "stated. Participant counts not found."}}},
        {EwgKind::kActivity,
         "PKO4-FPC",
         {{"ref", "PKO4-FPC"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"type", "meeting"},
          {"title", "Final planning conference for the end-of-cycle field training"},
          {"start", "2023-03-01"},
          {"host", "Viet Nam"},
          {"venue", "Hanoi"},
          {"themes", "field training planning"},
          {"chaired_by", kVnChair2},
          {"source", kVnpFpc},
          {"note",
           "Held by the Vietnam Department of Peacekeeping Operations; recorded as a meeting (a planning "
           "conference)."}}},
        {EwgKind::kActivity,
         "PKO4-CEPPP",
         {{"ref", "PKO4-CEPPP"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"type", "field exercise"},
          {"title", "Competency Evaluation Program for Prospective UN Peacekeepers (CEPPP)"},
          {"start", "2023-09-13"},
          {"end", "2023-09-21"},
          {"host", "Viet Nam"},
          {"venue", "Hanoi"},
          {"themes",
           "competency evaluation of prospective UN peacekeepers;military observers, engineers and medical staff"},
          {"chaired_by", kVnChair2},
          {"source",
           Cat({std::string(kSggpCeppp) + " (opened 13 Sep 2023)",
                std::string(kVnpFpc) + " (end-of-term field training)", "DOMAIN.md D (closing date 21 Sep 2023)"})},
          {"note",
           "Recorded as a field exercise: the sources call it the cycle's end-of-term field training. Nearly 300 "
           "experts, trainees and observers from 18 delegations (sggp); counts by sex not found."}}},
        {EwgKind::kActivity,
         "PKO4-HANDOVER",
         {{"ref", "PKO4-HANDOVER"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"type", "meeting"},
          {"title", "Cycle 4 report and handover to the next co-chairs"},
          {"start", "2023-12-05"},
          {"host", "Japan"},
          {"venue", "hybrid, in Japan (city not stated)"},
          {"themes", "cycle report;handover"},
          {"source", Cat({kModJp, "DOMAIN.md D"})},
          {"note", "Participant counts not found."}}},
        {EwgKind::kActivity,
         "PKO4-WPS4",
         {{"ref", "PKO4-WPS4"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"number", "4"},
          {"type", "seminar"},
          {"title", "4th seminar on women, peace and security: conflict-related sexual violence"},
          {"start", "2023-12-05"},
          {"host", "Japan"},
          {"venue", "hybrid, in Japan (city not stated)"},
          {"themes", "women, peace and security;conflict-related sexual violence"},
          {"source", "DOMAIN.md D (5 Dec 2023, with the handover; citing " + std::string(kModJp) + ")"},
          {"note", "Held with the cycle report and handover. Seminars 1 and 3 of the series were not found."}}},

        // ------------------------------------------------ outcomes
        {EwgKind::kOutcome,
         "PKO4-OUT-HANDOVER",
         {{"ref", "PKO4-OUT-HANDOVER"},
          {"ewg", "PKO"},
          {"cycle", "4"},
          {"kind", "outcome"},
          {"title", "Co-chairmanship handed over to Brunei Darussalam and China for cycle 5"},
          {"date", "2023-12-05"},
          {"activity", "PKO4-HANDOVER"},
          {"url", kModJp},
          {"source", kModJp}}},
    };
    // Attendance without counts by sex: all 18 members at the 14th meeting
    // (hanoitimes) and 18 member delegations at the CEPPP (sggp).
    for (const auto* side : {&Asean(), &Plus()}) {
      for (const std::string& c : *side) r.push_back(Attendance("PKO4-M14", c, kHanoiTimes14));
    }
    for (const auto* side : {&Asean(), &Plus()}) {
      for (const std::string& c : *side) r.push_back(Attendance("PKO4-CEPPP", c, kSggpCeppp));
    }
    return r;
  }();
  return k;
}

}  // namespace bh
