/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_STRING_H
#define _HV_STRING_H

#include <hv/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strncmp(const char *a, const char *b, size_t n);

#endif
