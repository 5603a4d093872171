// SPDX-License-Identifier: BSD-2-Clause
/*
 * gic-demo on the ZCU102: CPU 2, 1 MiB RAM, uart1 for its output.
 */
#include "zcu102.h"

BH_CELL_CONFIG(3) = {
	.cell = {
		BH_CELL("gic-demo", BH_CPU(2), ZCU_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
		ZCU_CELL_UART_IRQS,
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(1), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
		ZCU_CELL_UART_REGION,
	},
};
