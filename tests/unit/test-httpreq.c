/* test-httpreq.c: what serve reads from a request: the feed path, the
 * conditional headers, and the path as the access log shows it. */
#include "core/date.h"
#include "core/httpreq.h"
#include "tap.h"

#define TOK "abcdefghijklmnopqrstuvwxyz234567"

static const char *
logged(const char *url)
{
	static char out[256];

	httpreq_log_path(url, 32, out, sizeof(out));
	return out;
}

int
main(void)
{
	char token[33], name[65];
	time_t t = (time_t)date_from_ymd(1994, 11, 6) * 86400 + 8 * 3600 +
	    49 * 60 + 37;

	TAP_OK(httpreq_feed_path("/f/" TOK "/isk-2.ics", 32, token, name) == 0 &&
		strcmp(token, TOK) == 0 && strcmp(name, "isk-2") == 0,
	    "/f/TOKEN/NAME.ics splits");
	TAP_OK(httpreq_feed_path("/f/" TOK "/.ics", 32, token, name) != 0,
	    "a feed needs a name");
	TAP_OK(httpreq_feed_path("/f/" TOK "/a/b.ics", 32, token, name) != 0,
	    "a name has no slash");
	TAP_OK(httpreq_feed_path("/f/" TOK "/Isk.ics", 32, token, name) != 0,
	    "a name is lowercase");
	TAP_OK(httpreq_feed_path("/f/abcdefghijklmnopqrstuvwxyz23456/isk.ics",
		   32, token, name) != 0,
	    "a token has 32 characters");

	TAP_OK(httpreq_etag_listed("\"0a\"", "\"0a\""), "the ETag matches");
	TAP_OK(httpreq_etag_listed(" W/\"1b\" ,\t\"0a\"\t", "\"0a\""),
	    "a weak one in a list matches");
	TAP_OK(!httpreq_etag_listed("\"0a0\", \"0\"", "\"0a\""),
	    "another does not");
	TAP_OK(httpreq_etag_listed("*", "\"0a\""), "* matches");

	TAP_OK(httpreq_date("Sun, 06 Nov 1994 08:49:37 GMT") == t,
	    "an IMF-fixdate is read");
	TAP_OK(httpreq_date("Sun, 06 Nov 1994 08:49:37 UTC") == -1,
	    "GMT, nothing else");
	TAP_OK(httpreq_date("Sun, 31 Nov 1994 08:49:37 GMT") == -1,
	    "a day that does not exist is not a date");
	/* Before: accepted, and -596524 * 3600 overflowed an int (UBSan). */
	TAP_OK(httpreq_date("Sun, 06 Nov 1994 -1:49:37 GMT") == -1,
	    "a negative hour is not a date");
	TAP_OK(httpreq_date("Sun,1 Jan 2000-596524:0:0 GMT") == -1,
	    "an hour that would overflow is not a date");

	TAP_IS_STR(logged("/f/" TOK "/isk.ics"), "/f/abcd.../isk.ics",
	    "the log cuts the token");
	TAP_IS_STR(logged("/done/MQpla3Nl.bWFj"), "/done/MQpl...",
	    "and a done-link's");
	/* Before: the token's first four bytes were logged as they came. */
	TAP_IS_STR(logged("/f/\x1b[2J" TOK "/isk.ics"), "/f/?[2J.../isk.ics",
	    "the token's first four characters are escaped too");
	TAP_IS_STR(logged("/x\"\r\n\x7f\xc3\xa6"), "/x??????",
	    "the log shows printable ASCII only");

	/* Accept-Encoding (RFC 9110 §12.5.3). */
	TAP_OK(!httpreq_wants_gzip(NULL), "no Accept-Encoding: the identity");
	TAP_OK(!httpreq_wants_gzip(""), "an empty one: the identity");
	TAP_OK(httpreq_wants_gzip("gzip"), "gzip");
	TAP_OK(httpreq_wants_gzip("gzip, deflate, br"), "gzip in a list");
	TAP_OK(httpreq_wants_gzip(" deflate ,\tGZIP\t"), "case and spaces");
	TAP_OK(httpreq_wants_gzip("x-gzip"), "x-gzip is gzip");
	TAP_OK(!httpreq_wants_gzip("gzip;q=0"), "gzip;q=0 refuses");
	TAP_OK(!httpreq_wants_gzip("gzip;q=0.000, br"), "q=0.000 refuses");
	TAP_OK(!httpreq_wants_gzip("gzip ; Q=0"), "Q is q");
	TAP_OK(httpreq_wants_gzip("gzip;q=0.001"), "the least q accepts");
	TAP_OK(httpreq_wants_gzip("*"), "* accepts gzip");
	TAP_OK(httpreq_wants_gzip("br;q=1, *;q=0.5"), "*;q=0.5 too");
	TAP_OK(!httpreq_wants_gzip("*;q=0"), "*;q=0 does not");
	TAP_OK(!httpreq_wants_gzip("gzip;q=0, *"),
	    "gzip's own q=0 before *");
	TAP_OK(httpreq_wants_gzip("gzip;q=0.5, *;q=0"),
	    "gzip's own q after *;q=0");
	TAP_OK(!httpreq_wants_gzip("deflate, br"), "gzip not listed");
	TAP_OK(!httpreq_wants_gzip("gzip;q=0.5, identity"),
	    "identity preferred by q");
	TAP_OK(httpreq_wants_gzip("gzip;q=0.5"),
	    "an unlisted identity comes after a listed gzip");
	TAP_OK(httpreq_wants_gzip("gzip;q=0.3, identity;q=0"),
	    "identity;q=0 refuses the identity");
	TAP_OK(httpreq_wants_gzip("gzip, identity"), "a tie: gzip");
	TAP_OK(!httpreq_wants_gzip("gzip;q=2"), "q above 1 is malformed");
	TAP_OK(!httpreq_wants_gzip("gzip;q=1.5"), "so is 1.5");
	TAP_OK(!httpreq_wants_gzip("gzip;q=0.1234"), "and four decimals");
	TAP_OK(!httpreq_wants_gzip("gzip;q="), "and an empty q");
	TAP_OK(!httpreq_wants_gzip("gzip;q = 1"), "and spaces around =");
	TAP_OK(!httpreq_wants_gzip("gzip junk"), "junk after the coding");
	TAP_OK(!httpreq_wants_gzip("gzipx, xgzip, gzi"), "near misses");
	TAP_OK(httpreq_wants_gzip("gzip;level=1;q=1.000"),
	    "other parameters ignored");
	TAP_OK(httpreq_wants_gzip(",,gzip,"), "empty elements ignored");

	{
		char out[32];

		TAP_OK(httpreq_etag_gzip("\"0123456789abcdef\"", out,
			   sizeof(out)) == 0 &&
			strcmp(out, "\"0123456789abcdef-gz\"") == 0,
		    "the gzip ETag: -gz inside the quotes");
		TAP_OK(httpreq_etag_gzip("\"0123456789abcdef\"", out, 21) != 0,
		    "not when out is too small");
		TAP_OK(httpreq_etag_gzip("0a", out, sizeof(out)) != 0,
		    "not for an unquoted tag");
	}
	return tap_done();
}
