// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RTOS cell on QEMU virt: CPU 3, 1 MiB RAM, trap-and-inject interrupts.
 * qemu-virt-rtos-direct.c is the same cell with direct delivery.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("rtos", BH_CPU(3), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(3), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
