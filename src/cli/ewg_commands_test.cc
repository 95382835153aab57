// End-to-end runs of `bluehelmet ewg ...` on an in-memory database.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.h"

namespace bh {
namespace {

struct CliRun {
  int code;
  std::string out, err;
};

CliRun Cli(std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", ":memory:"});
  std::ostringstream out, err;
  int code = RunCliArgs(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(EwgCommandsTest, PkoCyclesOutOfTheBox) {
  CliRun r = Cli({"ewg", "cycles", "--ewg", "pko", "--format", "csv"});
  EXPECT_EQ(0, r.code) << r.err;
  EXPECT_EQ(
      "EWG,Cycle,Start,End,ASEAN co-chair,Plus co-chair,Activities,Origin\n"
      "PKO,1,2011,2014-02,Philippines,New Zealand,0,built-in\n"
      "PKO,2,2014,2017,Cambodia,Republic of Korea,0,built-in\n"
      "PKO,3,2017,2020,Indonesia,Australia,0,built-in\n"
      "PKO,4,2021,2023,Viet Nam,Japan,7,built-in\n"
      "PKO,5,2024,,Brunei Darussalam,China,0,built-in\n",
      r.out);
}

TEST(EwgCommandsTest, AddRejectsTwoAseanCoChairs) {
  CliRun r = Cli({"ewg", "cycle", "add", "--ewg", "PKO", "--cycle", "6", "--start", "2027", "--co-chairs",
                  "Viet Nam;Cambodia", "--source", "test"});
  EXPECT_EQ(1, r.code);
  EXPECT_EQ(
      "bluehelmet: command line: cycle PKO 6: two ASEAN co-chairs (Viet Nam, Cambodia) and no Plus co-chair; "
      "a cycle has exactly one ASEAN and one Plus co-chair\n",
      r.err);
}

TEST(EwgCommandsTest, ReportNeedsAKnownCycle) {
  CliRun r = Cli({"ewg", "report", "--ewg", "PKO", "--cycle", "9"});
  EXPECT_EQ(3, r.code);
  EXPECT_EQ("bluehelmet: cycle PKO 9 is not recorded (see 'bluehelmet ewg cycles --ewg PKO')\n", r.err);
}

}  // namespace
}  // namespace bh
