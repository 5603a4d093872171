// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo on the ZCU102 with a virtual UART in place of uart1: CPU 1,
 * 1 MiB RAM, the vUART at 0xff010000 raising INTID 140 (a PL-to-PS line
 * nothing drives in QEMU).  It prints there and echoes what
 * `bulkhead cell console vuart-demo` sends.
 */
#include "zcu102.h"

#define ZCU_VUART_IRQ 140

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("vuart-demo", BH_CPU(1), ZCU_INMATE_BASE),
		BH_OWN_IRQ(ZCU_VUART_IRQ),
		BH_VUART(ZCU_UART1_BASE, ZCU_VUART_IRQ),
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(6), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
