# Strata's entry points. `make demo` and `make test` are the README's Quick start.
SWIFT ?= swift
STRATA = .build/debug/strata
DEMO_STORE ?= $(CURDIR)/.build/demo-store

.PHONY: build test demo bench fuzz clean

build:
	$(SWIFT) build

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	@Scripts/demo "$(STRATA)" "$(DEMO_STORE)"

bench:
	$(SWIFT) build -c release --product strata-bench
	.build/release/strata-bench

# libFuzzer runs of the parser and expander (FUZZ_SECONDS per target, default 600).
fuzz:
	Scripts/fuzz

clean:
	rm -rf .build
