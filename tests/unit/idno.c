/* idno.c: unit tests of the ID-card check and the masking of personal numbers (TAP). */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"

static void
check(const char *s, int want_rc, const char *want_out, const char *what)
{
	char out[19];
	int rc;

	memset(out, '?', sizeof(out));
	rc = beat_idno_check(s, out);
	ok(rc == want_rc && (want_out == NULL || strcmp(out, want_out) == 0), what);
	if (rc != want_rc || (want_out != NULL && strcmp(out, want_out) != 0))
		printf("#   rc %d (want %d), out \"%.18s\"\n", rc, want_rc, out);
}

static void
masks(void (*fn)(const char *, char *, size_t), const char *s, size_t n,
    const char *want, const char *what)
{
	char out[64];

	memset(out, '?', sizeof(out));
	fn(s, out, n);
	ok(strcmp(out, want) == 0, what);
	if (strcmp(out, want) != 0)
		printf("#   got \"%s\", want \"%s\"\n", out, want);
}

static void
text(char *(*fn)(const char *), const char *s, const char *want, const char *what)
{
	char *got = fn(s);

	ok(strcmp(got, want) == 0, what);
	if (strcmp(got, want) != 0)
		printf("#   got \"%s\", want \"%s\"\n", got, want);
	free(got);
}

