#include "store/reference_data.h"

namespace bh {

namespace {
constexpr IsoCountry kIsoCountries[] = {
#include "countries.inc"
};

// Spellings printed in the UN's reports and open data that are not an
// iso-codes name, official name or common name. Add "the rest as they come".
constexpr CountryAlias kUnAliases[] = {
    {"Iran (Islamic Republic of)", "IRN"},
    {"Republic of Korea", "KOR"},
    {"Korea, Republic of", "KOR"},
    {"United Republic of Tanzania", "TZA"},
    {"Tanzania", "TZA"},
    {"Turkey", "TUR"},
    {"Vietnam", "VNM"},
    {"Bolivia (Plurinational State of)", "BOL"},
    {"Venezuela (Bolivarian Republic of)", "VEN"},
    {"Republic of Moldova", "MDA"},
    {"Moldova", "MDA"},
    {"Democratic Republic of the Congo", "COD"},
    {"DR Congo", "COD"},
    {"Congo", "COG"},
    {"Republic of the Congo", "COG"},
    {"Lao People's Democratic Republic", "LAO"},
    {"Lao PDR", "LAO"},
    {"Laos", "LAO"},
    {"Russia", "RUS"},
    {"United States", "USA"},
    {"USA", "USA"},
    {"United Kingdom of Great Britain and Northern Ireland", "GBR"},
    {"The former Yugoslav Republic of Macedonia", "MKD"},
    {"former Yugoslav Republic of Macedonia", "MKD"},
    {"Macedonia", "MKD"},
    {"Czech Republic", "CZE"},
    {"Slovak Republic", "SVK"},
    {"Swaziland", "SWZ"},
    {"Cape Verde", "CPV"},
    {"Gambia (Republic of The)", "GMB"},
    {"The Gambia", "GMB"},
    {"Syria", "SYR"},
    {"Brunei", "BRN"},
    {"Micronesia (Federated States of)", "FSM"},
    {"State of Palestine", "PSE"},
    {"Kyrgyz Republic", "KGZ"},
    {"Netherlands (Kingdom of the)", "NLD"},
    {"Cote d'Ivoire", "CIV"},
    {"Ivory Coast", "CIV"},
    {"Timor Leste", "TLS"},
    {"East Timor", "TLS"},
    {"Sao Tome and Principe", "STP"},
    {"Guinea Bissau", "GNB"},
    {"Bosnia & Herzegovina", "BIH"},
    {"Trinidad & Tobago", "TTO"},
    {"Cote d Ivoire", "CIV"},
    {"Democratic Republic of the Congo (DRC)", "COD"},
    {"DRC", "COD"},
    {"Iran", "IRN"},
    {"Bolivia", "BOL"},
    {"Moldova, Republic of", "MDA"},
    {"Tanzania, United Republic of", "TZA"},
    {"Turkiye", "TUR"},
    {"Czech Republic", "CZE"},
    // Short and former names people type (issue 13).
    {"UK", "GBR"},
    {"U.K.", "GBR"},
    {"Great Britain", "GBR"},
    {"Britain", "GBR"},
    {"US", "USA"},
    {"U.S.", "USA"},
    {"U.S.A.", "USA"},
    {"Burma", "MMR"},
    {"Palestine", "PSE"},
    {"Micronesia", "FSM"},
    {"Holland", "NLD"},
    {"Cabo Verde", "CPV"},
    {"Vatican", "VAT"},
    {"Kirghizia", "KGZ"},
    {"Zaire", "COD"},
};

// Names that stand for more than one country: a person who types one is
// shown the candidates, never given one of them.
const AmbiguousName kAmbiguousNames[] = {
    {"Korea", {"KOR", "PRK"}},
    {"Virgin Islands", {"VGB", "VIR"}},
};

// Missions that appear in the UN's contribution data since 2002: acronym,
// name, host country (ISO3; "" where the mission spans several or none), and
// start/end (YYYY-MM). Source: the UN's list of past and current peacekeeping
// operations (peacekeeping.un.org/en/past-peacekeeping-operations,
// /where-we-operate). Special political missions that report uniformed
// personnel are included.
constexpr MissionInfo kMissions[] = {
    {"BINUH", "United Nations Integrated Office in Haiti", "HTI", "2019-10", ""},
    {"MINURSO", "United Nations Mission for the Referendum in Western Sahara", "ESH", "1991-04", ""},
    {"MINUSCA", "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
     "CAF", "2014-04", ""},
    {"MINUSMA", "United Nations Multidimensional Integrated Stabilization Mission in Mali", "MLI", "2013-04",
     "2023-12"},
    {"MINUSTAH", "United Nations Stabilization Mission in Haiti", "HTI", "2004-06", "2017-10"},
    {"MINUJUSTH", "United Nations Mission for Justice Support in Haiti", "HTI", "2017-10", "2019-10"},
    {"MONUSCO", "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo", "COD",
     "2010-07", ""},
    {"UNAMA", "United Nations Assistance Mission in Afghanistan", "AFG", "2002-03", ""},
    {"UNAMI", "United Nations Assistance Mission for Iraq", "IRQ", "2003-08", "2025-12"},
    {"UNAMID", "African Union-United Nations Hybrid Operation in Darfur", "SDN", "2007-07", "2020-12"},
    {"UNDOF", "United Nations Disengagement Observer Force", "SYR", "1974-05", ""},
    {"UNFICYP", "United Nations Peacekeeping Force in Cyprus", "CYP", "1964-03", ""},
    {"UNIFIL", "United Nations Interim Force in Lebanon", "LBN", "1978-03", ""},
    {"UNISFA", "United Nations Interim Security Force for Abyei", "", "2011-06", ""},
    {"UNMIK", "United Nations Interim Administration Mission in Kosovo", "", "1999-06", ""},
    {"UNMIL", "United Nations Mission in Liberia", "LBR", "2003-09", "2018-03"},
    {"UNMISS", "United Nations Mission in the Republic of South Sudan", "SSD", "2011-07", ""},
    {"UNMOGIP", "United Nations Military Observer Group in India and Pakistan", "", "1949-01", ""},
    {"UNOCI", "United Nations Operation in Côte d'Ivoire", "CIV", "2004-04", "2017-06"},
    {"UNSOM", "United Nations Assistance Mission in Somalia", "SOM", "2013-06", ""},
    {"UNSOS", "United Nations Support Office in Somalia", "SOM", "2015-11", ""},
    {"UNSMIL", "United Nations Support Mission in Libya", "LBY", "2011-09", ""},
    {"UNTSO", "United Nations Truce Supervision Organization", "", "1948-05", ""},
    {"UNMHA", "United Nations Mission to support the Hudaydah Agreement", "YEM", "2019-01", ""},
    {"UNITAMS", "United Nations Integrated Transition Assistance Mission in Sudan", "SDN", "2020-06", "2024-02"},
    {"UNVMC", "United Nations Verification Mission in Colombia", "COL", "2017-09", ""},
    {"UNMC", "United Nations Mission in Colombia", "COL", "2016-01", "2017-09"},
    {"UNMIT", "United Nations Integrated Mission in Timor-Leste", "TLS", "2006-08", "2012-12"},
    {"UNMIS", "United Nations Mission in the Sudan", "SDN", "2005-03", "2011-07"},
    {"UNMEE", "United Nations Mission in Ethiopia and Eritrea", "", "2000-07", "2008-07"},
    {"UNOMIG", "United Nations Observer Mission in Georgia", "GEO", "1993-08", "2009-06"},
    {"MINURCAT", "United Nations Mission in the Central African Republic and Chad", "", "2007-09", "2010-12"},
    {"MONUC", "United Nations Organization Mission in the Democratic Republic of the Congo", "COD", "1999-11",
     "2010-06"},
    {"UNMIN", "United Nations Mission in Nepal", "NPL", "2007-01", "2011-01"},
    {"UNIOGBIS", "United Nations Integrated Peacebuilding Office in Guinea-Bissau", "GNB", "2010-01", "2020-12"},
    {"UNSMIS", "United Nations Supervision Mission in Syria", "SYR", "2012-04", "2012-08"},
    {"UNOWAS", "United Nations Office for West Africa and the Sahel", "", "2016-01", ""},
    {"UNOCA", "United Nations Regional Office for Central Africa", "GAB", "2011-01", ""},
};

constexpr TargetCellInfo kTargetCells[] = {
    {"contingents", 2021, 800,
     "DPO, 'Acknowledging uniformed gender parity target achievers': \"For 2021, the target for the military "
     "component is 8 per cent women in troops\""},
    {"mo_so", 2021, 1800,
     "DPO, 'Acknowledging uniformed gender parity target achievers': \"... and 18 per cent women in individual "
     "military positions\" (2021)"},
    {"jc", 2021, 2900,
     "peacekeeping.un.org/en/justice-and-corrections-government-provided-personnel: \"The Strategy's 2021 target of "
     "29%\""},
    {"fpu", 2022, 1200,
     "police.un.org, UNSOM surpasses gender parity targets: \"surpassing the target of 12% set out in the UGPS\" "
     "(2022)"},
    {"contingents", 2028, 1500,
     "elsiefund.org/un-strategies-eifund/: UGPS 2028 targets, \"15% ... in troop contingents\""},
    {"mo_so", 2028, 2500,
     "elsiefund.org/un-strategies-eifund/: UGPS 2028 targets, \"25% female military observers and staff officers\""},
    {"fpu", 2028, 2000,
     "elsiefund.org/un-strategies-eifund/: UGPS 2028 targets, \"20% female police in formed police units\""},
    {"ipo", 2028, 3000, "elsiefund.org/un-strategies-eifund/: UGPS 2028 targets, \"30% individual police officers\""},
};
}  // namespace

std::span<const IsoCountry> IsoCountries() { return kIsoCountries; }
std::span<const CountryAlias> UnCountryAliases() { return kUnAliases; }
std::span<const AmbiguousName> AmbiguousCountryNames() { return kAmbiguousNames; }
std::span<const MissionInfo> KnownMissions() { return kMissions; }
std::span<const TargetCellInfo> BuiltinTargetCells() { return kTargetCells; }

const std::vector<BuiltinGroup>& BuiltinGroups() {
  // ADMM-Plus: "ASEAN and its eight Dialogue Partners Australia, China, India,
  // Japan, New Zealand, Republic of Korea, Russia and the United States"
  // (admm.asean.org, about ADMM-Plus); ASEAN 10 per ids.nic.in (DOMAIN.md D).
  // Timor-Leste became ASEAN's 11th member on 26 October 2025, and so a
  // member of ADMM-Plus, which is ASEAN and the eight (DOMAIN.md D).
  static constexpr BuiltinMembership kTimorLeste = {
      "TLS", "2025-10-26",
      "Declaration on the Admission of Timor-Leste into ASEAN, 47th ASEAN Summit, Kuala Lumpur, 26 Oct 2025 "
      "(ASEAN statement quoted by IANS, 26 Oct 2025; Viet Nam News/VNA, 26 Oct 2025)"};
  static const std::vector<BuiltinGroup> kGroups = {
      {"ASEAN",
       "Association of Southeast Asian Nations (10 member states; 11 from 2025-10-26, Timor-Leste)",
       {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"},
       {kTimorLeste}},
      {"ADMM-Plus-Partners",
       "The eight ADMM-Plus dialogue partners",
       {"AUS", "CHN", "IND", "JPN", "NZL", "KOR", "RUS", "USA"},
       {}},
      {"ADMM-Plus",
       "ASEAN Defence Ministers' Meeting-Plus: the ASEAN members and 8 dialogue partners (18; 19 from 2025-10-26)",
       {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "AUS", "CHN", "IND", "JPN", "NZL", "KOR",
        "RUS", "USA"},
       {kTimorLeste}},
  };
  return kGroups;
}

}  // namespace bh
