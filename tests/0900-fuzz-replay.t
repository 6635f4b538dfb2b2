#!/bin/sh
# The fuzzing harnesses (tests/fuzz/NAME.c, built by make check with
# tests/fuzz/replay.c's main) run once over their seeds, tests/fuzz/NAME/:
# the valid inputs, the refused ones, and each input a fuzzer once found
# failing, kept there as a regression test.  Under make check-asan they
# run under ASan and UBSan.  make fuzz runs them under libFuzzer.
. tests/lib.sh

FUZZ_BUILD=${FUZZ_BUILD:-build}

for src in tests/fuzz/*.c; do
	name=$(basename "$src" .c)
	[ "$name" = replay ] && continue
	t "fuzz harness $name passes its $(ls tests/fuzz/$name | wc -l) seeds" \
	    "$FUZZ_BUILD/fuzz-$name" "tests/fuzz/$name"
done

done_testing
