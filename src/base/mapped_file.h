// MappedFile: a regular file mapped read-only, for reading a large file from
// start to end without holding all of it in memory (issue 16: the 227 MB
// benchmark CSV, read whole into memory, was most of the import's peak).
//
// Pages are read from the file when first touched. DropBefore(n) gives back
// the pages that lie wholly before byte n: they leave the process's resident
// memory, and are read again from the file (the kernel's page cache) if they
// are touched again, so dropping too early costs time, never correctness.
//
// The file must not change while it is read. CheckUnchanged() says whether
// its size and modification time are still those seen at Open: the importer
// refuses a file that changed while it was read, as it could not say which
// bytes the recorded SHA-256 describes. A file cut short while mapped raises
// SIGBUS when a page past its new end is read, wherever that happens (the
// parser, the hash, the UTF-8 check): by default that ends the process with
// the signal. A program that calls ExitOnTruncation() (the CLI's main) ends
// instead with one line and its exit code; nothing is committed then (the
// import's transaction never completes).
//
// Thread safety: bytes(), DropBefore() and Sha256Hex() may be called from
// any thread at once.
#ifndef BLUEHELMET_BASE_MAPPED_FILE_H_
#define BLUEHELMET_BASE_MAPPED_FILE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/file_util.h"
#include "base/result.h"

namespace bh {

class MappedFile {
 public:
  // The errors of ReadFile, with its messages: NotFound when the file does
  // not exist, InvalidArgument for a directory or anything that is not a
  // regular file, InvalidData when it holds more than `max_bytes`, IoError
  // otherwise.
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path, size_t max_bytes = kMaxReadBytes);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // The file's bytes as they were at Open (empty for an empty file).
  std::string_view bytes() const { return {data_, size_}; }

  // The bytes before `offset` are not needed soon: their whole pages leave
  // resident memory.
  void DropBefore(size_t offset) const;

  // The SHA-256 of the bytes (as Sha256Hex), read a chunk at a time, each
  // chunk dropped once hashed.
  std::string Sha256Hex() const;

  // InvalidData "PATH: the file changed while it was read (size or
  // modification time); import it again" when it did; IoError when it can
  // no longer be examined.
  Status CheckUnchanged() const;

  // For the rest of the process: a SIGBUS at an address inside a file a
  // MappedFile maps (it was cut short while mapped) writes
  // "<prefix>PATH: the file was cut short while it was read; nothing of it
  // was imported; import it again" and a newline on stderr and ends the
  // process with `exit_code` (_exit: no destructor runs, so no transaction
  // commits). Any other SIGBUS goes to the handler that was there before,
  // or ends the process as before. Files mapped before the call are covered
  // too; up to 32 mapped at once are (more are left to the default).
  // Call once, early, from main: a handler that ends the process is the
  // program's decision, not the library's.
  static void ExitOnTruncation(int exit_code, std::string_view prefix);

 private:
  MappedFile() = default;
  int guard_slot_ = -1;  // the slot ExitOnTruncation's handler reads, or -1
  std::string path_;
  int fd_ = -1;
  const char* data_ = nullptr;
  size_t size_ = 0;
  long mtime_sec_ = 0, mtime_nsec_ = 0;
};

}  // namespace bh

#endif  // BLUEHELMET_BASE_MAPPED_FILE_H_
