#include "ingest/printed_source.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "base/csv.h"
#include "base/file_util.h"
#include "base/mutex.h"
#include "base/strings.h"

namespace bh {
namespace {

// What says a file is the one that was hashed (printed_source.h).
struct FileIdentity {
  uint64_t dev = 0, ino = 0, size = 0;
  int64_t mtime_sec = 0, mtime_nsec = 0, ctime_sec = 0, ctime_nsec = 0;
  bool operator==(const FileIdentity&) const = default;
};

FileIdentity IdentityOf(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_dev),
          static_cast<uint64_t>(st.st_ino),
          static_cast<uint64_t>(st.st_size),
          st.st_mtim.tv_sec,
          st.st_mtim.tv_nsec,
          st.st_ctim.tv_sec,
          st.st_ctim.tv_nsec};
}

// The identity of `path` now; NotFound/IoError as ReadFile words them.
Result<FileIdentity> StatPath(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path, e);
  }
  return IdentityOf(st);
}

// Whether both times of `id` lie kSettledSeconds or more before `now`.
bool Settled(const FileIdentity& id, const timespec& now) {
  auto before = [&](int64_t sec, int64_t nsec) {
    return sec + kSettledSeconds < now.tv_sec || (sec + kSettledSeconds == now.tv_sec && nsec <= now.tv_nsec);
  };
  return before(id.mtime_sec, id.mtime_nsec) && before(id.ctime_sec, id.ctime_nsec);
}

struct Verified {
  FileIdentity id;
  std::vector<uint64_t> line_starts;  // where line 1 + k * kLineStride begins
};

class VerifiedFiles {
 public:
  std::optional<Verified> Find(const std::string& path, const std::string& sha256, const FileIdentity& id)
      EXCLUDES(mu_) {
    MutexLock lock(&mu_);
    auto it = files_.find({path, sha256});
    if (it == files_.end() || !(it->second.id == id)) return std::nullopt;
    return it->second;
  }
  void Keep(const std::string& path, const std::string& sha256, Verified v) EXCLUDES(mu_) {
    MutexLock lock(&mu_);
    if (files_.size() >= kMaxVerifiedFiles && !files_.count({path, sha256})) files_.erase(files_.begin());
    files_[{path, sha256}] = std::move(v);
  }

 private:
  Mutex mu_;
  std::map<std::pair<std::string, std::string>, Verified> files_ GUARDED_BY(mu_);
};

VerifiedFiles& Remembered() {
  static VerifiedFiles* files = new VerifiedFiles();
  return *files;
}

std::vector<uint64_t> LineStarts(std::string_view data) {
  std::vector<uint64_t> out{0};
  int64_t line = 1;
  for (size_t pos = 0;;) {
    const void* nl = std::memchr(data.data() + pos, '\n', data.size() - pos);
    if (nl == nullptr) break;
    pos = static_cast<size_t>(static_cast<const char*>(nl) - data.data()) + 1;
    if (++line % kLineStride == 1) out.push_back(pos);
  }
  return out;
}

}  // namespace

Result<std::string> ReadImportedFile(const std::string& path, const std::string& sha256) {
  if (path.empty()) return Status::NotFound("no path stored for this import");
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  BH_ASSIGN_OR_RETURN(FileIdentity before, StatPath(path));
  BH_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  Result<FileIdentity> after = StatPath(path);
  const bool steady = after.ok() && *after == before && bytes.size() == before.size;
  if (steady && Remembered().Find(path, sha256, before)) return bytes;
  std::string digest = Sha256Hex(bytes);
  if (digest != sha256) {
    return Status::InvalidData(fmt::format("{}: changed since import (SHA-256 now {}…, imported {}…)", path,
                                           digest.substr(0, 12), sha256.substr(0, 12)));
  }
  if (steady && Settled(before, now)) Remembered().Keep(path, sha256, {before, LineStarts(bytes)});
  return bytes;
}

bool ImportedFileIsRemembered(const std::string& path, const std::string& sha256) {
  Result<FileIdentity> id = StatPath(path);
  return id.ok() && Remembered().Find(path, sha256, *id).has_value();
}

namespace {

// Walks physical lines forward: the offset where 1-based line `line` begins
// (lines end with LF), or data.size() past the last line. REQUIRES: calls
// with non-decreasing lines.
class LineCursor {
 public:
  explicit LineCursor(std::string_view data) : data_(data) {}
  size_t Start(int line) {
    while (line_ < line && pos_ < data_.size()) {
      const void* nl = std::memchr(data_.data() + pos_, '\n', data_.size() - pos_);
      pos_ = nl == nullptr ? data_.size() : static_cast<size_t>(static_cast<const char*>(nl) - data_.data()) + 1;
      ++line_;
    }
    return line_ < line ? data_.size() : pos_;
  }

