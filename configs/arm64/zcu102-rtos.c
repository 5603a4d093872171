// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RTOS cell on the ZCU102: CPU 3, 1 MiB RAM, uart1 and its interrupt.
 * No BH_CELL_DIRECT_IRQ: that needs GICv3.
 */
#include "zcu102.h"

BH_CELL_CONFIG(3) = {
	.cell = {
		BH_CELL("rtos", BH_CPU(3), ZCU_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
		ZCU_CELL_UART_IRQS,
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(3), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
		ZCU_CELL_UART_REGION,
	},
};
