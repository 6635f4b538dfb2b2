/* test-nearest.c: the "did you mean" of an unknown name: the edit
 * distance with a transposition of two adjacent letters as one edit
 * (optimal string alignment), and nearest_word's limit by length. */
#include "tap.h"
#include "core/util.h"

static void
distance(void)
{
	TAP_OK(edit_distance("isk", "isk") == 0, "equal words: 0");
	TAP_OK(edit_distance("iks", "isk") == 1, "iks/isk, swapped: 1 "
	    "(got %zu)", edit_distance("iks", "isk"));
	TAP_OK(edit_distance("sik", "isk") == 1, "sik/isk, swapped at the "
	    "start: 1 (got %zu)", edit_distance("sik", "isk"));
	TAP_OK(edit_distance("udvalg", "udvagl") == 1, "udvagl, swapped at "
	    "the end: 1");
	TAP_OK(edit_distance("ab", "ba") == 1, "ab/ba: 1");
	/* Optimal string alignment edits no substring twice: ca to abc is
	 * 3, not the 2 of unrestricted Damerau-Levenshtein. */
	TAP_OK(edit_distance("ca", "abc") == 3, "ca/abc: 3 (got %zu)",
	    edit_distance("ca", "abc"));
	TAP_OK(edit_distance("isk", "ksi") == 2, "isk/ksi: 2, not one swap");
	TAP_OK(edit_distance("ISK", "iks") == 1, "case does not count");
	TAP_OK(edit_distance("kitten", "sitting") == 3, "kitten/sitting: 3");
	TAP_OK(edit_distance("", "abc") == 3, "empty/abc: 3");
	TAP_OK(edit_distance("dk-stat", "dk-state") == 1, "a dropped letter: 1");
}

static void
nearest(void)
{
	const char *const roles[] = {"isk", "it", "udvalg", "dpo", "indkoeb"};
	const char *const many[] = {"maturity-measurement", "risk-assessment",
	    "risk-treatment"};

	TAP_IS_STR(nearest_word("iks", roles, 5), "isk", "iks: did you mean "
	    "isk");
	TAP_IS_STR(nearest_word("ikk", roles, 5), "isk", "ikk: isk, one "
	    "substitution");
	TAP_OK(nearest_word("kis", roles, 5) == NULL, "kis is two edits from "
	    "isk: too far for 3 letters");
	TAP_IS_STR(nearest_word("udvlag", roles, 5), "udvalg", "udvlag: "
	    "udvalg");
	TAP_IS_STR(nearest_word("risk-asessment", many, 3), "risk-assessment",
	    "risk-asessment: risk-assessment");
	TAP_IS_STR(nearest_word("maturity-measuremnet", many, 3),
	    "maturity-measurement", "maturity-measuremnet: one swap");
	TAP_OK(nearest_word("nobody", roles, 5) == NULL, "nobody: nothing");
}

int
main(void)
{
	distance();
	nearest();
	return tap_done();
}
