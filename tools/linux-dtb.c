// SPDX-License-Identifier: GPL-2.0
/*
 * The device tree of a Linux cell, made with libfdt from the cell config
 * and the root cell's tree (the same hardware): the cell's CPUs (their
 * MPIDRs and compatible from the root's cpu nodes, PSCI by SMC, which the
 * hypervisor traps), its RAM, the GIC as the cell sees it (the
 * distributor the hypervisor emulates; GICv3: the redistributor frames of
 * its CPUs only, GICv2: the CPU interface where the hypervisor maps the
 * virtual one), the root's timer, the vUART, the devices of its IO
 * regions copied from the root's tree, and /chosen.
 *
 * With a tree of the user's (-d) only /memory, /cpus and /chosen are made:
 * the rest is the user's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <bulkhead/abi.h>

#include "cli.h"
#include "linux-dtb-comm.h"
#include "linux-dtb.h"

#define GICR_FRAME	  0x20000ULL /* GICv3 without VLPIs */
#define GICD_V3_SIZE	  0x10000ULL
#define PHANDLE_GIC	  1
#define PHANDLE_VUART_CLK 2
#define MAX_CLOCKS	  8

struct ctx {
	const struct bh_linux_dtb_in *in;
	const struct bh_cell_desc *cell;
	const void *root;
	void *fdt;
	struct bh_linux_dtb *out;
	int root_gic; /* node in the root's tree */
	uint32_t root_gic_phandle;
	int gic_v3;
	__u64 cpu_lo, cpu_hi; /* the cell's lowest and highest CPU */
	uint32_t next_phandle;
	uint32_t clk_from[MAX_CLOCKS], clk_to[MAX_CLOCKS];
	unsigned int num_clks;
	char *why;
	size_t len;
};

static int fail(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, c->len, fmt, ap);
	va_end(ap);
	return -1;
}

static void warn(struct ctx *c, const char *fmt, ...)
{
	struct bh_linux_dtb *o = c->out;
	va_list ap;

	if (o->num_warnings == BH_LINUX_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(o->warnings[o->num_warnings++], BH_LINUX_MSG_LEN, fmt, ap);
	va_end(ap);
}

/* A libfdt result: the offset, or -1 with why */
static int chk(struct ctx *c, int err, const char *what)
{
	if (err < 0)
		return fail(c, "making the device tree: %s: %s", what,
			    fdt_strerror(err));
	return err;
}

static const struct bh_memory_region *region(const struct ctx *c, unsigned int n)
{
	return bh_cell_mem_regions(c->cell) + n;
}

static int is_ram(const struct bh_memory_region *r)
{
	return !(r->flags & (BH_MEM_IO | BH_MEM_COMM_REGION)) && r->size;
}

static int cell_has_spi(const struct ctx *c, uint32_t intid)
{
	return intid < BH_MAX_IRQS &&
	       c->cell->irq_bitmap[intid / 32] & (1U << (intid % 32));
}

/* Address and size pairs in the cells of the new tree's root. */
static int set_reg(struct ctx *c, int node, const __u64 *v, int pairs)
{
	int ac = fdt_address_cells(c->fdt, 0), sc = fdt_size_cells(c->fdt, 0);
	fdt32_t cells[2 * 2 * BH_MAX_MEM_REGIONS];
	int i, n = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || pairs > BH_MAX_MEM_REGIONS)
		return fail(c,
			    "the device tree's root has #address-cells %d and #size-cells %d: 1 or 2 each",
			    ac, sc);
	for (i = 0; i < 2 * pairs; i++) {
		int w = i % 2 ? sc : ac;

		if (w == 1 && v[i] >> 32)
			return fail(c,
				    "0x%llx does not fit in one cell of the device tree's root",
				    (unsigned long long)v[i]);
		if (w == 2)
			cells[n++] = cpu_to_fdt32((uint32_t)(v[i] >> 32));
		cells[n++] = cpu_to_fdt32((uint32_t)v[i]);
	}
	return chk(c,
		   fdt_setprop(c->fdt, node, "reg", cells,
			       n * (int)sizeof(fdt32_t)),
		   "reg");
}

