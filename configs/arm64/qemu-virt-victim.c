// SPDX-License-Identifier: BSD-2-Clause
/*
 * The attack suite's victim (tests/system/test_attacks.py): the RTOS on
 * CPU 3 beside the attacker on CPU 2, printing through the console
 * hypercall and owning no device, so it can run with any attacker.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("victim", BH_CPU(3), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(3), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
