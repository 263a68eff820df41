// What a REST request's key costs the server (issue 14): Authenticate on a
// cached key, on one thread and on two at once (the server's workers share
// the cache), against the open server's KeysRequired() alone.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "access/authenticator.h"
#include "engine/embedded_dynamodb.h"

namespace {

using namespace ordertrack;

struct Keys {
  Keys() {
    dir = std::filesystem::temp_directory_path() / ("access-bench-" + std::to_string(getpid()));
    db = std::move(engine::EmbeddedDynamoDb::Open(dir.string())).value();
    store = std::make_unique<access::KeyStore>(*db);
    auth = std::make_unique<access::Authenticator>(*store);
    header = "Bearer " + auth->Create("frontend", access::Role::kWriter)->token;
  }
  ~Keys() {
    auth.reset();
    store.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
  std::unique_ptr<engine::EmbeddedDynamoDb> db;
  std::unique_ptr<access::KeyStore> store;
  std::unique_ptr<access::Authenticator> auth;
  std::string header;
};

Keys& Shared() {
  static Keys keys;
  return keys;
}

void BM_AuthenticateCachedKey(benchmark::State& state) {
  Keys& keys = Shared();
  for (auto _ : state) {
    auto caller = keys.auth->Authenticate(keys.header);
    if (!caller.ok() || caller->verdict != access::Verdict::kAccepted)
      state.SkipWithError("refused");
    benchmark::DoNotOptimize(caller);
  }
}
BENCHMARK(BM_AuthenticateCachedKey)->Threads(1)->Threads(2)->UseRealTime();

void BM_DigestOfSecret(benchmark::State& state) {
  const std::string secret(access::kSecretLength, 'a');
  for (auto _ : state) benchmark::DoNotOptimize(access::DigestOf(secret));
}
BENCHMARK(BM_DigestOfSecret)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
