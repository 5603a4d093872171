// SPDX-License-Identifier: BSD-2-Clause
/*
 * fault-demo on the ZCU102: CPU 2, 1 MiB RAM, uart1.  It touches memory
 * outside its config on purpose.
 */
#include "zcu102.h"

BH_CELL_CONFIG(3) = {
	.cell = {
		BH_CELL("fault-demo", BH_CPU(2), ZCU_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
		ZCU_CELL_UART_IRQS,
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(2), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
		ZCU_CELL_UART_REGION,
	},
};
