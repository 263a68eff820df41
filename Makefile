# The two commands a new user needs: `make run` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
DATA ?= ./data

FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600

.PHONY: deps build run test test-release test-asan tsan fuzz-build fuzz-smoke bench fuzz clean

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DORDERTRACK_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

run: build
	./$(BUILD)/ordertrack serve --data $(DATA)

test: test-release test-asan fuzz-smoke

test-release: build
	scripts/check_layering.sh
	scripts/install-redocly
	.cache/redocly/node_modules/.bin/redocly lint --extends recommended docs/openapi.json
	scripts/install-dynalite
	scripts/install-dynamodb-local
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 300

# A second build with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DORDERTRACK_SANITIZE=ON \
	  -DORDERTRACK_BENCH=OFF -DORDERTRACK_WERROR=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	scripts/install-dynalite
	scripts/install-dynamodb-local
	cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600

# The concurrent tests under ThreadSanitizer: not part of `make test` (a
# third full build), for changes to locking and group commit.
TSAN_BUILD ?= build-tsan
TSAN_TESTS ?= WriteGroup|Concurrent|Deadlock|Backfill|Transact
tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORDERTRACK_SANITIZE_THREAD=ON \
	  -DORDERTRACK_BENCH=OFF >/dev/null
	@cmake --build $(TSAN_BUILD) -j$(JOBS) --target engine_test
	cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/scripts/tsan.supp" \
	  ctest --output-on-failure -j$(JOBS) --timeout 600 -R '$(TSAN_TESTS)'

# The expression parser under libFuzzer (clang, ASan, UBSan): briefly in
# `make test`, for FUZZ_SECONDS with `make fuzz`. The same clang build
# compiles the libraries whose locking clang's -Wthread-safety checks.
THREAD_SAFETY_CHECKED = ordertrack_access ordertrack_engine ordertrack_http ordertrack_client ordertrack_server
FUZZER = $(FUZZ_BUILD)/fuzz/expression_fuzzer -max_len=4200 -rss_limit_mb=2048 $(FUZZ_BUILD)/corpus

fuzz-build: deps
	@CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORDERTRACK_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target expression_fuzzer $(THREAD_SAFETY_CHECKED)
	@mkdir -p $(FUZZ_BUILD)/corpus

fuzz-smoke: fuzz-build
	$(FUZZER) -max_total_time=30

fuzz: fuzz-build
	$(FUZZER) -max_total_time=$(FUZZ_SECONDS)

bench: build
	scripts/run-benchmarks $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
