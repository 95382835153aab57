// SHA-256, the digest that identifies every imported file (provenance) and
// the shipped errata.
//
// Two engines give the same digest: OpenSSL's (libcrypto), which uses the
// CPU's SHA extensions (~20x faster than portable code on a 227 MB file,
// issue 7), and libsodium's (portable, already linked). libcrypto is not
// linked: it is loaded on the first hash that wants it, because mapping it
// costs a process about as much as a whole query (issue 16, goal 5). So
// inputs below kSha256OpenSslFrom, and every input when libcrypto cannot be
// loaded, use libsodium. Measured here (issue 16): libsodium hashes at about
// 180 MB/s, OpenSSL at about 1.2 GB/s, and loading libcrypto costs about
// 2 ms, so OpenSSL pays for itself from about 400 KB; once it is loaded,
// every later hash in the process uses it.
//
// Thread safety: Sha256Hex and Sha256HardwareAvailable are thread-safe; a
// Sha256Hasher is used by one thread at a time.
#ifndef BLUEHELMET_BASE_SHA256_H_
#define BLUEHELMET_BASE_SHA256_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace bh {

enum class Sha256Engine { kAuto, kSodium, kOpenSsl };
inline constexpr size_t kSha256OpenSslFrom = 256u << 10;

// True when OpenSSL's SHA-256 can be loaded (Debian 12: libcrypto.so.3).
bool Sha256HardwareAvailable();

// An incremental SHA-256. kAuto picks OpenSSL when libcrypto is already
// loaded, or when `expected_bytes` is at least kSha256OpenSslFrom and
// libcrypto loads; else libsodium. kOpenSsl
// falls back to libsodium when libcrypto does not load.
class Sha256Hasher {
 public:
  explicit Sha256Hasher(size_t expected_bytes, Sha256Engine engine = Sha256Engine::kAuto);
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::string_view bytes);
  // The digest as lower-case hex. REQUIRES: called once, last.
  std::string FinalHex();
  // Which engine this hasher uses (kSodium or kOpenSsl).
  Sha256Engine engine() const { return engine_; }

 private:
  struct State;
  Sha256Engine engine_;
  std::unique_ptr<State> state_;
};

// Lower-case hex SHA-256 of `bytes`, as a Sha256Hasher of bytes.size().
std::string Sha256Hex(std::string_view bytes, Sha256Engine engine = Sha256Engine::kAuto);

}  // namespace bh

#endif  // BLUEHELMET_BASE_SHA256_H_
