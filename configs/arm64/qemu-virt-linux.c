// SPDX-License-Identifier: BSD-2-Clause
/*
 * A second Linux on QEMU virt (`bulkhead cell linux`): CPUs 1 and 2,
 * 112 MiB of RAM (the cells' windows 7 to 13, 0x77000000 up to the
 * channels), seen at 0x40000000, and a vUART at 0x09000000 raising
 * INTID 253 as its console.  The RTOS (CPU 3, 0x73000000) runs beside it.
 */
#include "qemu-virt.h"

#define VIRT_LINUX_RAM	     VIRT_CELL_RAM(7)
#define VIRT_LINUX_VUART_IRQ 253

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("linux2", BH_CPU(1) | BH_CPU(2), VIRT_INMATE_BASE),
		BH_OWN_IRQ(VIRT_LINUX_VUART_IRQ),
		BH_VUART(VIRT_UART_BASE, VIRT_LINUX_VUART_IRQ),
	},
	.mem = {
		BH_REGION_CELL_RAM(VIRT_LINUX_RAM, VIRT_INMATE_BASE, MIB(112)),
		BH_REGION_COMM,
	},
};
