#include "base/sha256.h"

#include <dlfcn.h>
#include <sodium.h>

#include <array>
#include <atomic>

namespace bh {
namespace {

// The few libcrypto functions used, resolved once (null: not loadable).
struct OpenSsl {
  void* (*ctx_new)() = nullptr;
  void (*ctx_free)(void*) = nullptr;
  const void* (*sha256)() = nullptr;
  int (*init)(void*, const void*, void*) = nullptr;
  int (*update)(void*, const void*, size_t) = nullptr;
  int (*final)(void*, unsigned char*, unsigned int*) = nullptr;
};

std::atomic<bool> g_openssl_loaded{false};

const OpenSsl* LoadOpenSsl() {
  static const OpenSsl* loaded = []() -> const OpenSsl* {
    void* lib = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return nullptr;
    static OpenSsl f;
    f.ctx_new = reinterpret_cast<void* (*)()>(dlsym(lib, "EVP_MD_CTX_new"));
    f.ctx_free = reinterpret_cast<void (*)(void*)>(dlsym(lib, "EVP_MD_CTX_free"));
    f.sha256 = reinterpret_cast<const void* (*)()>(dlsym(lib, "EVP_sha256"));
    f.init = reinterpret_cast<int (*)(void*, const void*, void*)>(dlsym(lib, "EVP_DigestInit_ex"));
    f.update = reinterpret_cast<int (*)(void*, const void*, size_t)>(dlsym(lib, "EVP_DigestUpdate"));
    f.final = reinterpret_cast<int (*)(void*, unsigned char*, unsigned int*)>(dlsym(lib, "EVP_DigestFinal_ex"));
    if (!f.ctx_new || !f.ctx_free || !f.sha256 || !f.init || !f.update || !f.final) return nullptr;
    g_openssl_loaded.store(true, std::memory_order_release);
    return &f;
  }();
  return loaded;
}

std::string Hex(const unsigned char* digest, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace

struct Sha256Hasher::State {
  const OpenSsl* openssl = nullptr;
  void* ctx = nullptr;  // EVP_MD_CTX
  crypto_hash_sha256_state sodium{};
};

bool Sha256HardwareAvailable() { return LoadOpenSsl() != nullptr; }

Sha256Hasher::Sha256Hasher(size_t expected_bytes, Sha256Engine engine) : state_(std::make_unique<State>()) {
  const bool want_openssl = engine == Sha256Engine::kOpenSsl ||
                            (engine == Sha256Engine::kAuto && (expected_bytes >= kSha256OpenSslFrom ||
                                                               g_openssl_loaded.load(std::memory_order_acquire)));
  if (want_openssl) {
    if (const OpenSsl* o = LoadOpenSsl()) {
      state_->ctx = o->ctx_new();
      if (state_->ctx && o->init(state_->ctx, o->sha256(), nullptr) == 1) {
        state_->openssl = o;
      } else if (state_->ctx) {
        o->ctx_free(state_->ctx);
        state_->ctx = nullptr;
      }
    }
  }
  engine_ = state_->openssl ? Sha256Engine::kOpenSsl : Sha256Engine::kSodium;
  if (!state_->openssl) crypto_hash_sha256_init(&state_->sodium);
}

Sha256Hasher::~Sha256Hasher() {
  if (state_->openssl && state_->ctx) state_->openssl->ctx_free(state_->ctx);
}

void Sha256Hasher::Update(std::string_view bytes) {
  if (state_->openssl) {
    state_->openssl->update(state_->ctx, bytes.data(), bytes.size());
  } else {
    crypto_hash_sha256_update(&state_->sodium, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }
}

std::string Sha256Hasher::FinalHex() {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  if (state_->openssl) {
    unsigned int length = 0;
    state_->openssl->final(state_->ctx, digest.data(), &length);
  } else {
    crypto_hash_sha256_final(&state_->sodium, digest.data());
  }
  return Hex(digest.data(), digest.size());
}

std::string Sha256Hex(std::string_view bytes, Sha256Engine engine) {
  Sha256Hasher h(bytes.size(), engine);
  h.Update(bytes);
  return h.FinalHex();
}

}  // namespace bh
