// SPDX-License-Identifier: BSD-2-Clause
/*
 * The attack suite's victim (tests/system/test_attacks.py): the RTOS on
 * CPU 3 beside the attacker on CPU 2, printing through the console
 * hypercall and owning no device, so it can run with any attacker.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "victim",
		.cpu_set = 1ULL << 3,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(3), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
