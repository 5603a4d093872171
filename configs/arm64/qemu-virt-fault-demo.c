// SPDX-License-Identifier: BSD-2-Clause
/*
 * fault-demo on QEMU virt: CPU 2 (shared with gic-demo: run one of them at
 * a time), 1 MiB RAM.  It touches memory outside its config on purpose.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "fault-demo",
		.cpu_set = 1ULL << 2,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(2), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
