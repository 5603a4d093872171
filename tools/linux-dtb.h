/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `bulkhead cell linux` puts in a cell: where the boot stub, the
 * kernel, the initrd and the device tree go in the cell's RAM, the stub's
 * instructions, and the device tree itself, made with libfdt from the
 * cell config and the root cell's device tree.  Pure: no I/O, the host
 * unit tests link it directly (with tools/cli-dtdev.c).
 */
#ifndef _BULKHEAD_LINUX_DTB_H
#define _BULKHEAD_LINUX_DTB_H

#include <stddef.h>
#include <stdint.h>

#include "linux-image.h"

/* the command line's limit, its NUL included */
#define BH_LINUX_CMDLINE_MAX	2048
/* Documentation/arm64/booting.rst: at most 2 MiB, 8-byte aligned */
#define BH_LINUX_DTB_MAX	0x200000
/* six instructions, then two 64-bit literals */
#define BH_LINUX_STUB_WORDS	10
#define BH_LINUX_STUB_SIZE	(BH_LINUX_STUB_WORDS * 4)
/* the kernel starts at least this far above the stub */
#define BH_LINUX_STUB_ROOM	0x1000
#define BH_LINUX_KERNEL_ALIGN	0x200000
/*
 * The contiguous (CMA) area Linux reserves: Debian's kernel takes 64 MiB
 * by default (CONFIG_CMA_SIZE_MBYTES), all but a small cell's RAM; a cell
 * has no DMA-capable device to give it to.  cma= on the command line
 * still wins.
 */
#define BH_LINUX_CMA_SIZE	0x400000
/* fixed-clock rate of the vUART's clock node */
#define BH_LINUX_VUART_CLOCK	24000000
/* what the vUART answers in its ID registers (hypervisor/vuart.c) */
#define BH_LINUX_VUART_PERIPHID 0x00141011
#define BH_LINUX_MAX_WARNINGS	16
#define BH_LINUX_MSG_LEN	200

/* Guest-physical addresses and sizes in the cell's first LOADABLE region. */
struct bh_linux_layout {
	uint64_t ram_start; /* the region */
	uint64_t ram_size;
	uint64_t stub;	      /* the cell's entry */
	uint64_t kernel;      /* 2 MiB-aligned base + text_offset */
	uint64_t kernel_file; /* bytes loaded from the file */
	uint64_t kernel_size; /* image_size: with .bss */
	uint64_t initrd;      /* 0 size: none */
	uint64_t initrd_size;
	uint64_t dtb;
	uint64_t dtb_size;
	uint64_t free; /* between the kernel and the initrd */
};

/*
 * Place everything: 0, or -1 and why (one line, the fix in it).
 * cell is a checked binary cell config of cfg_size bytes.
 */
int bh_linux_layout(const void *cell, size_t cfg_size,
		    const struct bh_linux_image *img, uint64_t kernel_file,
		    uint64_t initrd_size, uint64_t dtb_size,
		    struct bh_linux_layout *l, char *why, size_t len);

/*
 * The boot stub, at address stub (the cell's entry, 8-byte aligned):
 *
 *	ldr	x0, 1f		// the DTB
 *	ldr	x4, 2f		// the kernel's first instruction
 *	mov	x1, xzr
 *	mov	x2, xzr
 *	mov	x3, xzr
 *	br	x4
 * 1:	.quad	dtb
 * 2:	.quad	kernel
 *
 * Written little-endian into buf.
 */
void bh_linux_stub(unsigned char buf[BH_LINUX_STUB_SIZE], uint64_t dtb,
		   uint64_t kernel);

/* What the device tree is made from. */
struct bh_linux_dtb_in {
	const void *cell; /* checked binary cell config */
	size_t cfg_size;
	const void *root_fdt; /* the root cell's tree: CPUs, GIC,
					 * timer, devices */
	const void *base_fdt; /* -d: NULL, or a tree to start from */
	const char *bootargs; /* -c, or NULL: the default */
	int has_initrd;	      /* add linux,initrd-{start,end} */
};

struct bh_linux_dtb {
	void *fdt; /* malloc()ed, packed */
	size_t size;
	char bootargs[BH_LINUX_CMDLINE_MAX]; /* as put in /chosen */
	unsigned int num_warnings;
	char warnings[BH_LINUX_MAX_WARNINGS][BH_LINUX_MSG_LEN];
};

/*
 * The cell's device tree: 0, or -1 and why.  Warnings (a device the root's
 * tree does not describe, properties dropped) are in out->warnings.  With
 * has_initrd the initrd's properties are 0 until bh_linux_dtb_set_initrd().
 */
int bh_linux_dtb_build(const struct bh_linux_dtb_in *in,
		       struct bh_linux_dtb *out, char *why, size_t len);
int bh_linux_dtb_set_initrd(void *fdt, uint64_t start, uint64_t end);

#endif
