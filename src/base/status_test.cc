#include "base/status.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

// A message quoting a field with a line break (or any control character)
// stays one line: the CLI prints it as one line and a table cell holds it.
TEST(StatusTest, MessagesAreOneLine) {
  Status s = Status::InvalidData("t.csv:3: column 'Female_Personnel': not a whole number: '1\n2'");
  EXPECT_EQ("t.csv:3: column 'Female_Personnel': not a whole number: '1\\n2'", s.message());
  EXPECT_EQ("a\\r\\nb\\tc\\x07d\\x7f", Status::Internal("a\r\nb\tc\ad\x7f").message());
  EXPECT_EQ("f: x\\ny", Status::IoError("x\ny").WithPrefix("f").message());
  // UTF-8 passes unchanged.
  EXPECT_EQ("Côte d’Ivoire", Status::NotFound("Côte d’Ivoire").message());
}

// A message quoting bytes that are not UTF-8 (a Latin-1 file name) is
// itself valid UTF-8: those bytes are escaped.
TEST(StatusTest, BytesThatAreNotUtf8AreEscaped) {
  EXPECT_EQ("bad\\xff.csv: no such file", Status::NotFound("bad\xff.csv: no such file").message());
  EXPECT_EQ("caf\\xe9 and caf\xc3\xa9", Status::InvalidData("caf\xe9 and caf\xc3\xa9").message());
  EXPECT_EQ("\\xc3", Status::InvalidData("\xc3").message());  // cut short
}

TEST(StatusTest, CodesAndExitCodes) {
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(1, ExitCode(Status::InvalidData("x")));
  EXPECT_EQ(3, ExitCode(Status::NotFound("x")));
  EXPECT_EQ("invalid_data: x", Status::InvalidData("x").ToString());
}

}  // namespace
}  // namespace bh
