// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo on QEMU virt: CPU 1, 1 MiB RAM.  It prints through the console
 * hypercall: virt's only UART is Linux's.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("uart-demo", BH_CPU(1), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(0), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
