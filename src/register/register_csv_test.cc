#include "register/register_csv.h"

#include <gtest/gtest.h>

#include "store/schema.h"

namespace bh {
namespace {

constexpr char kPersons[] =
    "country,service_number,sex,rank,service,specialty\n"
    "VNM,S1,F,Maj,Army,surgeon\n"
    "VNM,S2,M,Capt,Army,nurse\n"
    "Viet Nam,S3,M,Lt Col,Army,\n";
constexpr char kUnits[] =
    "country,unit,unit_type,mission,location,rotation,authorised_strength,"
    "requested_share\n"
    "VNM,U1,Level-2 field hospital,UNMISS,Bentiu,1,63,8-10\n";
constexpr char kLegs[] =
    "country,unit,direction,batch,departs,arrives\n"
    "VNM,U1,out,1,2021-03-24,2021-03-25\n"
    "VNM,U1,home,1,2022-04-20,\n";
constexpr char kMembers[] =
    "country,unit,service_number,out_batch,home_batch\n"
    "VNM,U1,S1,1,1\n"
    "VNM,U1,S2,1,1\n";
constexpr char kPostings[] =
    "country,service_number,role,mission,starts,ends,post\n"
    "VNM,S3,staff_officer,UNMISS,2018-01-15,2019-01-15,military operations\n";

class RegisterCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ASSERT_TRUE(EnsureRegisterSchema(db_.get()).ok());
    ref_ = std::make_unique<Reference>(*Reference::Load(db_.get()));
  }
  Result<RegisterImportSummary> Import(std::vector<InputFile> files) { return ImportRegister(db_.get(), *ref_, files); }
  // The message of a failed import of the base files with one replaced.
  std::string ErrorWith(const std::string& name, const std::string& data) {
    std::vector<InputFile> files = {{"persons.csv", kPersons},
                                    {"units.csv", kUnits},
                                    {"legs.csv", kLegs},
                                    {"members.csv", kMembers},
                                    {"postings.csv", kPostings}};
    for (InputFile& f : files) {
      if (f.name == name) f.data = data;
    }
    auto r = Import(files);
    return r.ok() ? "ok" : r.status().message();
  }
  int64_t Count(const char* table) { return *db_->QueryInt(std::string("SELECT COUNT(*) FROM ") + table); }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(RegisterCsvTest, ImportsAllKindsInDependencyOrder) {
  // Members and postings first on purpose: the import orders them.
  auto r = Import({{"members.csv", kMembers},
                   {"postings.csv", kPostings},
                   {"legs.csv", kLegs},
                   {"units.csv", kUnits},
                   {"persons.csv", kPersons}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(3, r->counts[RegisterKind::kPerson].added);
  EXPECT_EQ(1, r->counts[RegisterKind::kUnit].added);
  EXPECT_EQ(2, r->counts[RegisterKind::kLeg].added);
  EXPECT_EQ(2, r->counts[RegisterKind::kMember].added);
  EXPECT_EQ(1, r->counts[RegisterKind::kPosting].added);
  EXPECT_EQ(std::vector<std::string>{"VNM"}, r->countries);
  EXPECT_FALSE(r->illustrative);
  RegisterData d = *LoadRegister(db_.get(), "VNM");
  ASSERT_EQ(1u, d.units.size());
  EXPECT_EQ((ShareRange{800, 1000}), *d.units[0].requested);
  EXPECT_EQ("members.csv:3", d.members[1].source);
  EXPECT_EQ("VNM", d.FindPerson("S3")->country);  // "Viet Nam" resolved
}

TEST_F(RegisterCsvTest, ReimportChangesNothingAndEditsUpdate) {
  std::vector<InputFile> files = {{"persons.csv", kPersons},
                                  {"units.csv", kUnits},
                                  {"legs.csv", kLegs},
                                  {"members.csv", kMembers},
                                  {"postings.csv", kPostings}};
  ASSERT_TRUE(Import(files).ok());
  auto again = Import(files);
  ASSERT_TRUE(again.ok());
  for (RegisterKind k : kAllRegisterKinds) {
    EXPECT_EQ(0, again->counts[k].added) << SpecOf(k).noun;
    EXPECT_EQ(0, again->counts[k].updated) << SpecOf(k).noun;
  }
  EXPECT_EQ(3, again->counts[RegisterKind::kPerson].unchanged);
  EXPECT_EQ(3, Count("reg_person"));
  auto edit = Import({{"p2.csv", "country,service_number,sex,rank,service\nVNM,S2,M,Maj,Army\n"}});
  ASSERT_TRUE(edit.ok());
  EXPECT_EQ(1, edit->counts[RegisterKind::kPerson].updated);
  EXPECT_EQ("Maj", LoadRegister(db_.get(), "VNM")->FindPerson("S2")->rank);
  EXPECT_EQ(3, Count("reg_person"));
}

TEST_F(RegisterCsvTest, ValidationErrorsNameFileLineAndColumn) {
  static const struct {
    const char* file;
    const char* data;
    const char* error;
  } cases[] = {
      {"persons.csv",
       "country,service_number,sex,rank,service\nVNM,S1,F,Maj,Army\nVNM,S2,M,"
       "Capt,Army\nVNM,S3,X,Maj,Army\n",
       "persons.csv:4: column 'sex': want F or M, got 'X'"},
      {"persons.csv", "country,service_number,sex,rank,service\nXanadu,S1,F,Maj,Army\n",
       "persons.csv:2: column 'country': unknown country: 'Xanadu'"},
      {"persons.csv", "country,service_number,sex,rank,service\nVNM,S1,F,,Army\n",
       "persons.csv:2: column 'rank': required"},
      {"persons.csv",
       "country,service_number,sex,rank,service\nVNM,S1,F,Maj,Army\nVNM,S1,M,"
       "Maj,Army\n",
       "persons.csv:3: duplicate service number 'S1' of VNM (also on line 2)"},
      {"persons.csv", "country,service_number,sex,rank\nVNM,S1,F,Maj\n",
       "persons.csv:1: missing column 'service' in a persons file"},
      {"persons.csv", "country,service_number,sex,rank,service,email\nVNM,S1,F,Maj,Army,a@b\n",
       "persons.csv:1: unknown column 'email' in a persons file (columns: country, service_number, sex, rank, service, "
       "specialty, name)"},
      {"persons.csv", "country,service_number,sex,rank,service\nVNM,S1,F,Maj\n",
       "persons.csv:2: expected 5 fields, found 4"},
      {"persons.csv", "a,b,c\n1,2,3\n",
       "persons.csv:1: not a register file: want a header with exactly one of sex (persons), unit_type (units), "
       "direction (legs), out_batch (members), starts (postings) (see docs/register.md)"},
      {"units.csv",
       "country,unit,unit_type,mission,authorised_strength\nVNM,U1,Level-2 "
       "field hospital,UNXYZ,63\n",
       "units.csv:2: column 'mission': unknown mission 'UNXYZ'"},
      {"units.csv",
       "country,unit,unit_type,mission,authorised_strength,personnel_type\nVNM,"
       "U1,Hospital,UNMISS,63,Staff Officer\n",
       "units.csv:2: column 'personnel_type': want Troops or Formed Police "
       "Units, got 'Staff Officer'"},
      {"units.csv",
       "country,unit,unit_type,mission,authorised_strength\nVNM,U1,Hospital,"
       "UNMISS,sixty\n",
       "units.csv:2: column 'authorised_strength': want a whole number of at "
       "least 1, got 'sixty'"},
      {"legs.csv",
       "country,unit,direction,batch,departs,arrives\nVNM,U1,out,1,2021-03-24,"
       "2021-03-20\n",
       "legs.csv:2: column 'arrives': 2021-03-20 is before departs 2021-03-24"},
      {"legs.csv", "country,unit,direction,batch,departs,arrives\nVNM,U1,out,1,,\n",
       "legs.csv:2: column 'departs': departs and arrives are both empty; give "
       "at least one"},
      {"legs.csv", "country,unit,direction,batch,departs\nVNM,U1,sideways,1,2021-03-24\n",
       "legs.csv:2: column 'direction': want out or home, got 'sideways'"},
      {"legs.csv", "country,unit,direction,batch,departs\nVNM,U9,out,1,2021-03-24\n",
       "legs.csv:2: column 'unit': unknown unit 'U9' of VNM"},
      {"legs.csv",
       "country,unit,direction,batch,departs\nVNM,U1,out,1,2021-03-24\nVNM,U1,"
       "home,1,2021-03-01\n",
       "legs.csv:3: home batch 1 of unit 'U1' leaves on 2021-03-01, not after "
       "the unit's first batch set off on "
       "2021-03-24"},
      {"members.csv", "country,unit,service_number,out_batch\nVNM,U1,S1,3\n",
       "members.csv:2: column 'out_batch': unit 'U1' has no out batch 3"},
      {"members.csv", "country,unit,service_number,out_batch,home_batch\nVNM,U1,S1,1,2\n",
       "members.csv:2: column 'home_batch': unit 'U1' has no home batch 2"},
      {"members.csv", "country,unit,service_number,out_batch\nVNM,U1,S9,1\n",
       "members.csv:2: column 'service_number': unknown service number 'S9' of "
       "VNM"},
      {"postings.csv",
       "country,service_number,role,mission,starts,ends\nVNM,S3,staff_officer,"
       "UNMISS,2018-01-15,2017-01-01\n",
       "postings.csv:2: column 'ends': 2017-01-01 is not after starts "
       "2018-01-15"},
      {"postings.csv",
       "country,service_number,role,mission,starts\nVNM,S3,staff_officer,UNXYZ,"
       "2018-01-15\n",
       "postings.csv:2: column 'mission': unknown mission 'UNXYZ' (UNHQ for UN "
       "Headquarters)"},
      {"postings.csv",
       "country,service_number,role,mission,starts\nVNM,S3,staff_officer,"
       "UNMISS,2018-01-15\n"
       "VNM,S3,staff_officer,UNHQ,2018-06-01\n",
       "postings.csv:3: service number 'S3' is already deployed from "
       "2018-01-15 (postings.csv:2)"},
      {"postings.csv",
       "country,service_number,role,mission,starts\nVNM,S1,staff_officer,UNHQ,"
       "2021-06-01\n",
       "postings.csv:2: service number 'S1' is already deployed from "
       "2021-03-25 (members.csv:2)"},
      {"postings.csv",
       "country,service_number,role,mission,starts\nVNM,S3,staff_officer,"
       "UNMISS,2018-01-15\n"
       "VNM,S3,police,UNMISS,2018-01-15\n",
       "postings.csv:3: duplicate posting of service number 'S3' of VNM "
       "starting 2018-01-15 (also on line 2)"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.error, ErrorWith(c.file, c.data)) << c.data;
    EXPECT_EQ(0, Count("reg_person")) << "all or nothing: " << c.error;
  }
}

TEST_F(RegisterCsvTest, CommentLinesKeepLineNumbersAndMarkIllustrative) {
  std::string persons =
      "# ILLUSTRATIVE: invented\n# second "
      "comment\ncountry,service_number,sex,rank,service\n"
      "VNM,S1,F,Maj,Army\nVNM,S2,Q,Maj,Army\n";
  EXPECT_EQ("vnm.csv:5: column 'sex': want F or M, got 'Q'", Import({{"vnm.csv", persons}}).status().message());
  auto ok = Import({{"vnm.csv",
                     "# "
                     "ILLUSTRATIVE\ncountry,service_number,sex,rank,"
                     "service\nVNM,S1,F,Maj,Army\n"}});
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->illustrative);
  EXPECT_TRUE(LoadRegister(db_.get(), "VNM")->Illustrative());
}

TEST_F(RegisterCsvTest, ServiceNumbersAreUniqueWithinACountryOnly) {
  auto r = Import({{"p.csv",
                    "country,service_number,sex,rank,service\nVNM,S1,"
                    "F,Maj,Army\nJPN,S1,M,Maj,GSDF\n"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(2, Count("reg_person"));
  EXPECT_EQ((std::vector<std::string>{"JPN", "VNM"}), r->countries);
}

TEST_F(RegisterCsvTest, ExportRoundTrips) {
  ASSERT_TRUE(Import({{"persons.csv", std::string("# ILLUSTRATIVE\n") + kPersons},
                      {"units.csv", kUnits},
                      {"legs.csv", kLegs},
                      {"members.csv", kMembers},
                      {"postings.csv", kPostings}})
                  .ok());
  auto files = ExportRegister(db_.get(), "VNM");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(5u, files->size());
  EXPECT_EQ("persons.csv", (*files)[0].name);
  EXPECT_EQ(
      "# ILLUSTRATIVE: exported from a VNM register that holds "
      "illustrative records (invented placeholders); "
      "see docs/register.md\n"
      "country,service_number,sex,rank,service,specialty,name\n"
      "VNM,S1,F,Maj,Army,surgeon,\n"
      "VNM,S2,M,Capt,Army,nurse,\n"
      "VNM,S3,M,Lt Col,Army,,\n",
      (*files)[0].data);
  // Into the same database: nothing changes.
  auto same = Import(*files);
  ASSERT_TRUE(same.ok()) << same.status().message();
  for (RegisterKind k : kAllRegisterKinds) EXPECT_EQ(0, same->counts[k].added + same->counts[k].updated);
  // Into a fresh one: the same register.
  std::unique_ptr<Db> fresh = std::move(*OpenCoreStore(":memory:"));
  ASSERT_TRUE(EnsureRegisterSchema(fresh.get()).ok());
  ASSERT_TRUE(ImportRegister(fresh.get(), *ref_, *files).ok());
  RegisterData a = *LoadRegister(db_.get(), "VNM");
  RegisterData b = *LoadRegister(fresh.get(), "VNM");
  ASSERT_EQ(a.units.size(), b.units.size());
  EXPECT_TRUE(a.units[0].SameData(b.units[0]));
  EXPECT_TRUE(a.legs[1].SameData(b.legs[1]));
  EXPECT_TRUE(a.postings[0].SameData(b.postings[0]));
  EXPECT_TRUE(b.Illustrative());
}

TEST_F(RegisterCsvTest, ExportNeutralisesFormulasAndReimportsTheSameText) {
  std::string persons =
      "country,service_number,sex,rank,service,specialty,name\n"
      "VNM,S1,F,Maj,Army,\"=HYPERLINK(\"\"http://x\"\")\",@evil\n"
      "VNM,S2,M,Capt,Army,''=quoted,-\n"  // one apostrophe is read as the exporter's mark
      "VNM,S3,M,Lt Col,Army,-3,+cmd\n";
  ASSERT_TRUE(Import({{"persons.csv", persons}}).ok());
  auto files = ExportRegister(db_.get(), "VNM");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(1u, files->size());
  EXPECT_EQ(
      "country,service_number,sex,rank,service,specialty,name\n"
      "VNM,S1,F,Maj,Army,\"'=HYPERLINK(\"\"http://x\"\")\",\"'@evil\"\n"
      "VNM,S2,M,Capt,Army,\"''=quoted\",-\n"
      "VNM,S3,M,Lt Col,Army,-3,\"'+cmd\"\n",
      (*files)[0].data);
  // Into a fresh database: exactly the stored text, without the added marks.
  std::unique_ptr<Db> fresh = std::move(*OpenCoreStore(":memory:"));
  ASSERT_TRUE(EnsureRegisterSchema(fresh.get()).ok());
  ASSERT_TRUE(ImportRegister(fresh.get(), *ref_, *files).ok());
  RegisterData a = *LoadRegister(db_.get(), "VNM");
  RegisterData b = *LoadRegister(fresh.get(), "VNM");
  ASSERT_EQ(3u, b.persons.size());
  EXPECT_EQ("=HYPERLINK(\"http://x\")", b.persons[0].specialty);
  EXPECT_EQ("@evil", b.persons[0].name);
  EXPECT_EQ("'=quoted", b.persons[1].specialty);
  EXPECT_EQ("-", b.persons[1].name);
  EXPECT_EQ("-3", b.persons[2].specialty);
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(a.persons[i].SameData(b.persons[i])) << i;
}

TEST_F(RegisterCsvTest, TextThatIsNotUtf8OrHoldsControlCharactersIsRefused) {
  std::string nul = std::string("country,service_number,sex,rank,service\nVNM,U-3") + '\0' + "evil,F,Maj,Army\n";
  EXPECT_EQ("persons.csv:2: column 'service_number': holds a control character (0x00 at byte 4)",
            Import({{"persons.csv", nul}}).status().message());
  std::string latin1 = "country,service_number,sex,rank,service\nVNM,S1,F,Capit\xe1n,Army\n";
  EXPECT_EQ("persons.csv:2: column 'rank': not valid UTF-8 (byte 0xe1 at byte 6)",
            Import({{"persons.csv", latin1}}).status().message());
  EXPECT_EQ(0, Count("reg_person"));
  // The command line's path is checked the same way.
  auto w = WriteRecord(db_.get(), *ref_, RegisterKind::kPerson,
                       {{"country", "VNM"},
                        {"service_number", "S9"},
                        {"sex", "F"},
                        {"rank", "Maj"},
                        {"service", "Army"},
                        {"name",
                         "a\x01"
                         "b"}},
                       WriteMode::kAdd);
  EXPECT_EQ("column 'name': holds a control character (0x01 at byte 2)", w.status().message());
  EXPECT_EQ(0, Count("reg_person"));
  // A tab in free text is fine.
  EXPECT_TRUE(WriteRecord(db_.get(), *ref_, RegisterKind::kPerson,
                          {{"country", "VNM"},
                           {"service_number", "S9"},
                           {"sex", "F"},
                           {"rank", "Maj"},
                           {"service", "Army"},
                           {"specialty", "field\tsurgeon"}},
                          WriteMode::kAdd)
                  .ok());
}

TEST_F(RegisterCsvTest, WriteRecordAddsEditsAndEnds) {
  ASSERT_TRUE(Import({{"persons.csv", kPersons}, {"postings.csv", kPostings}}).ok());
  Fields person = {{"country", "VNM"}, {"service_number", "S4"}, {"sex", "F"}, {"rank", "Capt"}, {"service", "Army"}};
  EXPECT_EQ(Change::kAdded, *WriteRecord(db_.get(), *ref_, RegisterKind::kPerson, person, WriteMode::kAdd));
  auto again = WriteRecord(db_.get(), *ref_, RegisterKind::kPerson, person, WriteMode::kAdd);
  EXPECT_EQ(Status::Code::kAlreadyExists, again.status().code());
  EXPECT_EQ("service number 'S4' of VNM already exists; use 'register person edit'", again.status().message());
  EXPECT_EQ(Change::kUpdated,
            *WriteRecord(db_.get(), *ref_, RegisterKind::kPerson,
                         {{"country", "Viet Nam"}, {"service_number", "S4"}, {"rank", "Maj"}}, WriteMode::kEdit));
  const Person* p4 = nullptr;
  RegisterData d = *LoadRegister(db_.get(), "VNM");
  p4 = d.FindPerson("S4");
  ASSERT_NE(nullptr, p4);
  EXPECT_EQ("Maj", p4->rank);
  EXPECT_EQ(Sex::kFemale, p4->sex);
  EXPECT_EQ("cli", p4->source);
  auto missing = WriteRecord(db_.get(), *ref_, RegisterKind::kPerson, {{"country", "VNM"}, {"service_number", "S9"}},
                             WriteMode::kEdit);
  EXPECT_EQ("service number 'S9' of VNM is not recorded", missing.status().message());
  // Ending a posting, and a bad end date leaving it as it was.
  Fields posting = {{"country", "VNM"},
                    {"service_number", "S4"},
                    {"role", "military_observer"},
                    {"mission", "MINUSCA"},
                    {"starts", "2021-02-08"}};
  EXPECT_EQ(Change::kAdded, *WriteRecord(db_.get(), *ref_, RegisterKind::kPosting, posting, WriteMode::kAdd));
  auto bad =
      WriteRecord(db_.get(), *ref_, RegisterKind::kPosting,
                  {{"country", "VNM"}, {"service_number", "S4"}, {"starts", "2021-02-08"}, {"ends", "2021-01-01"}},
                  WriteMode::kEdit);
  EXPECT_EQ("column 'ends': 2021-01-01 is not after starts 2021-02-08", bad.status().message());
  EXPECT_EQ(
      Change::kUpdated,
      *WriteRecord(db_.get(), *ref_, RegisterKind::kPosting,
                   {{"country", "VNM"}, {"service_number", "S4"}, {"starts", "2021-02-08"}, {"ends", "2022-02-08"}},
                   WriteMode::kEdit));
  EXPECT_EQ("2022-02-08", LoadRegister(db_.get(), "VNM")->postings[1].ends->ToString());
}

// One reading for the check and the write (issue 12): the countries are
// those of the parsed rows, which ApplyRegister then writes.
TEST_F(RegisterCsvTest, CountriesComeFromTheRowsThatAreWritten) {
  const std::string persons = "#,\"\ncountry,service_number,sex,rank,service\nVNM,S1,F,Maj,Army\nJPN,S2,M,Maj,Army\n";
  auto parsed = ParseRegisterFiles({{"p.csv", persons}});
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto countries = RegisterCountries(*parsed, *ref_);
  ASSERT_TRUE(countries.ok());
  EXPECT_EQ((std::vector<std::string>{"JPN", "VNM"}), *countries);
  auto sum = ApplyRegister(db_.get(), *ref_, *parsed);
  ASSERT_TRUE(sum.ok()) << sum.status().message();
  EXPECT_EQ(*countries, sum->countries);
  EXPECT_EQ(2, Count("reg_person"));

  auto bad = ParseRegisterFiles(
      {{"q.csv", "country,service_number,sex,rank,service\nVNM,S3,F,Maj,Army\nAtlantis,S4,F,Maj,Army\n"}});
  ASSERT_TRUE(bad.ok());
  auto refused = RegisterCountries(*bad, *ref_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(0u, refused.status().message().find("q.csv:3: column 'country': ")) << refused.status().message();
}

}  // namespace
}  // namespace bh
