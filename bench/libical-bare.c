/* libical-bare: libical's bare iteration of the benchmark's rules, no output.
 *
 * The floor aarshjul's expansion is measured against: for each line
 * "YYYY-MM-DD<TAB>RRULE" of the TSV that bench/spec2wheel.py --tsv writes,
 * parse the rule, iterate it from the DATE start until past 2028-12-31 and
 * count the occurrences in 2026-01-01..2028-12-31.  Prints the count.
 *
 *   libical-bare RULES.tsv          prints the count
 *   libical-bare -l RULES.tsv       also lists "YYYY-MM-DD<TAB>LINE" per
 *                                   occurrence (for checking, not timing)
 *
 * Built by bench/run: cc -O2 libical-bare.c $(pkg-config --cflags --libs libical)
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ymd(int y, int m, int d)
{
    return y * 10000 + m * 100 + d;
}

int main(int argc, char **argv)
{
    int list = 0;
    if (argc == 3 && strcmp(argv[1], "-l") == 0) {
        list = 1;
        argv++;
        argc--;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: libical-bare [-l] RULES.tsv\n");
        return 64;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 66;
    }
    const int lo = ymd(2026, 1, 1), hi = ymd(2028, 12, 31);
    char line[2048];
    long n = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        int y, m, d;
        if (!tab || sscanf(line, "%4d-%2d-%2d", &y, &m, &d) != 3) {
            fprintf(stderr, "%s:%ld: expected YYYY-MM-DD<TAB>RRULE\n", argv[1], lineno);
            return 65;
        }
        struct icalrecurrencetype rule = icalrecurrencetype_from_string(tab + 1);
        if (rule.freq == ICAL_NO_RECURRENCE) {
            fprintf(stderr, "%s:%ld: bad rule %s\n", argv[1], lineno, tab + 1);
            return 65;
        }
        /* A DATE start.  Not icaltime_null_date(): its hour/minute/second
         * of -1 make libical 3.0.16 loop forever on DAILY rules. */
        struct icaltimetype start;
        memset(&start, 0, sizeof start);
        start.year = y;
        start.month = m;
        start.day = d;
        start.is_date = 1;
        icalrecur_iterator *it = icalrecur_iterator_new(rule, start);
        if (!it) {
            fprintf(stderr, "%s:%ld: libical refuses %s\n", argv[1], lineno, tab + 1);
            return 65;
        }
        for (;;) {
            struct icaltimetype t = icalrecur_iterator_next(it);
            if (icaltime_is_null_time(t))
                break;
            int k = ymd(t.year, t.month, t.day);
            if (k > hi)
                break;
            if (k >= lo) {
                n++;
                if (list)
                    printf("%04d-%02d-%02d\t%ld\n", t.year, t.month, t.day, lineno);
            }
        }
        icalrecur_iterator_free(it);
    }
    fclose(f);
    if (list)
        fprintf(stderr, "%ld\n", n);
    else
        printf("%ld\n", n);
    return 0;
}
