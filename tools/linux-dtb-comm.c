// SPDX-License-Identifier: GPL-2.0
/*
 * The comm-region node of a Linux cell's device tree (linux-dtb-comm.h).
 * The reg property is written with the root node's #address-cells and
 * #size-cells (2 and 2 when it has none: what the cell trees use).
 */
#include <stdio.h>
#include <libfdt.h>

#include "linux-dtb-comm.h"

#define BH_COMM_NODE_SIZE 0x1000

static int cells_of(const void *fdt, const char *name, int def)
{
	const fdt32_t *v;
	int len;

	v = fdt_getprop(fdt, 0, name, &len);
	if (!v || len != sizeof(*v))
		return def;
	return (int)fdt32_to_cpu(*v);
}

/* value as n big-endian cells at out; -1 if it does not fit */
static int put_cells(fdt32_t *out, int n, uint64_t value)
{
	int i;

	if (n < 1 || n > 2 || (n == 1 && value >> 32))
		return -1;
	for (i = n - 1; i >= 0; i--) {
		out[i] = cpu_to_fdt32((uint32_t)value);
		value >>= 32;
	}
	return 0;
}

int bh_linux_dtb_add_comm(void *fdt, uint64_t comm_guest_address)
{
	int ac = cells_of(fdt, "#address-cells", 2);
	int sc = cells_of(fdt, "#size-cells", 2);
	fdt32_t reg[4];
	char name[48];
	int node, err;

	if (put_cells(reg, ac, comm_guest_address) ||
	    put_cells(reg + ac, sc, BH_COMM_NODE_SIZE))
		return -FDT_ERR_BADNCELLS;
	if (fdt_node_offset_by_compatible(fdt, -1, BH_LINUX_COMM_COMPATIBLE) >=
	    0)
		return -FDT_ERR_EXISTS;
	snprintf(name, sizeof(name), "bulkhead-comm@%llx",
		 (unsigned long long)comm_guest_address);
	node = fdt_add_subnode(fdt, 0, name);
	if (node < 0)
		return node;
	err = fdt_setprop_string(fdt, node, "compatible",
				 BH_LINUX_COMM_COMPATIBLE);
	if (!err)
		err = fdt_setprop(fdt, node, "reg", reg,
				  (int)((ac + sc) * sizeof(fdt32_t)));
	/* a half-made node would mislead the module: take it out again */
	if (err)
		fdt_del_node(fdt, node);
	return err;
}
