// SPDX-License-Identifier: GPL-2.0
/*
 * A device named by its device-tree path, for `device = /path` in a text
 * config: its first register window (translated through the buses'
 * `ranges` to a physical address) and its SPIs (GIC, three cells an
 * interrupt: type 0 is an SPI, INTID = number + 32).
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>

#include "cli.h"
#include "textconf.h"

static __u64 cells_value(const fdt32_t *p, int n)
{
	__u64 v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

static int cells_of(const void *fdt, int node, const char *name, int def)
{
	const fdt32_t *p = node >= 0 ? fdt_getprop(fdt, node, name, NULL) :
				       NULL;

	return p ? (int)fdt32_to_cpu(*p) : def;
}

/* Translate addr from bus's children's space to bus's parent's. */
static int translate(const void *fdt, int bus, __u64 *addr)
{
	int len, ca, pa, sc, step, off;
	const fdt32_t *r = fdt_getprop(fdt, bus, "ranges", &len);

	if (!r || len == 0)
		return 0; /* no ranges at all, or the identity */
	ca = cells_of(fdt, bus, "#address-cells", 2);
	sc = cells_of(fdt, bus, "#size-cells", 1);
	pa = cells_of(fdt, fdt_parent_offset(fdt, bus), "#address-cells", 2);
	step = ca + pa + sc;
	if (ca > 2 || pa > 2 || sc > 2 || step <= 0)
		return -1;
	for (off = 0; (off + step) * 4 <= len; off += step) {
		__u64 child = cells_value(r + off, ca);
		__u64 parent = cells_value(r + off + ca, pa);
		__u64 size = cells_value(r + off + ca + pa, sc);

		if (*addr >= child && *addr - child < size) {
			*addr = *addr - child + parent;
			return 0;
		}
	}
	return -1;
}

/*
 * Register window `index` of a node as a physical address: 0, or -1 when
 * there is no such window or a bus on the way has no translation (the node
 * is on an I2C or SPI bus, say: not memory-mapped).
 */
int bh_dt_reg(const void *fdt, int node, int index, __u64 *addr, __u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), len, ac, sc, bus;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	ac = cells_of(fdt, parent, "#address-cells", 2);
	sc = cells_of(fdt, parent, "#size-cells", 1);
	if (!reg || ac > 2 || sc > 2 || ac < 1 || sc < 1 ||
	    len < (ac + sc) * 4 * (index + 1))
		return -1;
	reg += (ac + sc) * index;
	*addr = cells_value(reg, ac);
	*size = cells_value(reg + ac, sc);
	for (bus = parent; bus > 0; bus = fdt_parent_offset(fdt, bus)) {
		if (!fdt_getprop(fdt, bus, "ranges", NULL))
			return -1;
		if (translate(fdt, bus, addr))
			return -1;
	}
	return 0;
}

/* The interrupt controller's #interrupt-cells for a node. */
static int irq_cells(const void *fdt, int node)
{
	const fdt32_t *ph;

	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		ph = fdt_getprop(fdt, node, "interrupt-parent", NULL);
		if (ph)
			return cells_of(fdt,
					fdt_node_offset_by_phandle(fdt,
								   fdt32_to_cpu(
									   *ph)),
					"#interrupt-cells", 0);
	}
	return 0;
}

void bh_dt_spis(const void *fdt, int node, struct bh_text_device *dev)
{
	int len, n = irq_cells(fdt, node), off;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", &len);

	if (!p || n != 3)
		return;
	for (off = 0; (off + 3) * 4 <= len; off += 3)
		if (fdt32_to_cpu(p[off]) == 0 &&
		    dev->num_irqs < BH_TEXT_MAX_DEV_IRQS)
			dev->irqs[dev->num_irqs++] = fdt32_to_cpu(p[off + 1]) +
						     32;
}

int bh_dt_device(const void *fdt, const char *path, struct bh_text_device *dev,
		 char *why, size_t len)
{
	int node = fdt_path_offset(fdt, path);

	if (node < 0) {
		snprintf(why, len,
			 "no such node in the device tree: check the path (ls /proc/device-tree on the board)");
		return -1;
	}
	if (bh_dt_reg(fdt, node, 0, &dev->address, &dev->size) || !dev->size) {
		snprintf(why, len,
			 "the node has no usable reg property: give phys and size instead");
		return -1;
	}
	bh_dt_spis(fdt, node, dev);
	return 0;
}
