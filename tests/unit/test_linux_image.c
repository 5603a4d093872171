// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of tools/linux-image.c: a header as Linux 6.1 writes it is
 * read right; every refusal is provoked once from it with one field
 * broken, and names the fix.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "linux-image.h"

static unsigned char hdr[BH_IMAGE_HEADER_SIZE];
static struct bh_linux_image img;
static char why[200];

static void put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Debian's 6.1 arm64 Image: text_offset 0, 4 KiB pages, anywhere */
static void good_header(void)
{
	memset(hdr, 0, sizeof(hdr));
	hdr[0] = 0x4d; /* "MZ": the EFI stub's jump */
	hdr[1] = 0x5a;
	put64(hdr + 8, 0);
	put64(hdr + 16, 0x2e10000);
	put64(hdr + 24, 0xa); /* LE, 4 KiB pages, anywhere */
	memcpy(hdr + 56, "ARM\x64", 4);
	memcpy(hdr + 60, "\x40\0\0\0", 4); /* PE header offset */
}

static int parse(size_t size)
{
	return bh_linux_image_parse(hdr, size, &img, why, sizeof(why));
}

static void test_reads_a_6_1_header(void **state)
{
	(void)state;
	good_header();
	assert_int_equal(parse(0x2a00000), 0);
	assert_int_equal(img.text_offset, 0);
	assert_int_equal(img.image_size, 0x2e10000);
	assert_int_equal(img.page_kb, 4);
	assert_true(img.anywhere);
}

static void test_old_kernel_defaults(void **state)
{
	(void)state;
	good_header();
	put64(hdr + 16, 0);
	put64(hdr + 24, 0);
	assert_int_equal(parse(0x900000), 0);
	assert_int_equal(img.text_offset, 0x80000);
	assert_int_equal(img.image_size, 0x900000);
	assert_int_equal(img.page_kb, 0);
	assert_false(img.anywhere);
}

static void refused(size_t size, const char *text)
{
	assert_int_equal(parse(size), -1);
	if (!strstr(why, text))
		print_error("\"%s\" not in \"%s\"\n", text, why);
	assert_non_null(strstr(why, text));
}

static void test_refusals(void **state)
{
	(void)state;
	good_header();
	hdr[0] = 0x1f;
	hdr[1] = 0x8b;
	refused(0x1000, "gunzip it first");
	good_header();
	refused(63, "not an arm64 Linux Image");
	hdr[57] = 'X';
	refused(0x1000, "not an arm64 Linux Image");
	good_header();
	put64(hdr + 24, 0xb);
	refused(0x1000, "big-endian");
	good_header();
	refused(0x2e10001, "smaller than the file");
	good_header();
	put64(hdr + 8, 0x80010);
	refused(0x1000, "text_offset");
	good_header();
	put64(hdr + 8, 0x200000);
	refused(0x1000, "text_offset");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_a_6_1_header),
		cmocka_unit_test(test_old_kernel_defaults),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests_name("linux-image: arm64 Image header",
					   tests, NULL, NULL);
}