static int add_node(struct ctx *c, const char *parent, const char *name)
{
	int p = fdt_path_offset(c->fdt, parent);

	if (p < 0)
		return chk(c, p, parent);
	return chk(c, fdt_add_subnode(c->fdt, p, name), name);
}

/*
 * The comm region, for bulkhead.ko in the cell (driver/cell_side.c): its
 * channels.  Nothing binds to the node unless that module is loaded.
 */
static int add_comm(struct ctx *c)
{
	unsigned int n;
	int err;

	for (n = 0; n < c->cell->num_memory_regions; n++) {
		if (!(region(c, n)->flags & BH_MEM_COMM_REGION))
			continue;
		err = bh_linux_dtb_add_comm(c->fdt, region(c, n)->virt_start);
		return err == -FDT_ERR_EXISTS ? 0 : chk(c, err, "comm region");
	}
	return 0;
}

/* ---- /chosen, /aliases, /memory ---- */

static int add_chosen(struct ctx *c, const char *stdout_path)
{
	int node = fdt_path_offset(c->fdt, "/chosen");

	if (node == -FDT_ERR_NOTFOUND)
		node = add_node(c, "/", "chosen");
	if (node < 0)
		return chk(c, node, "/chosen");
	if (chk(c,
		fdt_setprop_string(c->fdt, node, "bootargs", c->out->bootargs),
		"bootargs") < 0)
		return -1;
	if (stdout_path &&
	    chk(c, fdt_setprop_string(c->fdt, node, "stdout-path", stdout_path),
		"stdout-path") < 0)
		return -1;
	fdt_delprop(c->fdt, node, "linux,initrd-start");
	fdt_delprop(c->fdt, node, "linux,initrd-end");
	if (!c->in->has_initrd)
		return 0;
	if (chk(c, fdt_setprop_u64(c->fdt, node, "linux,initrd-start", 0),
		"linux,initrd-start") < 0)
		return -1;
	return chk(c, fdt_setprop_u64(c->fdt, node, "linux,initrd-end", 0),
		   "linux,initrd-end") < 0 ?
		       -1 :
		       0;
}

int bh_linux_dtb_set_initrd(void *fdt, uint64_t start, uint64_t end)
{
	int node = fdt_path_offset(fdt, "/chosen"), err;

	if (node < 0)
		return node;
	err = fdt_setprop_inplace_u64(fdt, node, "linux,initrd-start", start);
	if (err)
		return err;
	return fdt_setprop_inplace_u64(fdt, node, "linux,initrd-end", end);
}

/* One /memory node: every RAM region, the comm region left out. */
static int add_memory(struct ctx *c)
{
	__u64 reg[2 * BH_MAX_MEM_REGIONS];
	unsigned int n;
	int pairs = 0, node;
	char name[40];

	for (n = 0; n < c->cell->num_memory_regions; n++) {
		if (!is_ram(region(c, n)))
			continue;
		if (!pairs)
			snprintf(name, sizeof(name), "memory@%llx",
				 (unsigned long long)region(c, n)->virt_start);
		reg[2 * pairs] = region(c, n)->virt_start;
		reg[2 * pairs + 1] = region(c, n)->size;
		pairs++;
	}
	if (!pairs)
		return fail(c, "the cell has no RAM region");
	node = add_node(c, "/", name);
	if (node < 0 ||
	    chk(c, fdt_setprop_string(c->fdt, node, "device_type", "memory"),
		"device_type") < 0)
		return -1;
	return set_reg(c, node, reg, pairs);
}

/* ---- /cpus and /psci ---- */

static int is_cpu(const void *fdt, int node)
{
	const char *t = fdt_getprop(fdt, node, "device_type", NULL);
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return t && !strcmp(t, "cpu") &&
	       (!s || !strcmp(s, "okay") || !strcmp(s, "ok"));
}

/* The root's cpu node of Linux CPU n (cli-fdt.c counts them so), or < 0. */
static int root_cpu(const void *root, unsigned int n)
{
	int cpus = fdt_path_offset(root, "/cpus"), node;
	unsigned int i = 0;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, root, cpus)
		if (is_cpu(root, node) && i++ == n)
			return node;
	return -FDT_ERR_NOTFOUND;
}

