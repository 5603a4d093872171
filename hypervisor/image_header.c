// SPDX-License-Identifier: GPL-2.0
/*
 * The first bytes of the image: what the driver reads before the
 * hypervisor ever runs (struct bh_image_header, laid out and checked in
 * abi.h).  The linker script puts it first.
 */
#include <hv/console.h>
#include <hv/setup.h>
#include <asm/asm-defs.h>

extern u8 __core_end[], bootstrap_vectors[];

#define IMAGE_OFFSET(sym) ((u64)(sym)-CONFIG_HV_PHYS_BASE)

struct bh_image_header image_header __section(".header") = {
	.signature = BH_IMAGE_SIGNATURE,
	.link_base = CONFIG_HV_PHYS_BASE,
	.core_size = IMAGE_OFFSET(__core_end),
	.bootstrap_vectors = IMAGE_OFFSET(bootstrap_vectors),
	.max_cpus = CONFIG_HV_MAX_CPUS,
	.gic_version = GIC_VERSION,
	.console_offset = IMAGE_OFFSET(&console_ring),
	.log_offset = IMAGE_OFFSET(&log_ring),
};
