/* llapi_parse_size: lfs size arguments (ABI spec 5, lhsmtool-posix-compat). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"

/* Unit of a suffix letter; 0 if the letter is not a unit. */
static unsigned long long emu_unit(char c, int bytes_spec)
{
	switch (tolower((unsigned char)c)) {
	case 'c':
		return 1;
	case 'b':
		return bytes_spec ? 1 : 512;
	case 'k':
		return 1ULL << 10;
	case 'm':
		return 1ULL << 20;
	case 'g':
		return 1ULL << 30;
	case 't':
		return 1ULL << 40;
	case 'p':
		return 1ULL << 50;
	case 'e':
		return 1ULL << 60;
	default:
		return 0;
	}
}

/*
 * "<number>[.<decimals>][<unit>[i][B]]": a number in any strtoull base, an
 * optional decimal fraction, an optional unit letter (c bytes, b 512-byte
 * blocks or bytes when bytes_spec, k m g t p e binary multiples) which may be
 * followed by "B" or "iB".  Without a unit *size_units applies (0 = bytes);
 * with one *size_units is set to it.  Returns 0, or -1 (like lfs) for a
 * negative number, bad syntax or overflow.
 */
int llapi_parse_size(const char *optarg, unsigned long long *size,
		     unsigned long long *size_units, int bytes_spec)
{
	unsigned long long whole, frac = 0, frac_div = 1, unit;
	const char *s = optarg;
	char *end;

	if (optarg == NULL || size == NULL || size_units == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-' || *s == '\0')
		return -1;
	errno = 0;
	whole = strtoull(s, &end, 0);
	if (end == s || errno == ERANGE)
		return -1;
	if (*end == '.') {
		const char *d = end + 1;

		while (isdigit((unsigned char)*d)) {
			if (frac_div <= (~0ULL) / 100) {
				frac = frac * 10 + (unsigned long long)(*d - '0');
				frac_div *= 10;
			}
			d++;
		}
		end = (char *)d;
	}
	if (*size_units == 0)
		*size_units = 1;
	unit = *size_units;
	if (*end != '\0') {
		unit = emu_unit(*end, bytes_spec);
		if (unit == 0)
			return -1;
		end++;
		if (tolower((unsigned char)*end) == 'i' && unit > 512)
			end++;
		if (tolower((unsigned char)*end) == 'b' && unit > 512)
			end++;
		if (*end != '\0')
			return -1;
		*size_units = unit;
	}
	if (whole > ~0ULL / unit)
		return -1;
	*size = whole * unit;
	/* fraction: (frac * unit) / frac_div without overflowing */
	if (frac != 0) {
		unsigned long long add =
			(unsigned long long)((long double)frac * unit / frac_div);

		if (*size > ~0ULL - add)
			return -1;
		*size += add;
	}
	return 0;
}
