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

NOCONF_GOALS = deps clean distclean uninstall
ifneq ($(filter-out $(NOCONF_GOALS),$(or $(MAKECMDGOALS),all)),)
include config.mk
endif

CMDS = $(sort $(basename $(notdir $(wildcard src/*.c))))
LIBSRC = $(sort $(wildcard lib/*.c))
LIBOBJ = $(LIBSRC:lib/%.c=$(O)/lib/%.o) $(O)/lib/embed.o
UNITS = $(sort $(basename $(notdir $(wildcard tests/unit/*.c))))
EMBED = $(sort $(wildcard share/sql/*.sql share/sql/pg/*.sql share/data/*.csv))
MANS = $(sort $(wildcard share/man/man*/*.[157]))
LANGS = $(basename $(notdir $(wildcard share/po/*.po)))

ALL_CPPFLAGS = -Ilib -D_GNU_SOURCE -DBEAT_VERSION='"$(VERSION)"' $(CONF_CPPFLAGS)
ALL_CFLAGS = -std=gnu11 -pthread $(CONF_CFLAGS) $(WARN) $(CFLAGS)
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

# Where the commands find their message catalogues.  The commands in
# $(BIN) carry the build's own ($(O)/locale), so the checkout speaks
# Chinese with no variable set.  `make install` links its own copies in
# $(O)/prefix/bin with localedir.o compiled for the PREFIX it is given,
# ahead of libbeat.a (whose localedir.o is then left out): the prefix is
# never one from an earlier build, since $(O)/prefix/PREFIX records it and
# changes when it does, and nothing is rebuilt but that object and the
# links.  Finding the catalogues from the executable's own path instead
# would cost every start a readlink of /proc/self/exe, which is missing
# in some chroots; a path fixed at link time costs no system call.
$(O)/lib/localedir.o: lib/localedir.c lib/beat.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -DBEAT_LOCALEDIR='"$(abspath $(O)/locale)"' $(ALL_CFLAGS) -c -o $@ $<

$(O)/prefix/localedir.o: lib/localedir.c lib/beat.h config.mk $(O)/prefix/PREFIX
	$(CC) $(ALL_CPPFLAGS) -DBEAT_LOCALEDIR='"$(localedir)"' $(ALL_CFLAGS) -c -o $@ $<

$(O)/prefix/PREFIX: FORCE
	@mkdir -p $(@D)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' >$@

$(O)/prefix/bin/%: $(O)/src/%.o $(O)/prefix/localedir.o $(O)/libbeat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(O)/prefix/localedir.o $(O)/libbeat.a $(CONF_LIBS)

$(O)/lib/embed.c: tools/embed.sh $(EMBED)
	@mkdir -p $(@D)
	sh tools/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(O)/lib/embed.o: $(O)/lib/embed.c lib/beat.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/libbeat.a: $(LIBOBJ)
	rm -f $@
	$(AR) rc $@ $(LIBOBJ)
	$(RANLIB) $@

$(O)/unit/%: tests/unit/%.c tests/unit/tap.h tests/unit/engines.h $(O)/libbeat.a
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
	BEAT_BIN=$(abspath $(BIN)) BEAT_TOP=$(CURDIR) \
		prove -f -e '' $(UNITS:%=$(O)/unit/%) tests/*.t < /dev/null

# The same on PostgreSQL, against a private server (tools/pg.sh).
check-pg: all $(UNITS:%=$(O)/unit/%) | have-deps
	BEAT_UNIT=$(abspath $(O)/unit) BEAT_BIN=$(abspath $(BIN)) BEAT_TOP=$(CURDIR) \
		sh tools/check-pg.sh

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

# Installation.  Each place is a variable of its own; uninstall removes
# the very files install places, from the same lists, and the folders
# that are beat's alone.
bindir = $(PREFIX)/bin
datadir = $(PREFIX)/share
mandir = $(datadir)/man
localedir = $(datadir)/locale
pkgdatadir = $(datadir)/beat
exampledir = $(pkgdatadir)/examples
bashcompdir = $(datadir)/bash-completion/completions
# The crontab's PATH: the commands first, then the system's.
CRONPATH = $(if $(filter /usr,$(PREFIX)),,$(bindir):)/usr/bin:/bin

DATA = $(sort $(wildcard share/data/*.csv))
# share/examples: FILE.in is a template, installed as FILE with the
# places above filled in; the rest are copied, scripts executable.
EXAMPLES = $(patsubst share/examples/%,%,$(patsubst %.in,%,$(filter-out \
	share/examples/systemd,$(sort $(wildcard share/examples/* share/examples/systemd/*)))))
MAN_DEST = $(foreach m,$(MANS),$(lastword $(subst /, ,$(dir $m)))/$(notdir $m))
INSTALLED = $(CMDS:%=$(bindir)/%) $(MAN_DEST:%=$(mandir)/%) \
	$(DATA:share/data/%=$(pkgdatadir)/data/%) $(EXAMPLES:%=$(exampledir)/%) \
	$(CMDS:%=$(bashcompdir)/%) $(LANGS:%=$(localedir)/%/LC_MESSAGES/beat.mo)
INSTALL = install

install: all $(CMDS:%=$(O)/prefix/bin/%)
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(pkgdatadir)/data \
		$(DESTDIR)$(exampledir)/systemd $(DESTDIR)$(bashcompdir)
	$(INSTALL) -m 755 $(CMDS:%=$(O)/prefix/bin/%) $(DESTDIR)$(bindir)/
	for m in $(MANS); do d=$(DESTDIR)$(mandir)/$$(basename $$(dirname $$m)); \
		$(INSTALL) -d $$d && $(INSTALL) -m 644 $$m $$d/ || exit 1; done
	$(INSTALL) -m 644 $(DATA) $(DESTDIR)$(pkgdatadir)/data/
	for c in $(CMDS); do $(INSTALL) -m 644 share/completion/beat.bash \
		$(DESTDIR)$(bashcompdir)/$$c || exit 1; done
	for f in $(EXAMPLES); do t=$(DESTDIR)$(exampledir)/$$f; \
		if [ -f share/examples/$$f.in ]; then \
			sed -e 's|@bindir@|$(bindir)|g' -e 's|@exampledir@|$(exampledir)|g' \
			    -e 's|@cronpath@|$(CRONPATH)|g' share/examples/$$f.in >$$t && \
			chmod 644 $$t || exit 1; \
		else case $$f in *.sh) m=755;; *) m=644;; esac; \
			$(INSTALL) -m $$m share/examples/$$f $$t || exit 1; fi; done
	for l in $(LANGS); do d=$(DESTDIR)$(localedir)/$$l/LC_MESSAGES; \
		$(INSTALL) -d $$d && $(INSTALL) -m 644 $(O)/locale/$$l/LC_MESSAGES/beat.mo $$d/ || exit 1; done

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	for d in $(exampledir)/systemd $(exampledir) $(pkgdatadir)/data $(pkgdatadir); do \
		[ ! -d $(DESTDIR)$$d ] || rmdir $(DESTDIR)$$d 2>/dev/null || \
		echo "uninstall: $(DESTDIR)$$d holds files beat did not install: left" >&2; done

# A Debian package of a staged install with PREFIX=/usr, built with
# Debian's compiler flags (dpkg-buildflags) in build-deb: tools/mkdeb.sh
# strips, compresses and writes DEBIAN/ (see packaging/).
DEB_STAGE = build-deb/debian/beat
deb: export DEB_BUILD_MAINT_OPTIONS = hardening=+all
deb: | have-deps
	rm -rf build-deb beat_*.deb
	$(MAKE) O=build-deb BIN=build-deb/bin PREFIX=/usr DESTDIR=$(CURDIR)/$(DEB_STAGE) \
		CFLAGS="$$(dpkg-buildflags --get CPPFLAGS) $$(dpkg-buildflags --get CFLAGS)" \
		LDFLAGS="$$(dpkg-buildflags --get LDFLAGS)" install
	sh tools/mkdeb.sh $(DEB_STAGE) $(VERSION)

clean:
	rm -rf $(O) build-asan build-fuzz build-deb $(BIN) tests/tmp beat_*.deb

distclean: clean
	rm -rf config.mk config.log config.status configure autom4te.cache aclocal.m4

.PHONY: all have-deps deps check check-pg check-asan fuzz fuzzers bench demo po install uninstall deb clean distclean FORCE
.SECONDARY:
