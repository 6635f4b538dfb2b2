# aarshjul: plain GNU make.  `make`, `make check`, `make run`, `make install`.

VERSION = 0.2.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/aarshjul
# systemd's units, sysusers.d and tmpfiles.d (searched under /usr/local/lib
# too); the Debian package sets UNITDIR=/lib/systemd/system (debian/rules).
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
BUILD ?= build
BIN ?= aarshjul

PKGS = libical libmicrohttpd sqlite3 libcrypto
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lical -lmicrohttpd -lsqlite3 -lcrypto)
CURL_LIBS := $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null || echo -lcurl)
# librsvg and cairo draw the wheel's PDF and PNG (src/io/render.c only).
RSVG_PKGS = librsvg-2.0 cairo
RSVG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(RSVG_PKGS) 2>/dev/null)
RSVG_LIBS := $(shell $(PKG_CONFIG) --libs $(RSVG_PKGS) 2>/dev/null || echo -lrsvg-2 -lcairo -lgobject-2.0 -lglib-2.0)

# Keep the warnings when a packager passes CFLAGS; -Werror only where asked
# (CI sets WERROR=1).
CFLAGS ?= -O2 -g
override CFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wno-format-nonliteral -Wvla \
	$(if $(WERROR),-Werror) $(CFLAGS)
override CPPFLAGS := -Isrc -I/usr/include/iniparser \
	-DVERSION=\"$(VERSION)\" $(PKG_CFLAGS) \
	$(shell $(PKG_CONFIG) --cflags libcurl 2>/dev/null) $(CPPFLAGS)
LDLIBS += -liniparser $(PKG_LIBS) $(CURL_LIBS) $(RSVG_LIBS) -lm -lpthread

# Three layers (src/core: the rules, no I/O; src/io: the world; src/cmd:
# one file per command).  The core is a library of its own, so that its
# unit tests link it alone and tests/0050 can list what it calls.
CORE_SRCS = $(wildcard src/core/*.c)
IO_SRCS = $(wildcard src/io/*.c)
CMD_SRCS = $(wildcard src/cmd/*.c)
CORE_OBJS = $(CORE_SRCS:src/%.c=$(BUILD)/%.o)
SHELL_OBJS = $(IO_SRCS:src/%.c=$(BUILD)/%.o) $(CMD_SRCS:src/%.c=$(BUILD)/%.o)
LIBCORE = $(BUILD)/libcore.a
CORE_LIBS = $(shell $(PKG_CONFIG) --libs libical libcrypto 2>/dev/null || echo -lical -lcrypto) -lm
# tests/unit/test-*.c test the core and link libcore.a alone; io-*.c test
# an io module and link everything.
UNIT_SRCS = $(wildcard tests/unit/test-*.c)
IO_UNIT_SRCS = $(wildcard tests/unit/io-*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%) \
	$(IO_UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)
# libFuzzer harnesses, one per parser of outside input (tests/fuzz/*.c).
FUZZ_NAMES = $(filter-out replay,$(basename $(notdir $(wildcard tests/fuzz/*.c))))
FUZZ_BINS = $(FUZZ_NAMES:%=$(BUILD)/fuzz-%)
FUZZ_MAIN = tests/fuzz/replay.c
FUZZ_SECONDS ?= 60

all: $(BIN)

$(BIN): $(BUILD)/main.o $(SHELL_OBJS) $(LIBCORE)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/main.o $(SHELL_OBJS) $(LIBCORE) $(LDLIBS)

$(LIBCORE): $(CORE_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# Only the renderer sees librsvg's and cairo's headers.
$(BUILD)/io/render.o: src/io/render.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RSVG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# Unit tests of the core link libcore.a alone: no database, socket or
# clock can sneak in.
$(BUILD)/unit/test-%: tests/unit/test-%.c $(LIBCORE)
	@mkdir -p $(BUILD)/unit
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBCORE) $(CORE_LIBS)

$(BUILD)/unit/io-%: tests/unit/io-%.c $(SHELL_OBJS) $(LIBCORE)
	@mkdir -p $(BUILD)/unit
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(filter $(BUILD)/io/%,$(SHELL_OBJS)) $(LIBCORE) $(LDLIBS)

$(BUILD):
	@mkdir -p $(BUILD)

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d)

# Installs what the build and the tests need (Debian packages) when run as
# root, or prints the command to run.
deps:
	@sh tests/deps.sh

# Tools the tests run (not tests themselves).
$(BUILD)/tools/%: tests/tools/%.c | $(BUILD)
	@mkdir -p $(BUILD)/tools
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

units: $(UNIT_BINS) $(BUILD)/tools/icalcheck $(FUZZ_BINS)

check: deps
	@$(MAKE) --no-print-directory $(BIN) units lint-man
	@AARSHJUL=$(abspath $(BIN)) ICALCHECK=$(abspath $(BUILD)/tools/icalcheck) \
	    FUZZ_BUILD=$(abspath $(BUILD)) prove -f $(UNIT_BINS) tests/*.t

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
# fontconfig's caches live to the end of a process that drew the wheel:
# tests/lsan.supp names them, and nothing else.
check-asan:
	@LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 \
	    $(MAKE) --no-print-directory check BUILD=build/asan BIN=build/asan/aarshjul \
	    WERROR=1 CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined"

# make check builds the fuzzing harnesses with replay.c's main and
# replays their seeds (tests/0900); make fuzz builds them with clang and
# libFuzzer in build/fuzz and runs each for FUZZ_SECONDS (tests/fuzz/run).
$(BUILD)/fuzz-%: tests/fuzz/%.c $(FUZZ_MAIN) $(wildcard tests/fuzz/*.h) $(SHELL_OBJS) $(LIBCORE)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(filter %.c,$(FUZZ_MAIN)) \
	    $(filter $(BUILD)/io/%,$(SHELL_OBJS)) $(LIBCORE) $(LDLIBS)

fuzz:
	@sh tests/deps.sh run
	@sh tests/fuzz/run deps
	@$(MAKE) --no-print-directory $(FUZZ_NAMES:%=build/fuzz/fuzz-%) \
	    BUILD=build/fuzz CC=clang FUZZ_MAIN= \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=fuzzer,address,undefined"
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run $(FUZZ_NAMES)

lint-man:
	@mandoc -Tlint -Wwarning man/*.[15]

# Speed and memory against the reference job, and remind and report over
# large ledgers (bench/README.md); bench-serve: serve against nginx (wrk).
bench: $(BIN)
	bench/run
	bench/ledger-run

bench-serve: $(BIN)
	bench/serve-run

EXAMPLE_CONF = conf/aarshjul.conf

# The README's picture of the example's wheel (doc/wheel.svg, .png).
doc: $(BIN)
	sh doc/wheel.sh ./$(BIN)

run:
	@sh tests/deps.sh run
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) -c $(EXAMPLE_CONF) check
	./$(BIN) -c $(EXAMPLE_CONF) agenda
	./$(BIN) -c $(EXAMPLE_CONF) feeds
	./$(BIN) -c $(EXAMPLE_CONF) remind
	./$(BIN) -c $(EXAMPLE_CONF) report
	@echo
	@echo "Reminders and the committee's report are in var/outbox/ as .eml"
	@echo "files (open one in a mail program; [mail] in $(EXAMPLE_CONF) says"
	@echo "how to send them over SMTP instead):"
	@ls var/outbox | sed 's/^/  /' | tail -n 5
	@echo
	@echo "Each notice in them has a link that marks it done; this one works"
	@echo "on this machine while the server runs (see below):"
	@/usr/bin/python3 -c 'import email, email.policy, glob, re; \
	  ms = [email.message_from_binary_file(open(f, "rb"), policy=email.policy.default) for f in sorted(glob.glob("var/outbox/*.eml"), reverse=True)]; \
	  ls = [u for m in ms for u in re.findall(r"https?://\S+/done/\S+", m.get_body(("plain",)).get_content())]; \
	  print("  " + re.sub(r"^https?://[^/]+", "http://127.0.0.1:8080", ls[0]) if ls else "  (no reminder is due today)")'
	@echo
	@echo "The example's feeds are in var/feeds/ (one per role, all.ics and"
	@echo "the [feed] sections of $(EXAMPLE_CONF)).  To subscribe, start the"
	@echo "server:  ./$(BIN) -c $(EXAMPLE_CONF) serve"
	@echo "and add one of these URLs in your calendar (Outlook: Add calendar,"
	@echo "Subscribe from web; see README.md):"
	@./$(BIN) -c $(EXAMPLE_CONF) urls --base http://127.0.0.1:8080 | \
	    sed 's/^/  /'

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/calendars \
	    $(DESTDIR)$(DATADIR)/conf
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/aarshjul
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 calendars/*.ini $(DESTDIR)$(DATADIR)/calendars/
	install -m 644 conf/aarshjul.conf conf/nginx-aarshjul.conf \
	    $(DESTDIR)$(DATADIR)/conf/
	sed 's|@BINDIR@|$(BINDIR)|g' conf/aarshjul.cron.in \
	    >$(DESTDIR)$(DATADIR)/conf/aarshjul.cron
	chmod 644 $(DESTDIR)$(DATADIR)/conf/aarshjul.cron
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(TMPFILESDIR)
	for u in aarshjul.service aarshjul-serve.service; do \
	    sed 's|@BINDIR@|$(BINDIR)|g' conf/$$u.in >$(DESTDIR)$(UNITDIR)/$$u && \
	    chmod 644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; \
	done
	install -m 644 conf/aarshjul.timer $(DESTDIR)$(UNITDIR)/
	install -m 644 conf/aarshjul.sysusers $(DESTDIR)$(SYSUSERSDIR)/aarshjul.conf
	install -m 644 conf/aarshjul.tmpfiles $(DESTDIR)$(TMPFILESDIR)/aarshjul.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/aarshjul $(DESTDIR)$(MANDIR)/man1/aarshjul.1 \
	    $(DESTDIR)$(MANDIR)/man5/aarshjul-wheel.5 \
	    $(DESTDIR)$(MANDIR)/man5/aarshjul.conf.5
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(UNITDIR)/aarshjul.service \
	    $(DESTDIR)$(UNITDIR)/aarshjul-serve.service \
	    $(DESTDIR)$(UNITDIR)/aarshjul.timer \
	    $(DESTDIR)$(SYSUSERSDIR)/aarshjul.conf \
	    $(DESTDIR)$(TMPFILESDIR)/aarshjul.conf

# The Debian package (debian/), built in a copy of the tree under build/deb/
# after installing its build dependencies: build/deb/aarshjul_*.deb.
# check-deb builds, lints, installs, checks, rates the units and purges it:
# as root on a machine without aarshjul (.ci/run); never part of check.
deb:
	@sh tests/deb/build.sh

check-deb:
	@sh tests/deb/check.sh

.PHONY: deb check-deb

clean:
	rm -rf build $(BIN)

.PHONY: all deps units check check-asan fuzz lint-man bench bench-serve run install uninstall clean doc