static int copy_prop(struct ctx *c, int to, int from, const char *name)
{
	int len;
	const void *v = fdt_getprop(c->root, from, name, &len);

	if (!v)
		return 0;
	return chk(c, fdt_setprop(c->fdt, to, name, v, len), name) < 0 ? -1 : 0;
}

static int add_cpu(struct ctx *c, unsigned int n)
{
	int from = root_cpu(c->root, n), node, len;
	const fdt32_t *reg;
	__u64 mpidr;
	char name[32];

	if (from < 0)
		return fail(c,
			    "CPU %u of the cell is not in the root's device tree (/cpus)",
			    n);
	reg = fdt_getprop(c->root, from, "reg", &len);
	if (!reg || (len != 4 && len != 8))
		return fail(c,
			    "the root's cpu node of CPU %u has no MPIDR (reg)",
			    n);
	mpidr = fdt32_to_cpu(reg[0]);
	if (len == 8)
		mpidr = mpidr << 32 | fdt32_to_cpu(reg[1]);
	snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)mpidr);
	node = add_node(c, "/cpus", name);
	if (node < 0 ||
	    chk(c, fdt_setprop_string(c->fdt, node, "device_type", "cpu"),
		"device_type") < 0 ||
	    copy_prop(c, node, from, "compatible") ||
	    chk(c, fdt_setprop(c->fdt, node, "reg", reg, len), "reg") < 0)
		return -1;
	return chk(c, fdt_setprop_string(c->fdt, node, "enable-method", "psci"),
		   "enable-method") < 0 ?
		       -1 :
		       0;
}

/* Added last first: libfdt puts a new node before its siblings. */
static int add_cpus(struct ctx *c)
{
	int cpus = fdt_path_offset(c->root, "/cpus"), node, n;
	const fdt32_t *ac = cpus >= 0 ? fdt_getprop(c->root, cpus,
						    "#address-cells", NULL) :
					NULL;

	node = add_node(c, "/", "cpus");
	if (node < 0 ||
	    chk(c,
		fdt_setprop_u32(c->fdt, node, "#address-cells",
				ac ? fdt32_to_cpu(*ac) : 1),
		"cpus") < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "#size-cells", 0), "cpus") < 0)
		return -1;
	for (n = 63; n >= 0; n--)
		if (c->cell->cpu_set & (1ULL << n) &&
		    add_cpu(c, (unsigned int)n))
			return -1;
	return 0;
}

static int add_psci(struct ctx *c)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";
	int node = add_node(c, "/", "psci");

	if (node < 0 ||
	    chk(c,
		fdt_setprop(c->fdt, node, "compatible", compat, sizeof(compat)),
		"psci") < 0)
		return -1;
	return chk(c, fdt_setprop_string(c->fdt, node, "method", "smc"),
		   "psci") < 0 ?
		       -1 :
		       0;
}

/* ---- the timer and the GIC ---- */

static int add_timer(struct ctx *c)
{
	int from = fdt_node_offset_by_compatible(c->root, -1, "arm,armv8-timer"),
	    node;

	if (from < 0)
		return fail(c,
			    "the root's device tree has no arm,armv8-timer node");
	node = add_node(c, "/", "timer");
	if (node < 0 || copy_prop(c, node, from, "compatible") ||
	    copy_prop(c, node, from, "interrupts"))
		return -1;
	return copy_prop(c, node, from, "always-on");
}

static int find_root_gic(struct ctx *c)
{
	const fdt32_t *ph = fdt_getprop(c->root, 0, "interrupt-parent", NULL);
	static const char *const compat[] = {
		"arm,gic-v3",
		"arm,gic-400",
		"arm,cortex-a15-gic",
		"arm,cortex-a7-gic",
	};
	unsigned int i;
	int node = ph ? fdt_node_offset_by_phandle(c->root, fdt32_to_cpu(*ph)) :
			-1;

	for (i = 0; node < 0 && i < sizeof(compat) / sizeof(compat[0]); i++)
		node = fdt_node_offset_by_compatible(c->root, -1, compat[i]);
	if (node < 0 ||
	    !fdt_getprop(c->root, node, "interrupt-controller", NULL))
		return fail(c, "no GIC in the root's device tree");
	c->root_gic = node;
	c->root_gic_phandle = fdt_get_phandle(c->root, node);
	c->gic_v3 = !fdt_node_check_compatible(c->root, node, "arm,gic-v3");
	return 0;
}

/* GICv3: the distributor, the frames from the lowest CPU's to the highest's */
static int gic_v3_reg(struct ctx *c, __u64 *reg)
{
	__u64 size;

	if (bh_dt_reg(c->root, c->root_gic, 0, &reg[0], &size) ||
	    bh_dt_reg(c->root, c->root_gic, 1, &reg[2], &size))
		return fail(c,
			    "the root's GICv3 node has no distributor and redistributor reg");
	reg[1] = GICD_V3_SIZE;
	if ((c->cpu_hi + 1) * GICR_FRAME > size)
		return fail(c,
			    "CPU %llu has no redistributor frame in the root's GICv3 node",
			    (unsigned long long)c->cpu_hi);
	reg[2] += c->cpu_lo * GICR_FRAME;
	reg[3] = (c->cpu_hi - c->cpu_lo + 1) * GICR_FRAME;
	return 0;
}

static int add_gic(struct ctx *c)
{
	__u64 reg[4];
	char name[48];
	int node;

	if (c->gic_v3 && gic_v3_reg(c, reg))
		return -1;
	if (!c->gic_v3 &&
	    (bh_dt_reg(c->root, c->root_gic, 0, &reg[0], &reg[1]) ||
	     bh_dt_reg(c->root, c->root_gic, 1, &reg[2], &reg[3])))
		return fail(c,
			    "the root's GIC node has no distributor and CPU interface reg");
	snprintf(name, sizeof(name), "interrupt-controller@%llx",
		 (unsigned long long)reg[0]);
	node = add_node(c, "/", name);
	if (node < 0 || copy_prop(c, node, c->root_gic, "compatible") ||
	    set_reg(c, node, reg, 2) ||
	    chk(c, fdt_setprop_empty(c->fdt, node, "interrupt-controller"),
		"gic") < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "#interrupt-cells", 3),
		"gic") < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "#address-cells", 0), "gic") <
		    0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "phandle", PHANDLE_GIC),
		"gic") < 0)
		return -1;
	if (c->gic_v3 &&
	    chk(c, fdt_setprop_u32(c->fdt, node, "#redistributor-regions", 1),
		"gic") < 0)
		return -1;
	return 0;
}

/* ---- the vUART ---- */

static int add_vuart_clock(struct ctx *c)
{
	int node = add_node(c, "/", "vuart-clock");

	if (node < 0 ||
	    chk(c, fdt_setprop_string(c->fdt, node, "compatible", "fixed-clock"),
		"clock") < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "#clock-cells", 0), "clock") <
		    0 ||
	    chk(c,
		fdt_setprop_u32(c->fdt, node, "clock-frequency",
				BH_LINUX_VUART_CLOCK),
		"clock") < 0)
		return -1;
	return chk(c,
		   fdt_setprop_u32(c->fdt, node, "phandle", PHANDLE_VUART_CLK),
		   "clock") < 0 ?
		       -1 :
		       0;
}

static int add_vuart(struct ctx *c, const char *name)
{
	static const char compat[] = "arm,pl011\0arm,primecell";
	static const char clk_names[] = "uartclk\0apb_pclk";
	const struct bh_vuart_desc *v = &c->cell->vuart;
	__u64 reg[2] = { v->address, 0x1000 };
	/* edge: the hypervisor keeps a vUART's line edge-triggered */
	fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(v->irq - 32),
			   cpu_to_fdt32(1) };
	fdt32_t clk[2] = { cpu_to_fdt32(PHANDLE_VUART_CLK),
			   cpu_to_fdt32(PHANDLE_VUART_CLK) };
	int node = add_node(c, "/", name + 1);

	if (node < 0 ||
	    chk(c,
		fdt_setprop(c->fdt, node, "compatible", compat, sizeof(compat)),
		"vuart") < 0 ||
	    set_reg(c, node, reg, 1) ||
	    chk(c, fdt_setprop(c->fdt, node, "interrupts", irq, sizeof(irq)),
		"vuart") < 0 ||
	    chk(c, fdt_setprop(c->fdt, node, "clocks", clk, sizeof(clk)),
		"vuart") < 0 ||
	    chk(c,
		fdt_setprop(c->fdt, node, "clock-names", clk_names,
			    sizeof(clk_names)),
		"vuart") < 0)
		return -1;
	return chk(c,
		   fdt_setprop_u32(c->fdt, node, "arm,primecell-periphid",
				   BH_LINUX_VUART_PERIPHID),
		   "vuart") < 0 ?
		       -1 :
		       add_vuart_clock(c);
}

/* /reserved-memory/linux,cma: a small default CMA area */
static int add_cma(struct ctx *c)
{
	fdt32_t size[2] = { 0, cpu_to_fdt32(BH_LINUX_CMA_SIZE) };
	int node = add_node(c, "/", "reserved-memory");

	if (node < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "#address-cells", 2),
		"reserved-memory") < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, node, "#size-cells", 2),
		"reserved-memory") < 0 ||
	    chk(c, fdt_setprop_empty(c->fdt, node, "ranges"),
		"reserved-memory") < 0)
		return -1;
	node = add_node(c, "/reserved-memory", "linux,cma");
	if (node < 0 ||
	    chk(c,
		fdt_setprop_string(c->fdt, node, "compatible",
				   "shared-dma-pool"),
		"linux,cma") < 0 ||
	    chk(c, fdt_setprop_empty(c->fdt, node, "reusable"), "linux,cma") <
		    0 ||
	    chk(c, fdt_setprop(c->fdt, node, "size", size, sizeof(size)),
		"linux,cma") < 0)
		return -1;
	return chk(c, fdt_setprop_empty(c->fdt, node, "linux,cma-default"),
		   "linux,cma") < 0 ?
		       -1 :
		       0;
}

static int add_aliases(struct ctx *c, const char *uart)
{
	int node = add_node(c, "/", "aliases");

	if (node < 0)
		return -1;
	return chk(c, fdt_setprop_string(c->fdt, node, "serial0", uart),
		   "aliases") < 0 ?
		       -1 :
		       0;
}

/* ---- devices of the IO regions, from the root's tree ---- */

/* handled by copy_device() itself */
static const char *const handled[] = {
	"name",	       "phandle",    "linux,phandle",
	"reg",	       "status",     "clocks",
	"clock-names", "interrupts", "interrupt-parent",
};

/* naming other nodes of the root's tree: left out */
static const char *const node_refs[] = {
	"interrupts-extended",
	"power-domains",
	"power-domain-names",
	"iommus",
	"iommu-map",
	"resets",
	"reset-names",
	"dmas",
	"dma-names",
	"phys",
	"phy-names",
	"msi-parent",
	"operating-points-v2",
	"nvmem-cells",
	"nvmem-cell-names",
	"assigned-clocks",
	"assigned-clock-parents",
	"assigned-clock-rates",
	"interconnects",
	"interconnect-names",
	"memory-region",
	"gpios",
	"ranges",
	"dma-ranges",
};

#define IN(name, list) in_list(name, list, sizeof(list) / sizeof(list[0]))

static int in_list(const char *name, const char *const *list, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(name, list[i]))
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

static int names_nodes(const char *name)
{
	return IN(name, node_refs) || !strncmp(name, "pinctrl-", 8) ||
	       ends_with(name, "-gpios") || ends_with(name, "-gpio") ||
	       ends_with(name, "-supply");
}

/* The root's interrupt parent of a node: its phandle, 0 if none. */
static uint32_t irq_parent(const void *fdt, int node)
{
	const fdt32_t *ph;

	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		ph = fdt_getprop(fdt, node, "interrupt-parent", NULL);
		if (ph)
			return fdt32_to_cpu(*ph);
	}
	return 0;
}

static int copy_irqs(struct ctx *c, int to, int from, const char *path)
{
	int len, i;
	const fdt32_t *p = fdt_getprop(c->root, from, "interrupts", &len);

	if (!p)
		return 0;
	if (irq_parent(c->root, from) != c->root_gic_phandle || len % 12) {
		warn(c, "%s: its interrupts are not the GIC's: left out", path);
		return 0;
	}
	for (i = 0; i < len / 4; i += 3)
		if (!fdt32_to_cpu(p[i]) &&
		    !cell_has_spi(c, fdt32_to_cpu(p[i + 1]) + 32))
			warn(c,
			     "%s: SPI %u (INTID %u) is not the cell's: add it to irqs",
			     path, fdt32_to_cpu(p[i + 1]),
			     fdt32_to_cpu(p[i + 1]) + 32);
	return chk(c, fdt_setprop(c->fdt, to, "interrupts", p, len),
		   "interrupts") < 0 ?
		       -1 :
		       0;
}

/* A fixed clock of the root's, copied once: its new phandle, or 0 */
static uint32_t copy_fixed_clock(struct ctx *c, uint32_t ph)
{
	int from = fdt_node_offset_by_phandle(c->root, ph), node;
	const char *name;
	unsigned int i;

	for (i = 0; i < c->num_clks; i++)
		if (c->clk_from[i] == ph)
			return c->clk_to[i];
	if (from < 0 || c->num_clks == MAX_CLOCKS ||
	    fdt_node_check_compatible(c->root, from, "fixed-clock"))
		return 0;
	name = fdt_get_name(c->root, from, NULL);
	node = fdt_add_subnode(c->fdt, 0, name);
	if (node < 0 || copy_prop(c, node, from, "compatible") ||
	    copy_prop(c, node, from, "#clock-cells") ||
	    copy_prop(c, node, from, "clock-frequency") ||
	    copy_prop(c, node, from, "clock-output-names") ||
	    fdt_setprop_u32(c->fdt, node, "phandle", c->next_phandle))
		return 0;
	c->clk_from[c->num_clks] = ph;
	c->clk_to[c->num_clks++] = c->next_phandle;
	return c->next_phandle++;
}

/*
 * clocks: kept when every one is a fixed clock (no #clock-cells), copied
 * before the device's node is made (a new node moves the others' offsets).
 * The number of cells in clk, 0: none.
 */
static int fixed_clocks(struct ctx *c, int from, const char *path, fdt32_t *clk)
{
	int len, i;
	const fdt32_t *p = fdt_getprop(c->root, from, "clocks", &len);

	if (!p)
		return 0;
	for (i = 0; i < len / 4; i++) {
		__u32 ph = i < MAX_CLOCKS ?
				   copy_fixed_clock(c, fdt32_to_cpu(p[i])) :
				   0;

		if (!ph) {
			warn(c,
			     "%s: its clocks are not fixed clocks: left out (give the driver what it needs with -d)",
			     path);
			return 0;
		}
		clk[i] = cpu_to_fdt32(ph);
	}
	return i;
}

/* reg: every window of the node in one of the cell's IO regions */
static int copy_reg(struct ctx *c, int to, int from)
{
	__u64 reg[2 * BH_MAX_MEM_REGIONS], a, s;
	unsigned int n;
	int i, pairs = 0;

	for (i = 0;
	     pairs < BH_MAX_MEM_REGIONS && !bh_dt_reg(c->root, from, i, &a, &s);
	     i++) {
		for (n = 0; n < c->cell->num_memory_regions; n++) {
			const struct bh_memory_region *r = region(c, n);

			if (!(r->flags & BH_MEM_IO) || a < r->phys_start ||
			    a - r->phys_start >= r->size)
				continue;
			reg[2 * pairs] = r->virt_start + (a - r->phys_start);
			reg[2 * pairs++ + 1] = s;
			break;
		}
	}
	return set_reg(c, to, reg, pairs);
}

