// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo on QEMU virt with a virtual UART: CPU 1, 1 MiB RAM, the vUART
 * at 0x09000000 (where virt has its PL011) raising INTID 252.  It prints
 * there and echoes what `bulkhead cell console vuart-demo` sends.
 */
#include "qemu-virt.h"

#define VIRT_VUART_IRQ 252

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("vuart-demo", BH_CPU(1), VIRT_INMATE_BASE),
		BH_OWN_IRQ(VIRT_VUART_IRQ),
		BH_VUART(VIRT_UART_BASE, VIRT_VUART_IRQ),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(6), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
