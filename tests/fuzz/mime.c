/* mime.c: the MIME header encoder (core/mail.c mail_encode_word, RFC 2047
 * B-encoded words) and the quoted-printable body encoder (mail_qp, RFC
 * 2045).  The first byte is the header line's length so far; the rest, to
 * a NUL, the text.  What is encoded decodes to the text; words are whole
 * and never split a UTF-8 character of valid text; lines stay within 76
 * characters. */
#include "core/mail.h"
#include "core/util.h"

#include "fuzz.h"

static int
unb64(char c)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(a, c) : NULL;

	return p ? (int)(p - a) : -1;
}

/* Decodes one word's base64 (n characters, padded) onto out. */
static void
b64_decode(const char *s, size_t n, struct buf *out)
{
	unsigned v = 0;
	int bits = 0;
	size_t i;

	FUZZ_ASSERT(n > 0 && n % 4 == 0);
	for (i = 0; i < n; i++) {
		int d;

		if (s[i] == '=') {
			FUZZ_ASSERT(i >= n - 2);
			continue;
		}
		FUZZ_ASSERT(i < n - 2 || s[n - 1] != '=' || s[i] != '=');
		d = unb64(s[i]);
		FUZZ_ASSERT(d >= 0);
		v = v << 6 | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)(v >> bits & 0xff));
		}
	}
}

static void
encode_word(const char *text, size_t used)
{
	struct buf b = {0}, all = {0};
	const char *p, *end;
	int first = 1;
	int valid = utf8_valid(text, strlen(text), NULL);

	mail_encode_word(&b, text, used);
	p = b.s ? b.s : "";
	end = p + b.len;
	while (p < end) {
		const char *q;
		struct buf word = {0};
		size_t line;

		if (!first) {
			FUZZ_ASSERT(strncmp(p, "\r\n ", 3) == 0);
			p += 3;
		}
		FUZZ_ASSERT(strncmp(p, "=?UTF-8?B?", 10) == 0);
		q = strstr(p + 10, "?=");
		FUZZ_ASSERT(q != NULL);
		/* RFC 2047: an encoded word has some encoded text. */
		FUZZ_ASSERT(q > p + 10);
		b64_decode(p + 10, (size_t)(q - p - 10), &word);
		if (valid)
			FUZZ_ASSERT(word.len > 0 &&
			    utf8_valid(word.s, word.len, NULL));
		line = (size_t)(q + 2 - p) + (first ? used : 1);
		if (!first || used <= 48)
			FUZZ_ASSERT(line <= 76);
		buf_add(&all, word.s ? word.s : "", word.len);
		buf_free(&word);
		p = q + 2;
		first = 0;
	}
	FUZZ_ASSERT(all.len == strlen(text) &&
	    memcmp(all.s ? all.s : "", text, all.len) == 0);
	buf_free(&all);
	buf_free(&b);
}

static int
unhex(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	    : c >= 'A' && c <= 'F'  ? c - 'A' + 10
				    : -1;
}

static void
qp(const char *text)
{
	struct buf b = {0}, out = {0}, want = {0};
	size_t i, col = 0;

	mail_qp(&b, text);
	for (i = 0; i < b.len; i++) {
		char c = b.s[i];

		if (c == '\r') {
			FUZZ_ASSERT(i + 1 < b.len && b.s[i + 1] == '\n');
			/* A blank before a line end would be lost. */
			FUZZ_ASSERT(i == 0 ||
			    (b.s[i - 1] != ' ' && b.s[i - 1] != '\t'));
			buf_putc(&out, '\n');
			i++;
			col = 0;
			continue;
		}
		FUZZ_ASSERT(c != '\n' && (c == '\t' || (c >= 0x20 && c < 0x7f)));
		FUZZ_ASSERT(++col <= 76);
		if (c == '=') {
			int h, l;

			if (i + 2 < b.len && b.s[i + 1] == '\r' &&
			    b.s[i + 2] == '\n') {
				i += 2;
				col = 0;
				continue;
			}
			FUZZ_ASSERT(i + 2 < b.len);
			h = unhex(b.s[i + 1]);
			l = unhex(b.s[i + 2]);
			FUZZ_ASSERT(h >= 0 && l >= 0);
			buf_putc(&out, (char)(h << 4 | l));
			i += 2;
			col += 2;
			FUZZ_ASSERT(col <= 76);
			continue;
		}
		/* A dot never starts a line (SMTP). */
		FUZZ_ASSERT(col > 1 || c != '.');
		buf_putc(&out, c);
	}
	FUZZ_ASSERT(b.len == 0 || col == 0);
	for (i = 0; text[i]; i++)
		if (text[i] != '\r')
			buf_putc(&want, text[i]);
	/* mail_qp ends the last line. */
	if (want.len && want.s[want.len - 1] != '\n')
		buf_putc(&want, '\n');
	FUZZ_ASSERT(out.len == want.len &&
	    memcmp(out.s ? out.s : "", want.s ? want.s : "", out.len) == 0);
	buf_free(&b);
	buf_free(&out);
	buf_free(&want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size == 0)
		return 0;
	text = fuzz_str(data + 1, size - 1);
	encode_word(text, data[0]);
	qp(text);
	free(text);
	return 0;
}
