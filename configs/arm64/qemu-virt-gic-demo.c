// SPDX-License-Identifier: BSD-2-Clause
/*
 * gic-demo on QEMU virt: CPU 2, 1 MiB RAM; its timer and SGIs are per-CPU
 * interrupts, so it owns no SPI.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "gic-demo",
		.cpu_set = 1ULL << 2,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(1), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
