/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The node of a Linux cell's device tree that tells bulkhead.ko in the
 * cell where its comm region is (driver/cell_side.c):
 *
 *	bulkhead-comm@80000000 {
 *		compatible = "bulkhead,comm-region";
 *		reg = <0x0 0x80000000 0x0 0x1000>;
 *	};
 *
 * The module finds the cell's channels there and registers each as a UIO
 * device.  Pure libfdt, no I/O.
 */
#ifndef _BULKHEAD_LINUX_DTB_COMM_H
#define _BULKHEAD_LINUX_DTB_COMM_H

#include <stdint.h>

#define BH_LINUX_COMM_COMPATIBLE "bulkhead,comm-region"

/*
 * Add the node under / of fdt (open, with room to grow), for a comm
 * region at guest-physical address comm_guest_address (BH_COMM_REGION_ADDR).
 * Return: 0, or a negative libfdt error (-FDT_ERR_NOSPACE: grow the
 * tree and call again; -FDT_ERR_EXISTS: the tree has such a node).
 */
int bh_linux_dtb_add_comm(void *fdt, uint64_t comm_guest_address);

#endif
