// SPDX-License-Identifier: BSD-2-Clause
/*
 * fault-demo on the ZCU102: CPU 2, 1 MiB RAM, uart1.  It touches memory
 * outside its config on purpose.
 */
#include "zcu102.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[3];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "fault-demo",
		.cpu_set = 1ULL << 2,
		.entry = ZCU_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
		ZCU_CELL_UART_IRQS,
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(2), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
		ZCU_CELL_UART_REGION,
	},
};
