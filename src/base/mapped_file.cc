#include "base/mapped_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>

#include "base/sha256.h"

namespace bh {

namespace {
constexpr size_t kChunkBytes = size_t{8} << 20;

size_t PageSize() {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

// What the SIGBUS handler reads: only lock-free atomics and bytes written
// before the slot is published (the handler may run on any thread, at any
// point, and may call only async-signal-safe functions: write, _exit).
struct GuardSlot {
  std::atomic<bool> taken{false};
  std::atomic<uintptr_t> begin{0}, end{0};  // published last (release)
  char message[4200];
  size_t length = 0;
};
constexpr int kGuardSlots = 32;
GuardSlot g_slots[kGuardSlots];
std::atomic<bool> g_guarding{false};
int g_exit_code = 1;
char g_prefix[64];
struct sigaction g_previous;

void OnSigbus(int sig, siginfo_t* info, void* context) {
  const auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
  for (GuardSlot& slot : g_slots) {
    const uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    if (begin != 0 && addr >= begin && addr < slot.end.load(std::memory_order_acquire)) {
      for (size_t done = 0; done < slot.length;) {
        ssize_t n = ::write(STDERR_FILENO, slot.message + done, slot.length - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
      }
      ::_exit(g_exit_code);
    }
  }
  // Not a mapped file's page: as before this handler.
  if ((g_previous.sa_flags & SA_SIGINFO) != 0 && g_previous.sa_sigaction != nullptr) {
    g_previous.sa_sigaction(sig, info, context);
    return;
  }
  if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN && g_previous.sa_handler != nullptr) {
    g_previous.sa_handler(sig);
    return;
  }
  // The default action: delivered when this handler returns (SIGBUS is
  // blocked while it runs), for a fault and for a signal sent alike.
  ::signal(SIGBUS, SIG_DFL);
  ::raise(SIGBUS);
}

// Takes a free slot for [data, data + size) and the file's message; -1 when
// none is free or the handler is not installed.
int Guard(const char* data, size_t size, const std::string& path) {
  if (!g_guarding.load(std::memory_order_acquire) || data == nullptr) return -1;
  for (int i = 0; i < kGuardSlots; ++i) {
    GuardSlot& slot = g_slots[i];
    bool expected = false;
    if (!slot.taken.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) continue;
    std::string text = fmt::format(
        "{}{}: the file was cut short while it was read; nothing of it was imported; "
        "import it again\n",
        g_prefix, path);
    if (text.size() > sizeof slot.message) {
      text = fmt::format(
          "{}the file being imported was cut short while it was read; nothing of it was imported; "
          "import it again\n",
          g_prefix);
    }
    std::memcpy(slot.message, text.data(), text.size());
    slot.length = text.size();
    slot.end.store(reinterpret_cast<uintptr_t>(data) + size, std::memory_order_release);
    slot.begin.store(reinterpret_cast<uintptr_t>(data), std::memory_order_release);
    return i;
  }
  return -1;
}

void Unguard(int i) {
  if (i < 0) return;
  g_slots[i].begin.store(0, std::memory_order_release);
  g_slots[i].end.store(0, std::memory_order_release);
  g_slots[i].taken.store(false, std::memory_order_release);
}

}  // namespace

void MappedFile::ExitOnTruncation(int exit_code, std::string_view prefix) {
  if (g_guarding.load(std::memory_order_acquire)) return;
  g_exit_code = exit_code;
  const size_t n = std::min(prefix.size(), sizeof g_prefix - 1);
  std::memcpy(g_prefix, prefix.data(), n);
  g_prefix[n] = '\0';
  struct sigaction action {};
  action.sa_sigaction = OnSigbus;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  // The previous action is read first, so the handler never sees it half set.
  if (::sigaction(SIGBUS, nullptr, &g_previous) != 0 || ::sigaction(SIGBUS, &action, nullptr) != 0) return;
  g_guarding.store(true, std::memory_order_release);
}

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
    f->guard_slot_ = Guard(f->data_, f->size_, path);
  }
  return f;
}

MappedFile::~MappedFile() {
  Unguard(guard_slot_);
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
