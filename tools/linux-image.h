/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 Linux Image header (Documentation/arm64/booting.rst in Linux):
 * what `bulkhead cell linux` needs to place a kernel, and why it refuses
 * one.  Pure: no I/O, the host unit tests link it directly.
 */
#ifndef _BULKHEAD_LINUX_IMAGE_H
#define _BULKHEAD_LINUX_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define BH_IMAGE_HEADER_SIZE 64
#define BH_IMAGE_MAGIC	     0x644d5241 /* "ARM\x64" at offset 56 */
#define BH_IMAGE_OLD_OFFSET  0x80000	/* image_size 0: before 3.17 */

struct bh_linux_image {
	uint64_t text_offset; /* from a 2 MiB-aligned base */
	uint64_t image_size;  /* what it occupies, .bss included */
	uint64_t flags;
	unsigned int page_kb; /* 4, 16, 64, or 0: not said */
	int anywhere;	      /* may sit anywhere in RAM (flags bit 3) */
};

/*
 * 0 and *img filled in, or -1 with the reason (one line, the fix in it)
 * in why.  file_size is the whole file's size.
 */
int bh_linux_image_parse(const void *buf, size_t file_size,
			 struct bh_linux_image *img, char *why, size_t len);

#endif
