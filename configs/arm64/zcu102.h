/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory plan of the ZCU102 (QEMU xlnx-zcu102, 2 GiB at 0x0, Linux booted
 * mem=1536M):
 *
 *   0x00000000-0x5fffffff  Linux (root cell)
 *   0x60000000-0x7fbfffff  cells, one 16 MiB window each (uart-demo,
 *                          gic-demo, fault-demo, rtos)
 *   0x7e000000-0x7e2fffff  channels (rtos-link, ping-pong, cell-link), in
 *                          cells' RAM the root never maps
 *   0x7fc00000-0x7fffffff  hypervisor (the image is linked there)
 *
 * Cells see their RAM at CONFIG_INMATE_BASE (0x0).  uart0 is Linux's
 * console and the hypervisor's; uart1 (SPI 22 = INTID 54) is the inmates'.
 * Only one cell can own uart1 at a time: run a second cell after removing
 * the UART from its config (it still has the console hypercall).
 */
#ifndef _BULKHEAD_CONFIG_ZCU102_H
#define _BULKHEAD_CONFIG_ZCU102_H

#include "bulkhead-config.h"

#define ZCU_ROOT_RAM_BASE 0x0ULL
#define ZCU_ROOT_RAM_SIZE MIB(1536)
#define ZCU_HV_BASE	  0x7fc00000ULL
#define ZCU_HV_SIZE	  MIB(4)
#define ZCU_CELL_RAM(n)	  (0x60000000ULL + (n)*MIB(16))
#define ZCU_CHANNEL_BASE  0x7e000000ULL
#define ZCU_INMATE_BASE	  0x0ULL
#define ZCU_UART0_BASE	  0xff000000ULL
#define ZCU_UART1_BASE	  0xff010000ULL
#define ZCU_UART1_IRQ	  54

/* Every cell on this board gets uart1, as its console, and its interrupt. */
#define ZCU_CELL_UART_REGION BH_REGION_CONSOLE(ZCU_UART1_BASE, 0x1000)
#define ZCU_CELL_UART_IRQS   BH_OWN_IRQ(ZCU_UART1_IRQ)

#endif /* _BULKHEAD_CONFIG_ZCU102_H */