static int copy_device(struct ctx *c, int from, __u64 guest)
{
	char path[256], name[80], dropped[120] = "";
	const char *base = fdt_get_name(c->root, from, NULL), *pn;
	int node, prop, len, nclk;
	fdt32_t clk[MAX_CLOCKS];
	const void *v;

	fdt_get_path(c->root, from, path, sizeof(path));
	nclk = fixed_clocks(c, from, path, clk);
	snprintf(name, sizeof(name), "%.*s@%llx", (int)strcspn(base, "@"), base,
		 (unsigned long long)guest);
	node = fdt_add_subnode(c->fdt, 0, name);
	if (node == -FDT_ERR_EXISTS) {
		warn(c, "%s: a node %s exists already: left out", path, name);
		return 0;
	}
	if (chk(c, node, name) < 0 || copy_reg(c, node, from))
		return -1;
	fdt_for_each_property_offset(prop, c->root, from) {
		v = fdt_getprop_by_offset(c->root, prop, &pn, &len);
		if (!v || IN(pn, handled))
			continue;
		if (!names_nodes(pn)) {
			if (chk(c, fdt_setprop(c->fdt, node, pn, v, len), pn) <
			    0)
				return -1;
		} else if (strlen(dropped) + strlen(pn) + 3 < sizeof(dropped)) {
			snprintf(dropped + strlen(dropped),
				 sizeof(dropped) - strlen(dropped), "%s%s",
				 dropped[0] ? ", " : "", pn);
		}
	}
	if (dropped[0])
		warn(c, "%s: left out what names other nodes: %s", path,
		     dropped);
	if (copy_irqs(c, node, from, path))
		return -1;
	if (nclk && (chk(c,
			 fdt_setprop(c->fdt, node, "clocks", clk,
				     nclk * (int)sizeof(fdt32_t)),
			 "clocks") < 0 ||
		     copy_prop(c, node, from, "clock-names")))
		return -1;
	return chk(c, fdt_setprop_string(c->fdt, node, "status", "okay"),
		   "status") < 0 ?
		       -1 :
		       0;
}

static int skip_node(const struct ctx *c, int node)
{
	const char *t = fdt_getprop(c->root, node, "device_type", NULL);

	return node == c->root_gic || (t && !strcmp(t, "memory")) ||
	       (t && !strcmp(t, "cpu"));
}

/* Every node whose first reg window starts in the IO region */
static int copy_region_devices(struct ctx *c, const struct bh_memory_region *r)
{
	int node, found = 0;
	__u64 a, s;

	for (node = fdt_next_node(c->root, -1, NULL); node >= 0;
	     node = fdt_next_node(c->root, node, NULL)) {
		if (skip_node(c, node) || bh_dt_reg(c->root, node, 0, &a, &s) ||
		    a < r->phys_start || a - r->phys_start >= r->size)
			continue;
		found = 1;
		if (copy_device(c, node, r->virt_start + (a - r->phys_start)))
			return -1;
	}
	if (!found)
		warn(c,
		     "no device of the root's device tree at 0x%llx: Linux in the cell is not told of IO region [0x%llx-0x%llx)",
		     (unsigned long long)r->phys_start,
		     (unsigned long long)r->virt_start,
		     (unsigned long long)(r->virt_start + r->size));
	return 0;
}

static int add_devices(struct ctx *c)
{
	unsigned int n;

	for (n = 0; n < c->cell->num_memory_regions; n++)
		if (region(c, n)->flags & BH_MEM_IO &&
		    copy_region_devices(c, region(c, n)))
			return -1;
	return 0;
}

/* ---- the whole tree ---- */

static int set_root_props(struct ctx *c)
{
	static const char compat[] = "bulkhead,cell";
	char model[64];

	snprintf(model, sizeof(model), "Bulkhead cell %.*s", BH_CELL_NAME_LEN,
		 c->cell->name);
	if (chk(c, fdt_setprop_u32(c->fdt, 0, "#address-cells", 2), "/") < 0 ||
	    chk(c, fdt_setprop_u32(c->fdt, 0, "#size-cells", 2), "/") < 0 ||
	    chk(c, fdt_setprop(c->fdt, 0, "compatible", compat, sizeof(compat)),
		"/") < 0 ||
	    chk(c, fdt_setprop_string(c->fdt, 0, "model", model), "/") < 0)
		return -1;
	return chk(c,
		   fdt_setprop_u32(c->fdt, 0, "interrupt-parent", PHANDLE_GIC),
		   "/") < 0 ?
		       -1 :
		       0;
}

/* Nodes in reverse: each new one goes before its siblings. */
static int build_new(struct ctx *c)
{
	char uart[48] = "";

	if (c->cell->vuart.address)
		snprintf(uart, sizeof(uart), "/pl011@%llx",
			 (unsigned long long)c->cell->vuart.address);
	if (find_root_gic(c) || set_root_props(c) || add_devices(c) ||
	    add_comm(c))
		return -1;
	if (uart[0] && add_vuart(c, uart))
		return -1;
	if (add_gic(c) || add_timer(c) || add_psci(c) || add_cpus(c) ||
	    add_cma(c) || add_memory(c))
		return -1;
	if (uart[0] && add_aliases(c, uart))
		return -1;
	return add_chosen(c, uart[0] ? uart : NULL);
}

