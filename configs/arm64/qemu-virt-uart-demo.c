// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo on QEMU virt: CPU 1, 1 MiB RAM.  It prints through the console
 * hypercall: virt's only UART is Linux's.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "uart-demo",
		.cpu_set = 1ULL << 1,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(0), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
