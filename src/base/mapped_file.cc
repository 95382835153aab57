#include "base/mapped_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "base/sha256.h"

namespace bh {

namespace {
constexpr size_t kChunkBytes = size_t{8} << 20;

size_t PageSize() {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}
}  // namespace

Result<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path, size_t max_bytes) {
  // The same checks and messages as ReadFile.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path, e);
  }
  std::unique_ptr<MappedFile> f(new MappedFile());
  f->fd_ = fd;
  f->path_ = path;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Status::IoError(path, errno);
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(path + ": is a directory");
  if (!S_ISREG(st.st_mode)) {
    return Status::InvalidArgument(path + ": not a regular file (a device, pipe or socket); give a file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return Status::InvalidData(fmt::format("{}: the file is {}; the limit is {}", path,
                                           ByteSizeText(static_cast<uint64_t>(st.st_size)), ByteSizeText(max_bytes)));
  }
  f->size_ = static_cast<size_t>(st.st_size);
  f->mtime_sec_ = st.st_mtim.tv_sec;
  f->mtime_nsec_ = st.st_mtim.tv_nsec;
  if (f->size_ > 0) {
    void* p = ::mmap(nullptr, f->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return Status::IoError(path, errno);
    f->data_ = static_cast<const char*>(p);
    // Read from start to end: the kernel reads ahead.
    (void)::madvise(p, f->size_, MADV_SEQUENTIAL);
  }
  return f;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  if (fd_ >= 0) ::close(fd_);
}

void MappedFile::DropBefore(size_t offset) const {
  if (data_ == nullptr) return;
  size_t end = std::min(offset, size_) / PageSize() * PageSize();
  if (end > 0) (void)::madvise(const_cast<char*>(data_), end, MADV_DONTNEED);
}

std::string MappedFile::Sha256Hex() const {
  Sha256Hasher hasher(size_);
  for (size_t off = 0; off < size_; off += kChunkBytes) {
    size_t n = std::min(kChunkBytes, size_ - off);
    hasher.Update(std::string_view(data_ + off, n));
    DropBefore(off + n);
  }
  return hasher.FinalHex();
}

Status MappedFile::CheckUnchanged() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return Status::IoError(path_, errno);
  if (static_cast<uint64_t>(st.st_size) != size_ || st.st_mtim.tv_sec != mtime_sec_ ||
      st.st_mtim.tv_nsec != mtime_nsec_) {
    return Status::InvalidData(
        fmt::format("{}: the file changed while it was read (size or modification time); import it again", path_));
  }
  return Status::Ok();
}

}  // namespace bh