int
main(void)
{
	/*
	 * Known good numbers, not computed by the code under test: the two
	 * examples printed in GB 11643-1999, and three whose check digit was
	 * worked out separately.
	 */
	static const char *good[] = {
		"11010519491231002X",
		"440524188001010014",
		"110101199003070011",
		"320106198512263125",
		"440304199901011239",
	};
	/* Each of the above with one wrong check character. */
	static const char *wrong[] = {
		"110105194912310021",
		"44052418800101001X",
		"110101199003070012",
		"320106198512263120",
		"440304199901011238",
	};
	size_t i;
	char out[19];

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		check(good[i], 0, good[i], good[i]);
		check(wrong[i], -2, wrong[i], "wrong check digit is -2, out still filled");
	}
	check("11010519491231002x", 0, "11010519491231002X", "lower-case x accepted as X");
	check("\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\xef\xbc\x95"
	    "\xef\xbc\x91\xef\xbc\x99\xef\xbc\x94\xef\xbc\x99\xef\xbc\x91\xef\xbc\x92"
	    "\xef\xbc\x93\xef\xbc\x91\xef\xbc\x90\xef\xbc\x90\xef\xbc\x92\xef\xbc\xb8",
	    0, "11010519491231002X", "full-width digits and X normalised");
	check("11010519491231002\xef\xbd\x98", 0, "11010519491231002X",
	    "full-width lower-case x normalised");
	check("110105 19491231 002X", 0, "11010519491231002X", "spaces stripped");
	check("110105\xe3\x80\x80" "19491231002X", 0, "11010519491231002X",
	    "ideographic space stripped");
	/* Check digit right for the digits, but 1949-02-30 is no date. */
	check("110105194902300020", -1, NULL, "impossible birth date is -1");
	check("110105194913010029", -1, NULL, "birth month 13 is -1");
	check("110105179912310024", -1, NULL, "birth year before 1800 is -1");
	check("110105180001010029", 0, "110105180001010029", "birth year 1800 is good");
	check("11010519491231002", -1, NULL, "17 characters is -1");
	check("11010519491231002X1", -1, NULL, "19 characters is -1");
	check("1101051949123100X2", -1, NULL, "X before the end is -1");
	check("11010519491231002Y", -1, NULL, "a letter other than X is -1");
	check("110105-19491231002X", -1, NULL, "a dash is -1");
	check("", -1, NULL, "empty is -1");
	check(NULL, -1, NULL, "NULL is -1");
	ok(beat_idno_check("11010519491231002", out) == -1 && out[0] == '\0',
	    "a refused number leaves out empty");

	masks(beat_mask_idno, "11010519491231002X", 64, "110105********002X",
	    "ID shows first 6 and last 4");
	masks(beat_mask_idno, "110101199003071234", 64, "110101********1234",
	    "ID with a wrong check digit is masked the same way");
	masks(beat_mask_idno, "\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91"
	    "\xef\xbc\x90\xef\xbc\x95" "19491231002x", 64, "110105********002X",
	    "ID masked after normalising");
	masks(beat_mask_idno, "110105491231002", 64, "110105*****1002",
	    "a 15-digit old ID shows first 6 and last 4");
	masks(beat_mask_idno, "12345", 64, "***45", "a short ID shows only its last 2");
	masks(beat_mask_idno, "\xe4\xb8\x8d\xe8\xaf\xa6" "ABCDEFGHIJKLMN", 64,
	    "**************MN", "an odd ID shows only its last 2");
	masks(beat_mask_idno, NULL, 64, "", "NULL ID masks to empty");
	masks(beat_mask_idno, "", 64, "", "empty ID masks to empty");
	masks(beat_mask_idno, "11010519491231002X", 8, "110105*",
	    "a small buffer truncates and terminates");

	masks(beat_mask_phone, "13812345678", 64, "138****5678",
	    "phone shows first 3 and last 4");
	masks(beat_mask_phone, "138 1234 5678", 64, "138****5678", "phone spaces dropped");
	masks(beat_mask_phone, "138-1234-5678", 64, "138****5678", "phone dashes dropped");
	masks(beat_mask_phone, "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98" "12345678", 64,
	    "138****5678", "full-width phone digits normalised");
	masks(beat_mask_phone, "+8613812345678", 64, "+86*******5678",
	    "a country code counts as the first characters");
	masks(beat_mask_phone, "12345678", 64, "123*5678", "8 digits use the phone rule");
	masks(beat_mask_phone, "1234567", 64, "*****67", "7 digits show only the last 2");
	masks(beat_mask_phone, "12", 64, "**", "2 digits are masked entirely");
	masks(beat_mask_phone, "0571x88776655", 64, "***********55",
	    "an odd phone shows only its last 2");
	masks(beat_mask_phone, "\xe7\x94\xb5\xe8\xaf\x9d\xe6\x9c\xaa\xe7\x9f\xa5", 64,
	    "**\xe6\x9c\xaa\xe7\x9f\xa5", "Chinese text keeps whole characters");
	masks(beat_mask_phone, "\xe7\x94\xb5\xe8\xaf\x9d\xe6\x9c\xaa\xe7\x9f\xa5", 5,
	    "**", "truncation never splits a UTF-8 character");
	masks(beat_mask_phone, NULL, 64, "", "NULL phone masks to empty");
	masks(beat_mask_phone, "", 64, "", "empty phone masks to empty");
	masks(beat_mask_phone, "13812345678", 1, "", "a one-byte buffer holds the empty string");


	/* Free text: the forms people write the numbers in. */
	text(beat_mask_text, "ID 110101199003070011.", "ID 110101********0011.", "an ID alone");
	text(beat_mask_text, "110101 19900307 0011", "110101 ******** 0011", "an ID in groups 6-8-4");
	text(beat_mask_text, "110101-19900307-001X", "110101-********-001X", "grouped with dashes, X last");
	text(beat_mask_text, "\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91"
	    "199003070011", "\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91"
	    "********0011", "full-width digits count, one star each");
	text(beat_mask_text, "tel 13800138000", "tel 138****8000", "a mobile");
	text(beat_mask_text, "hash 1b13800138000a9c0e2f3d4b5a6978800112233445566778899aabbccddeeff0 is not",
	    "hash 1b13800138000a9c0e2f3d4b5a6978800112233445566778899aabbccddeeff0 is not",
	    "a SHA-256 in a message is no mobile, though digits in it look like one");
	text(beat_mask_text, "tel13800138000", "tel138****8000", "a mobile glued to a word");
	text(beat_mask_text, "ab13800138000", "ab138****8000", "or to a short hex word");
	text(beat_mask_text, "+8613800138000", "+86138****8000", "+86 written together");
	text(beat_mask_text, "008613800138000", "0086138****8000", "0086 written together (not an ID)");
	text(beat_mask_text, "+86 138 0013 8000", "+86 138 **** 8000", "+86 and groups 3-4-4");
	text(beat_mask_text, "0086-138-0013-8000", "0086-138-****-8000", "0086 and dashes");
	text(beat_mask_text, "0816-2345678", "081*-***5678", "a landline with its area code");
	text(beat_mask_text, "13800138000 13900139000", "138****8000 139****9000", "two mobiles in a row");
	text(beat_mask_text, "\xe8\xa7\x81 110-2024-12-31.csv", "\xe8\xa7\x81 110-2024-12-31.csv",
	    "a date in a file name is no phone");
	text(beat_mask_text, "2024-12-01 2024-12-31, 2024-0001 2024-0002", "2024-12-01 2024-12-31, 2024-0001 2024-0002",
	    "dates and case numbers are left alone");
	text(beat_mask_text, "138 0013 80001", "138 0013 80001", "3-4-5 is no mobile");
	text(beat_mask_text, "12000.50 yuan", "12000.50 yuan", "money is left alone");

	/* --party: the fields by position, whatever their spacing. */
	text(beat_mask_party, "applicant:w:1101 0119 9003 0700 11:138 0013 8000",
	    "applicant:w:1101 01** **** **00 11:138 **** 8000", "ID and phone fields, spacing kept");
	text(beat_mask_party, "third:w::+86 138 0013 8000", "third:w::+86 *** **** 8000", "phone only");
	text(beat_mask_party, "a:w:11010519491231002x:1:2", "a:w:110105********002x:*:2",
	    "a fifth field stays in the phone's");
	text(beat_mask_party, "a:w", "a:w", "no numbers");

	/* Phones must look like phones. */
	ok(beat_phone_check("13800138000") == 0, "a mobile is a phone");
	ok(beat_phone_check("+86 138-0013-8000") == 0, "+86 with groups is a phone");
	ok(beat_phone_check("0086 13800138000") == 0, "0086 is a phone");
	ok(beat_phone_check("0816-2345678") == 0, "a landline is a phone");
	ok(beat_phone_check("2345678") == 0, "a local number is a phone");
	ok(beat_phone_check("+-+-") == -1, "+-+- is no phone");
	ok(beat_phone_check("not-a-phone") == -1, "words are no phone");
	ok(beat_phone_check("1380013800") == -1, "10 digits from 1 are no mobile");
	ok(beat_phone_check("138+00138000") == -1, "a + inside is no phone");
	ok(beat_phone_check("") == -1, "empty is no phone");
	ok(beat_phone_check("+86") == -1, "a country code alone is no phone");

	return tap_done();
}
