// SPDX-License-Identifier: BSD-2-Clause
/*
 * gic-demo on QEMU virt with direct interrupt delivery: the same CPU 2 and
 * RAM as gic-demo (run one of them at a time), so the two measure the same
 * program both ways: trap-and-inject and no hypervisor exit at all.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE | BH_CELL_DIRECT_IRQ,
		.name = "gic-demo-direct",
		.cpu_set = 1ULL << 2,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(1), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
