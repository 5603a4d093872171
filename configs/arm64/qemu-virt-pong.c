// SPDX-License-Identifier: BSD-2-Clause
/*
 * Peer 1 of the ping-pong channel (channel-demo): CPU 3, 1 MiB RAM,
 * trap-and-inject interrupts.  qemu-virt-pong-direct.c: direct delivery.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("pong", BH_CPU(3), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(5), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
