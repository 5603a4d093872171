// SPDX-License-Identifier: BSD-2-Clause
/*
 * gic-demo on QEMU virt with direct interrupt delivery: the same CPU 2 and
 * RAM as gic-demo (run one of them at a time), so the two measure the same
 * program both ways: trap-and-inject and no hypervisor exit at all.
 */
#include "qemu-virt.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("gic-demo-direct", BH_CPU(2), VIRT_INMATE_BASE),
		.flags = BH_CELL_CONSOLE | BH_CELL_DIRECT_IRQ,
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(1), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
