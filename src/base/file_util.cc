#include "base/file_util.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace bh {

std::string ByteSizeText(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1 << 30));
  if (bytes >= (uint64_t{1} << 20)) return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} bytes", bytes);
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path, e);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Status::IoError(path, e);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + ": is a directory");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + ": not a regular file (a device, pipe or socket); give a file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Status::InvalidData(fmt::format("{}: the file is {}; the limit is {}", path,
                                           ByteSizeText(static_cast<uint64_t>(st.st_size)), ByteSizeText(max_bytes)));
  }
  std::string data;
  if (st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      return Status::IoError(path, e);
    }
    if (n == 0) break;
    if (data.size() + static_cast<size_t>(n) > max_bytes) {  // it grew while being read
      ::close(fd);
      return Status::InvalidData(
          fmt::format("{}: the file is larger than the limit of {}", path, ByteSizeText(max_bytes)));
    }
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

Status WriteFile(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError(path, errno);
  size_t n = std::fwrite(data.data(), 1, data.size(), f);
  int e = errno;
  if (std::fclose(f) != 0 || n != data.size()) {
    std::remove(tmp.c_str());
    return Status::IoError(path, e ? e : EIO);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    e = errno;
    std::remove(tmp.c_str());
    return Status::IoError(path, e);
  }
  return Status::Ok();
}

std::string BaseName(std::string_view path) {
  size_t pos = path.find_last_of('/');
  return std::string(pos == std::string_view::npos ? path : path.substr(pos + 1));
}

bool IsGzip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

Result<std::string> Gunzip(std::string_view gz, const std::string& name, size_t max_bytes) {
  z_stream z{};
  // 16 + MAX_WBITS: a gzip header and trailer (CRC-32 and length checked).
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Status::Internal(name + ": zlib would not start");
  std::string out;
  char buf[1 << 16];
  size_t pos = 0;
  int rc = Z_OK;
  for (;;) {
    if (z.avail_in == 0 && pos < gz.size()) {
      size_t n = std::min<size_t>(gz.size() - pos, 1u << 30);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data() + pos));
      z.avail_in = static_cast<uInt>(n);
      pos += n;
    }
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&z);
      return Status::InvalidData(fmt::format("{}: holds more than {} uncompressed", name, ByteSizeText(max_bytes)));
    }
    if (rc == Z_STREAM_END) {
      // Another member may follow (gzip files may be concatenated).
      if (z.avail_in == 0 && pos >= gz.size()) break;
      if (inflateReset(&z) != Z_OK) break;
      continue;
    }
    if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_in == 0 && pos < gz.size())) {
      std::string why = z.msg ? z.msg : (rc == Z_BUF_ERROR ? "cut short" : fmt::format("zlib error {}", rc));
      inflateEnd(&z);
      return Status::InvalidData(fmt::format("{}: not a valid gzip stream ({})", name, why));
    }
  }
  inflateEnd(&z);
  return out;
}

Result<std::string> Gzip(std::string_view data, int level) {
  if (data.size() >= (uint64_t{1} << 32)) return Status::Internal("gzip: input of 4 GiB or more");
  z_stream z{};
  // 16 + MAX_WBITS: a gzip header and trailer; memLevel 8 is zlib's default.
  if (deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal(fmt::format("gzip: zlib would not start at level {}", level));
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  // deflateBound's room takes the whole stream in one call.
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Internal(fmt::format("gzip: zlib error {}", rc));
  return out;
}

}  // namespace bh
