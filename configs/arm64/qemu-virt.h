/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory plan of QEMU virt (1 GiB RAM at 0x40000000, Linux booted mem=768M):
 *
 *   0x40000000-0x6fffffff  Linux (root cell)
 *   0x70000000-0x7fbfffff  cells, one 16 MiB window each (uart-demo, gic-demo,
 *                          fault-demo, rtos), so any cells on distinct CPUs
 *                          can run side by side
 *   0x7e000000-0x7e2fffff  channels (rtos-link, ping-pong, cell-link), in
 *                          the same cells' RAM the root never maps
 *   0x7fc00000-0x7fffffff  hypervisor (the image is linked there)
 *
 * Cells see their RAM at CONFIG_INMATE_BASE (0x40000000), where the inmates
 * are linked.  The only non-secure UART is Linux's console, so virt cells
 * print through the console hypercall (BH_CELL_CONSOLE) instead.
 */
#ifndef _BULKHEAD_CONFIG_QEMU_VIRT_H
#define _BULKHEAD_CONFIG_QEMU_VIRT_H

#include "bulkhead-config.h"

#define VIRT_ROOT_RAM_BASE 0x40000000ULL
#define VIRT_ROOT_RAM_SIZE MIB(768)
#define VIRT_HV_BASE	   0x7fc00000ULL
#define VIRT_HV_SIZE	   MIB(4)
#define VIRT_CELL_RAM(n)   (0x70000000ULL + (n)*MIB(16))
#define VIRT_CHANNEL_BASE  0x7e000000ULL
#define VIRT_INMATE_BASE   0x40000000ULL
#define VIRT_UART_BASE	   0x09000000ULL

#endif /* _BULKHEAD_CONFIG_QEMU_VIRT_H */
