# edit.awk: prints a wheel file with some sections dropped and some keys
# set, so that each coverage fixture is "the example, but ..." and follows
# the example as it changes.
#   -v drop="ID ID ..."        drop these [activity ID] sections
#   -v set="SEC|KEY|VALUE~..." in [activity SEC] (or [wheel] for SEC
#                              "wheel") replace KEY by VALUE; an empty
#                              VALUE removes the key
BEGIN {
	n = split(drop, d, " ")
	for (i = 1; i <= n; i++)
		dropped[d[i]] = 1
	n = split(set, s, "~")
	for (i = 1; i <= n; i++) {
		split(s[i], p, "|")
		val[p[1], p[2]] = p[3]
		keys[p[1]] = keys[p[1]] " " p[2]
	}
}
/^\[/ {
	cur = $0
	sub(/^\[(activity[ \t]+)?/, "", cur)
	sub(/\].*$/, "", cur)
	skip = (cur in dropped)
	if (skip)
		next
	print
	nk = split(keys[cur], k, " ")
	for (i = 1; i <= nk; i++)
		if (val[cur, k[i]] != "")
			print k[i] " = " val[cur, k[i]]
	next
}
skip { next }
/^[a-z0-9.-]+[ \t]*=/ {
	key = $0
	sub(/[ \t]*=.*$/, "", key)
	if ((cur, key) in val)
		next
}
{ print }
