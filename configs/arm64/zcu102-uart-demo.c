// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo on the ZCU102: CPU 1, 1 MiB RAM, uart1 and its interrupt.
 */
#include "zcu102.h"

BH_CELL_CONFIG(3) = {
	.cell = {
		BH_CELL("uart-demo", BH_CPU(1), ZCU_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
		ZCU_CELL_UART_IRQS,
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(0), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
		ZCU_CELL_UART_REGION,
	},
};