/* -d: the user's tree, its /memory, /cpus and /chosen ours */
static int build_on_base(struct ctx *c)
{
	int node, next;

	node = fdt_path_offset(c->fdt, "/cpus");
	if (node >= 0 && chk(c, fdt_del_node(c->fdt, node), "/cpus") < 0)
		return -1;
	for (node = fdt_first_subnode(c->fdt, 0); node >= 0; node = next) {
		const char *t = fdt_getprop(c->fdt, node, "device_type", NULL);

		next = fdt_next_subnode(c->fdt, node);
		if (t && !strcmp(t, "memory")) {
			if (chk(c, fdt_del_node(c->fdt, node), "memory") < 0)
				return -1;
			next = fdt_first_subnode(c->fdt, 0);
		}
	}
	if (add_comm(c) || add_cpus(c) || add_memory(c))
		return -1;
	return add_chosen(c, NULL);
}

static int default_bootargs(struct ctx *c)
{
	const char *a = c->in->bootargs;
	size_t n = sizeof(c->out->bootargs);

	if (a && strlen(a) >= n)
		return fail(c,
			    "the command line is %zu bytes, at most %zu fit (Linux's COMMAND_LINE_SIZE on arm64)",
			    strlen(a), n - 1);
	if (a)
		snprintf(c->out->bootargs, n, "%s", a);
	else if (c->cell->vuart.address)
		snprintf(c->out->bootargs, n,
			 "console=ttyAMA0 earlycon=pl011,mmio32,0x%llx",
			 (unsigned long long)c->cell->vuart.address);
	else
		warn(c,
		     "the cell has no vUART: Linux in it has no console (add vuart and vuart_irq to the config)");
	return 0;
}

static int check_inputs(struct ctx *c)
{
	const struct bh_linux_dtb_in *in = c->in;

	if (in->cfg_size < sizeof(*c->cell) ||
	    bh_cell_config_size(c->cell) > in->cfg_size || !c->cell->cpu_set)
		return fail(c, "not a cell config");
	if (fdt_check_header(in->root_fdt))
		return fail(c,
			    "the root's device tree: not a flattened device tree (bad magic)");
	if (in->base_fdt && fdt_check_header(in->base_fdt))
		return fail(c, "DTB: not a flattened device tree (bad magic)");
	c->cpu_lo = (__u64)__builtin_ctzll(c->cell->cpu_set);
	c->cpu_hi = 63 - (__u64)__builtin_clzll(c->cell->cpu_set);
	return default_bootargs(c);
}

static int tree_size(const struct bh_linux_dtb_in *in)
{
	return 0x10000 + (int)fdt_totalsize(in->root_fdt) +
	       (in->base_fdt ? (int)fdt_totalsize(in->base_fdt) : 0) +
	       BH_LINUX_CMDLINE_MAX;
}

int bh_linux_dtb_build(const struct bh_linux_dtb_in *in,
		       struct bh_linux_dtb *out, char *why, size_t len)
{
	struct ctx c = {
		.in = in,
		.cell = in->cell,
		.root = in->root_fdt,
		.out = out,
		.next_phandle = PHANDLE_VUART_CLK + 1,
		.why = why,
		.len = len,
	};
	int size, err;

	memset(out, 0, sizeof(*out));
	if (check_inputs(&c))
		return -1;
	size = tree_size(in);
	c.fdt = malloc(size);
	if (!c.fdt)
		return fail(&c, "out of memory");
	err = in->base_fdt ? fdt_open_into(in->base_fdt, c.fdt, size) :
			     fdt_create_empty_tree(c.fdt, size);
	if (chk(&c, err, in->base_fdt ? "DTB" : "the tree") < 0 ||
	    (in->base_fdt ? build_on_base(&c) : build_new(&c)) ||
	    chk(&c, fdt_pack(c.fdt), "pack") < 0) {
		free(c.fdt);
		return -1;
	}
	out->fdt = c.fdt;
	out->size = fdt_totalsize(c.fdt);
	return 0;
}
