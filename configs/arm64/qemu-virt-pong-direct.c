// SPDX-License-Identifier: BSD-2-Clause
/*
 * Peer 1 of the ping-pong channel with direct interrupt delivery: its
 * doorbells reach it without an exit.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE | BH_CELL_DIRECT_IRQ,
		.name = "pong",
		.cpu_set = 1ULL << 3,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(5), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
