// SPDX-License-Identifier: BSD-2-Clause
/*
 * fault-demo on QEMU virt: CPU 2 (shared with gic-demo: run one of them at
 * a time), 1 MiB RAM.  It touches memory outside its config on purpose.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("fault-demo", BH_CPU(2), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(2), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
