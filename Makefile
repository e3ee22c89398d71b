# beat: build the library and the commands, run the tests, install.
# A fresh checkout needs only `make`: it installs missing packages through
# tools/deps.sh and runs autoreconf and configure itself.

O = build
BIN = bin
PREFIX = /usr/local
DESTDIR =
CFLAGS =
LDFLAGS =
WARN = -Wall -Wextra -Wformat=2 -Werror=format-security -Wno-unused-parameter

NOCONF_GOALS = deps clean distclean
ifneq ($(filter-out $(NOCONF_GOALS),$(or $(MAKECMDGOALS),all)),)
include config.mk
endif

CMDS = $(sort $(basename $(notdir $(wildcard src/*.c))))
LIBSRC = $(sort $(wildcard lib/*.c))
LIBOBJ = $(LIBSRC:lib/%.c=$(O)/lib/%.o) $(O)/lib/embed.o
UNITS = $(sort $(basename $(notdir $(wildcard tests/unit/*.c))))
EMBED = $(sort $(wildcard share/sql/*.sql share/data/*.csv))
MANS = $(sort $(wildcard share/man/man*/*.[157]))
LANGS = $(basename $(notdir $(wildcard share/po/*.po)))

ALL_CPPFLAGS = -Ilib -D_GNU_SOURCE -DBEAT_VERSION='"$(VERSION)"' \
	-DBEAT_LOCALEDIR='"$(PREFIX)/share/locale"' $(CONF_CPPFLAGS)
ALL_CFLAGS = -std=gnu11 $(CONF_CFLAGS) $(WARN) $(CFLAGS)
ALL_LDFLAGS = $(CONF_LDFLAGS) $(LDFLAGS)

all: $(CMDS:%=$(BIN)/%) $(LANGS:%=$(O)/locale/%/LC_MESSAGES/beat.mo)

$(BIN)/%: $(O)/src/%.o $(O)/libbeat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(O)/libbeat.a $(CONF_LIBS)

$(O)/src/%.o: src/%.c lib/beat.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/lib/%.o: lib/%.c lib/beat.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/lib/embed.c: tools/embed.sh $(EMBED)
	@mkdir -p $(@D)
	sh tools/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(O)/lib/embed.o: $(O)/lib/embed.c lib/beat.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/libbeat.a: $(LIBOBJ)
	rm -f $@
	$(AR) rc $@ $(LIBOBJ)
	$(RANLIB) $@

$(O)/unit/%: tests/unit/%.c tests/unit/tap.h $(O)/libbeat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(O)/libbeat.a $(CONF_LIBS)

$(O)/locale/%/LC_MESSAGES/beat.mo: share/po/%.po
	@mkdir -p $(@D)
	$(MSGFMT) -c -o $@ $<

# Configuration: make it when missing, after the packages are there.
# Flags given to make are for our compile lines, not for configure's probes.
config.mk: configure config.mk.in | have-deps
	env -u CFLAGS -u LDFLAGS ./configure
configure: configure.ac VERSION | have-deps
	autoreconf -i

have-deps:
	@sh tools/deps.sh --check || sh tools/deps.sh

deps:
	sh tools/deps.sh

check: all $(UNITS:%=$(O)/unit/%) | have-deps
	BEAT_BIN=$(BIN) sh tools/check-docs.sh $(CMDS)
	BEAT_BIN=$(abspath $(BIN)) BEAT_TOP=$(CURDIR) BEAT_LOCALE=$(abspath $(O)/locale) \
		prove -f -e '' $(UNITS:%=$(O)/unit/%) tests/*.t < /dev/null

SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# Leaks at exit are not defects of a short-lived command; memory errors are.
check-asan: export ASAN_OPTIONS = detect_leaks=0
check-asan: export UBSAN_OPTIONS = print_stacktrace=1
check-asan:
	$(MAKE) O=build-asan BIN=build-asan/bin CFLAGS='-O1 -g $(SANITIZE)' \
		LDFLAGS='$(SANITIZE)' check

# Fuzzing (not part of check): clang's libFuzzer with ASan and UBSan over
# the CSV reader and the parsers, each for FUZZ_TIME seconds; what it
# finds is left as build-fuzz/crash-* to be replayed by the fuzzer binary.
FUZZERS = $(sort $(basename $(notdir $(wildcard tests/fuzz/*.c))))
FUZZ_TIME = 20
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang: apt-get install clang" >&2; exit 1; }
	$(MAKE) O=build-fuzz BIN=build-fuzz/bin CC=clang \
		CFLAGS='-g -O1 -DBEAT_CSV_CHUNK=16 -fsanitize=fuzzer-no-link $(FUZZ_SAN)' fuzzers
	@for f in $(FUZZERS); do \
		mkdir -p build-fuzz/corpus/$$f && echo "== fuzz $$f: $(FUZZ_TIME)s" && \
		build-fuzz/fuzz/$$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		    -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$f tests/fuzz/seeds/$$f \
		    || exit 1; \
	done

fuzzers: $(FUZZERS:%=$(O)/fuzz/%)

$(O)/fuzz/%: tests/fuzz/%.c $(O)/libbeat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(O)/libbeat.a $(CONF_LIBS)

# Benchmarks (not part of check): the side-by-side table of tools/bench.sh,
# written to tests/bench/RESULTS.md.  BENCH_ROWS=3000000, BENCH_BIG=1 (3M
# and 10M), BENCH_REPS, BENCH_ONLY="import startup": see tools/bench.sh.
BENCHES = $(sort $(basename $(notdir $(wildcard tests/bench/*.c))))
bench: all $(BENCHES:%=$(O)/bench/%)
	BEAT_BIN=$(abspath $(BIN)) BEAT_BENCH=$(abspath $(O)/bench) sh tools/bench.sh

$(O)/bench/%: tests/bench/%.c $(O)/libbeat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(O)/libbeat.a $(CONF_LIBS)

demo: all
	BEAT_BIN=$(abspath $(BIN)) sh share/demo/demo.sh

# Messages for translators: `make po` refreshes the template and catalogues.
po:
	xgettext --from-code=UTF-8 -k_ -kN_ --package-name=beat \
		--package-version=$(VERSION) -o share/po/beat.pot $(sort $(wildcard src/*.c lib/*.c))
	for l in $(LANGS); do msgmerge -q -U --backup=none share/po/$$l.po share/po/beat.pot || exit 1; done

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/beat/data \
		$(DESTDIR)$(PREFIX)/share/doc/beat/examples
	cp $(CMDS:%=$(BIN)/%) $(DESTDIR)$(PREFIX)/bin/
	for m in $(MANS); do d=$(DESTDIR)$(PREFIX)/share/man/$$(basename $$(dirname $$m)); \
		mkdir -p $$d && cp $$m $$d/ || exit 1; done
	cp share/data/*.csv $(DESTDIR)$(PREFIX)/share/beat/data/
	mkdir -p $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	for c in $(CMDS); do cp share/completion/beat.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c || exit 1; done
	cp -R share/examples/. $(DESTDIR)$(PREFIX)/share/doc/beat/examples/
	for l in $(LANGS); do d=$(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
		mkdir -p $$d && cp $(O)/locale/$$l/LC_MESSAGES/beat.mo $$d/ || exit 1; done

clean:
	rm -rf $(O) build-asan build-fuzz $(BIN) tests/tmp

distclean: clean
	rm -rf config.mk config.log config.status configure autom4te.cache aclocal.m4

.PHONY: all have-deps deps check check-asan fuzz fuzzers bench demo po install clean distclean
.SECONDARY:
