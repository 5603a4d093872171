// SPDX-License-Identifier: BSD-2-Clause
/*
 * Peer 0 of the ping-pong channel (channel-demo): CPU 2, 1 MiB RAM.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "ping",
		.cpu_set = 1ULL << 2,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(4), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
