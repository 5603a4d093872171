// SPDX-License-Identifier: BSD-2-Clause
/*
 * Peer 0 of the ping-pong channel (channel-demo): CPU 2, 1 MiB RAM.
 */
#include "zcu102.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("ping", BH_CPU(2), ZCU_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(4), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
