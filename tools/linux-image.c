// SPDX-License-Identifier: GPL-2.0
/*
 * Reading an arm64 Linux Image header, for `bulkhead cell linux`: a file
 * that is not a kernel this can boot is refused with the reason.
 */
#include <stdio.h>
#include <string.h>

#include "linux-image.h"

#define FLAG_BE	      (1ULL << 0)
#define FLAG_PAGE(f)  (((f) >> 1) & 3)
#define FLAG_ANYWHERE (1ULL << 3)

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int refuse(char *why, size_t len, const char *msg)
{
	snprintf(why, len, "%s", msg);
	return -1;
}

int bh_linux_image_parse(const void *buf, size_t file_size,
			 struct bh_linux_image *img, char *why, size_t len)
{
	static const unsigned int page_kb[] = { 0, 4, 16, 64 };
	const unsigned char *p = buf;

	if (file_size >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return refuse(why, len,
			      "a gzip file (Image.gz?): gunzip it first, the kernel must be an uncompressed Image");
	if (file_size < BH_IMAGE_HEADER_SIZE ||
	    le64(p + 56) << 32 >> 32 != BH_IMAGE_MAGIC)
		return refuse(why, len,
			      "not an arm64 Linux Image (no \"ARM\\x64\" magic at offset 56): give the kernel's arch/arm64/boot/Image");
	memset(img, 0, sizeof(*img));
	img->text_offset = le64(p + 8);
	img->image_size = le64(p + 16);
	img->flags = le64(p + 24);
	if (!img->image_size) {
		/* before Linux 3.17: the offset was fixed, the size unsaid */
		img->text_offset = BH_IMAGE_OLD_OFFSET;
		img->image_size = file_size;
	}
	if (img->flags & FLAG_BE)
		return refuse(why, len,
			      "a big-endian kernel: cells run little-endian, build it without CPU_BIG_ENDIAN");
	if (img->image_size < file_size)
		return refuse(why, len,
			      "image_size in the header is smaller than the file: a damaged or concatenated Image");
	if (img->text_offset & 0xfff || img->text_offset >= 0x200000)
		return refuse(why, len,
			      "text_offset is not a page-aligned offset below 2 MiB: a damaged Image");
	img->page_kb = page_kb[FLAG_PAGE(img->flags)];
	img->anywhere = !!(img->flags & FLAG_ANYWHERE);
	return 0;
}
