// SPDX-License-Identifier: BSD-2-Clause
/*
 * A second Linux on the ZCU102 (`bulkhead cell linux`): CPUs 1 and 2,
 * 256 MiB of RAM at 0x68000000, seen at 0x0 as the board's own DDR is,
 * and a vUART in place of uart1 (0xff010000) raising INTID 141 (a
 * PL-to-PS line nothing drives in QEMU) as its console.  The RTOS (CPU 3,
 * 0x63000000) runs beside it.
 */
#include "zcu102.h"

#define ZCU_LINUX_RAM	    ZCU_CELL_RAM(8)
#define ZCU_LINUX_VUART_IRQ 141

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("linux2", BH_CPU(1) | BH_CPU(2), ZCU_INMATE_BASE),
		BH_OWN_IRQ(ZCU_LINUX_VUART_IRQ),
		BH_VUART(ZCU_UART1_BASE, ZCU_LINUX_VUART_IRQ),
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_LINUX_RAM, ZCU_INMATE_BASE, MIB(256)),
		BH_REGION_COMM,
	},
};
