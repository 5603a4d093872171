// SPDX-License-Identifier: GPL-2.0
/*
 * Where `bulkhead cell linux` puts things in the cell's first LOADABLE
 * region, and the boot stub it runs first.  The cell's first CPU starts
 * at the config's entry with its MMU off; there the stub sets up what
 * Documentation/arm64/booting.rst asks (x0 = the DTB, x1-x3 = 0) and
 * branches to the kernel:
 *
 *   entry                 the stub (40 bytes)
 *   2 MiB-aligned base    + text_offset: the kernel, image_size with .bss
 *   ...                   free: Linux's to use
 *   below the DTB         the initrd, page aligned
 *   top of RAM            the DTB, 8-byte aligned, in one 2 MiB block
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/abi.h>

#include "linux-dtb.h"

#define MIB  0x100000ULL
#define PAGE 0x1000ULL

/* Instructions of the stub (see linux-dtb.h), for x0 = [pc + 24] etc. */
#define A64_LDR_X0_PC24 0x580000c0 /* ldr x0, .+24 */
#define A64_LDR_X4_PC28 0x580000e4 /* ldr x4, .+28 */
#define A64_MOV_X1_XZR	0xaa1f03e1 /* mov x1, xzr (orr x1, xzr, xzr) */
#define A64_MOV_X2_XZR	0xaa1f03e2 /* mov x2, xzr */
#define A64_MOV_X3_XZR	0xaa1f03e3 /* mov x3, xzr */
#define A64_BR_X4	0xd61f0080 /* br x4 */

static uint64_t align_down(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

static uint64_t align_up(uint64_t x, uint64_t a)
{
	return align_down(x + a - 1, a);
}

static void put32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

void bh_linux_stub(unsigned char buf[BH_LINUX_STUB_SIZE], uint64_t dtb,
		   uint64_t kernel)
{
	static const uint32_t code[] = {
		A64_LDR_X0_PC24, A64_LDR_X4_PC28, A64_MOV_X1_XZR,
		A64_MOV_X2_XZR,	 A64_MOV_X3_XZR,  A64_BR_X4,
	};
	unsigned int i;

	for (i = 0; i < sizeof(code) / sizeof(code[0]); i++)
		put32(buf + 4 * i, code[i]);
	put32(buf + 24, (uint32_t)dtb);
	put32(buf + 28, (uint32_t)(dtb >> 32));
	put32(buf + 32, (uint32_t)kernel);
	put32(buf + 36, (uint32_t)(kernel >> 32));
}

static int refuse(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* The cell's first LOADABLE RAM region, or NULL. */
static const struct bh_memory_region *
first_loadable(const struct bh_cell_desc *cell, size_t cfg_size)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell);
	unsigned int n;

	if (cfg_size < sizeof(*cell) || bh_cell_config_size(cell) > cfg_size)
		return NULL;
	for (n = 0; n < cell->num_memory_regions; n++, r++)
		if (r->flags & BH_MEM_LOADABLE &&
		    !(r->flags & (BH_MEM_IO | BH_MEM_COMM_REGION)) && r->size)
			return r;
	return NULL;
}

static uint64_t mib_up(uint64_t bytes)
{
	return (bytes + MIB - 1) / MIB;
}

static int no_room(const struct bh_linux_layout *l, char *why, size_t len)
{
	if (!l->initrd_size)
		return refuse(why, len,
			      "the kernel (%llu MiB with .bss) does not fit in the cell's RAM (%llu MiB) with its device tree: give the cell more RAM",
			      (unsigned long long)mib_up(l->kernel_size),
			      (unsigned long long)(l->ram_size / MIB));
	return refuse(why, len,
		      "kernel (%llu MiB with .bss) and initrd (%llu MiB) do not fit in the cell's RAM (%llu MiB): give the cell more RAM",
		      (unsigned long long)mib_up(l->kernel_size),
		      (unsigned long long)mib_up(l->initrd_size),
		      (unsigned long long)(l->ram_size / MIB));
}

/* The DTB at the top, in one 2 MiB block; the initrd below it. */
static int place_top(struct bh_linux_layout *l, char *why, size_t len)
{
	uint64_t end = l->ram_start + l->ram_size;

	if (l->dtb_size > BH_LINUX_DTB_MAX)
		return refuse(why, len,
			      "the device tree is %llu bytes, Linux takes at most 2 MiB: a smaller -d DTB",
			      (unsigned long long)l->dtb_size);
	if (l->dtb_size + l->initrd_size + 2 * PAGE > l->ram_size)
		return no_room(l, why, len);
	l->dtb = align_down(end - l->dtb_size, 8);
	if (l->dtb >> 21 != (l->dtb + l->dtb_size - 1) >> 21)
		l->dtb = align_down(align_down(end, BH_LINUX_KERNEL_ALIGN) -
					    l->dtb_size,
				    8);
	if (l->dtb < l->ram_start + l->initrd_size + PAGE)
		return no_room(l, why, len);
	l->initrd = l->initrd_size ? align_down(l->dtb - l->initrd_size, PAGE) :
				     l->dtb;
	return 0;
}

int bh_linux_layout(const void *cfg, size_t cfg_size,
		    const struct bh_linux_image *img, uint64_t kernel_file,
		    uint64_t initrd_size, uint64_t dtb_size,
		    struct bh_linux_layout *l, char *why, size_t len)
{
	const struct bh_cell_desc *cell = cfg;
	const struct bh_memory_region *r = first_loadable(cell, cfg_size);
	uint64_t entry, base;

	memset(l, 0, sizeof(*l));
	if (!r)
		return refuse(why, len,
			      "the cell has no LOADABLE RAM region: give its RAM region the flag loadable");
	entry = cell->entry;
	l->ram_start = r->virt_start;
	l->ram_size = r->size;
	l->kernel_file = kernel_file;
	l->kernel_size = img->image_size;
	l->initrd_size = initrd_size;
	l->dtb_size = dtb_size;
	if (entry < r->virt_start || entry - r->virt_start >= r->size)
		return refuse(why, len,
			      "entry 0x%llx is not in the cell's first loadable region [0x%llx-0x%llx): the boot stub goes there",
			      (unsigned long long)entry,
			      (unsigned long long)r->virt_start,
			      (unsigned long long)(r->virt_start + r->size));
	if (entry & 7)
		return refuse(why, len,
			      "entry 0x%llx is not 8-byte aligned: the boot stub's literals must be",
			      (unsigned long long)entry);
	l->stub = entry;
	if (place_top(l, why, len))
		return -1;
	base = align_up(entry + BH_LINUX_STUB_ROOM, BH_LINUX_KERNEL_ALIGN);
	l->kernel = base + img->text_offset;
	if (base < entry || l->kernel > l->initrd ||
	    l->initrd - l->kernel < img->image_size)
		return no_room(l, why, len);
	l->free = l->initrd - (l->kernel + img->image_size);
	return 0;
}