 private:
  std::string_view data_;
  int line_ = 1;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Result<std::string>> CsvRecordsAt(std::string_view data, const std::string& name,
                                              const std::vector<int>& lines) {
  std::set<int> wanted(lines.begin(), lines.end());
  std::map<int, std::string> found;
  CsvReader reader(data, name);
  LineCursor cursor(data);
  std::vector<std::string_view> fields;
  // A record runs from its first line to where the next record begins
  // (blank lines between are trimmed below), or to the end of the file.
  int open = 0;  // a wanted record whose end is not known yet
  size_t open_begin = 0;
  auto close = [&](size_t end) {
    std::string_view text = data.substr(open_begin, end - open_begin);
    if (open == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    found[open] = std::string(text);
    open = 0;
  };
  while (!wanted.empty() || open != 0) {
    if (!reader.Next(&fields)) break;
    const int line = reader.line();
    if (open != 0) close(cursor.Start(line));
    if (wanted.erase(line)) {
      open = line;
      open_begin = cursor.Start(line);
    }
    // Lines passed without a record beginning on them stay unanswered.
    while (!wanted.empty() && *wanted.begin() < line) wanted.erase(wanted.begin());
  }
  if (open != 0 && reader.status().ok()) close(data.size());
  std::vector<Result<std::string>> out;
  out.reserve(lines.size());
  for (int line : lines) {
    auto it = found.find(line);
    if (it != found.end()) {
      out.emplace_back(it->second);
    } else if (!reader.status().ok()) {
      out.emplace_back(reader.status());
    } else {
      out.emplace_back(Status::NotFound(fmt::format("{}:{}: no record begins on this line", name, line)));
    }
  }
  return out;
}

Result<std::string> CsvRecordAt(std::string_view data, const std::string& name, int line) {
  return std::move(CsvRecordsAt(data, name, {line})[0]);
}

namespace {

// The bytes [offset, offset + n) of `fd`, fewer at the end of the file.
Result<std::string> ReadAt(int fd, const std::string& path, uint64_t offset, size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd, out.data() + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return Status::IoError(path, errno);
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  out.resize(got);
  return out;
}

// The record beginning on `line` of a verified file, read from the nearest
// line start before it, or nullopt when the answer needs the whole file (a
// line past the end, no record beginning there, a record longer than the
// largest window): the caller then reads it all, with CsvRecordsAt's
// messages.
Result<std::optional<std::string>> RecordFromLineStart(int fd, const Verified& v, const std::string& path,
                                                       const std::string& name, int line) {
  constexpr size_t kFirstWindow = 256u << 10, kLastWindow = 16u << 20;
  const size_t k = static_cast<size_t>(line - 1) / kLineStride;
  if (line < 1 || k >= v.line_starts.size()) return std::optional<std::string>();
  const uint64_t base = v.line_starts[k];
  for (size_t window = kFirstWindow; window <= kLastWindow; window *= 4) {
    BH_ASSIGN_OR_RETURN(std::string buf, ReadAt(fd, path, base, window));
    const bool at_end = base + buf.size() >= v.id.size;
    // Forward to the line.
    size_t pos = 0;
    bool reached = true;
    for (int at = static_cast<int>(1 + k * kLineStride); at < line; ++at) {
      const void* nl = std::memchr(buf.data() + pos, '\n', buf.size() - pos);
      if (nl == nullptr) {
        reached = false;
        break;
      }
      pos = static_cast<size_t>(static_cast<const char*>(nl) - buf.data()) + 1;
    }
    if (!reached) {
      if (at_end) return std::optional<std::string>();
      continue;
    }
    std::string_view rest = std::string_view(buf).substr(pos);
    CsvReader reader(rest, name);
    std::vector<std::string_view> fields;
    if (!reader.Next(&fields) || reader.line() != 1) {
      if (at_end || !reader.status().ok()) {
        if (at_end) return std::optional<std::string>();
        continue;  // a record cut by the window
      }
      return std::optional<std::string>();  // a blank line: no record begins here
    }
    size_t end = rest.size();
    if (reader.Next(&fields)) {
      LineCursor cursor(rest);
      end = cursor.Start(reader.line());
    } else if (!at_end) {
      continue;  // where the record ends lies past the window
    } else if (!reader.status().ok()) {
      return std::optional<std::string>();
    }
    std::string_view text = rest.substr(0, end);
    if (line == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    return std::optional<std::string>(std::string(text));
  }
  return std::optional<std::string>();
}

}  // namespace

Result<std::vector<Result<std::string>>> ImportedCsvRecordsAt(const std::string& path, const std::string& sha256,
                                                              const std::string& name, const std::vector<int>& lines,
                                                              bool* from_line_starts) {
  if (from_line_starts) *from_line_starts = false;
  if (path.empty()) return Status::NotFound("no path stored for this import");
  BH_ASSIGN_OR_RETURN(FileIdentity before, StatPath(path));
  if (std::optional<Verified> v = Remembered().Find(path, sha256, before)) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      std::vector<Result<std::string>> out;
      bool whole = true;
      for (int line : lines) {
        Result<std::optional<std::string>> r = RecordFromLineStart(fd, *v, path, name, line);
        if (!r.ok() || !r->has_value()) {
          whole = false;
          break;
        }
        out.emplace_back(std::move(**r));
      }
      struct stat st {};
      const bool same = ::fstat(fd, &st) == 0 && IdentityOf(st) == before;
      ::close(fd);
      if (whole && same) {
        if (from_line_starts) *from_line_starts = true;
        return out;
      }
    }
  }
  BH_ASSIGN_OR_RETURN(std::string bytes, ReadImportedFile(path, sha256));
  return CsvRecordsAt(bytes, name, lines);
}

}  // namespace bh
