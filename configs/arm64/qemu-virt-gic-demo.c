// SPDX-License-Identifier: BSD-2-Clause
/*
 * gic-demo on QEMU virt: CPU 2, 1 MiB RAM; its timer and SGIs are per-CPU
 * interrupts, so it owns no SPI.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("gic-demo", BH_CPU(2), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(1), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
