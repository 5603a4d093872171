// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RTOS cell on QEMU virt with its interrupts delivered straight to EL1
 * (BH_CELL_DIRECT_IRQ, GICv3 only): CPU 3, 1 MiB RAM, as qemu-virt-rtos.c.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("rtos", BH_CPU(3), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE | BH_CELL_DIRECT_IRQ,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(3), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
