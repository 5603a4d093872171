// SPDX-License-Identifier: GPL-2.0
/*
 * The few libc routines the hypervisor needs.  Byte-wise on purpose: the
 * first CPU runs with its MMU off, where unaligned accesses fault.
 */
#include <hv/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (IS_ALIGNED((uintptr_t)d | (uintptr_t)s | n, 8)) {
		u64 *d8 = dst;
		const u64 *s8 = src;

		for (n /= 8; n; n--)
			*d8++ = *s8++;
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	u8 *p = s;

	if (c == 0 && IS_ALIGNED((uintptr_t)p | n, 8)) {
		u64 *p8 = s;

		for (n /= 8; n; n--)
			*p8++ = 0;
		return s;
	}
	while (n--)
		*p++ = (u8)c;
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

size_t strlen(const char *s)
{
	return strnlen(s, ~0UL);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}
