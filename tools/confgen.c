// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead config create`: system and cell configs from a device tree
 * (the running board's /sys/firmware/fdt, or a DTB).  Everything the
 * tree says is used; what it cannot say is asked for (Linux's RAM limit,
 * the hypervisor's address and size) or taken from the running board (the
 * kernel command line, the hypervisor image), and what a generator cannot
 * decide safely becomes a warning, printed and kept in the config as a
 * comment.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include "cli.h"
#include "confgen.h"
#include "textconf.h"

#define PAGE	     BH_PAGE_SIZE
#define PAGE_DOWN(a) ((a) & ~(PAGE - 1))
#define PAGE_UP(a)   (((a) + PAGE - 1) & ~(PAGE - 1))

void gen_warn(struct bh_gen *g, const char *fmt, ...)
{
	va_list ap;

	if (g->num_warnings == BH_GEN_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(g->warnings[g->num_warnings++], BH_GEN_WARN_LEN, fmt, ap);
	va_end(ap);
}

int gen_fail(struct bh_gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->err, sizeof(g->err), fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- what the tree says ------------------------------------------------- */

int gen_compatible(const void *fdt, int node, const char *const *list)
{
	for (; *list; list++)
		if (!fdt_node_check_compatible(fdt, node, *list))
			return 1;
	return 0;
}

static int is_enabled(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

static const char *const gic_v3[] = { "arm,gic-v3", NULL };
static const char *const gic_v2[] = { "arm,gic-400", "arm,cortex-a15-gic",
				      "arm,cortex-a7-gic", NULL };

static int find_gic(const void *fdt, int *version)
{
	int node;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (!fdt_getprop(fdt, node, "interrupt-controller", NULL))
			continue;
		if (gen_compatible(fdt, node, gic_v3)) {
			*version = 3;
			return node;
		}
		if (gen_compatible(fdt, node, gic_v2)) {
			*version = 2;
			return node;
		}
	}
	return -1;
}

static int gen_gic(struct bh_gen *g, struct bh_system_config *sys)
{
	struct bh_platform *pl = &sys->platform;
	__u64 *bases[] = { &pl->gicd_base, &pl->gicr_base, NULL, NULL };
	__u64 size;
	int version, node = find_gic(g->fdt, &version), i, len;
	const fdt32_t *irq;

	if (node < 0)
		return gen_fail(g, "no GICv2 or GICv3 in the device tree");
	pl->gic_version = (__u32)version;
	if (version == 2) {
		bases[1] = &pl->gicc_base;
		bases[2] = &pl->gich_base;
		bases[3] = &pl->gicv_base;
	}
	for (i = 0; i < 4 && bases[i]; i++)
		if (bh_dt_reg(g->fdt, node, i, bases[i], &size))
			return gen_fail(g,
					"the GIC node %s lacks register window %d",
					fdt_get_name(g->fdt, node, NULL), i);
	irq = fdt_getprop(g->fdt, node, "interrupts", &len);
	pl->maintenance_irq = 25;
	if (irq && len >= 12 && fdt32_to_cpu(irq[0]) == 1)
		pl->maintenance_irq = fdt32_to_cpu(irq[1]) + 16;
	g->gic_node = node;
	return 0;
}

static const char *const pl011[] = { "arm,pl011", "arm,sbsa-uart", NULL };
static const char *const cadence[] = { "cdns,uart-r1p12", "cdns,uart-r1p8",
				       "xlnx,xuartps", NULL };

/* A UART a driver of ours knows: the root's console, or a cell's. */
int gen_is_uart(const void *fdt, int node)
{
	return gen_compatible(fdt, node, pl011) ||
	       gen_compatible(fdt, node, cadence);
}

/* The console: /chosen/stdout-path, an alias or a path, ":options" cut. */
static int gen_console(struct bh_gen *g, struct bh_system_config *sys)
{
	const char *p = fdt_getprop(g->fdt, fdt_path_offset(g->fdt, "/chosen"),
				    "stdout-path", NULL);
	char path[256];
	__u64 addr, size;
	int node;

	if (!p) {
		gen_warn(g,
			 "no /chosen/stdout-path: the hypervisor gets no console");
		return 0;
	}
	snprintf(path, sizeof(path), "%.*s", (int)strcspn(p, ":"), p);
	if (path[0] != '/' && fdt_get_alias(g->fdt, path))
		snprintf(path, sizeof(path), "%s", fdt_get_alias(g->fdt, path));
	node = fdt_path_offset(g->fdt, path);
	if (node < 0 || bh_dt_reg(g->fdt, node, 0, &addr, &size))
		return gen_fail(g,
				"stdout-path '%s' is not a device with registers",
				p);
	if (gen_compatible(g->fdt, node, pl011))
		sys->debug_console.type = BH_CONSOLE_PL011;
	else if (gen_compatible(g->fdt, node, cadence))
		sys->debug_console.type = BH_CONSOLE_CADENCE;
	else
		gen_warn(g,
			 "console %s: a UART the hypervisor has no driver for",
			 path);
	if (sys->debug_console.type) {
		sys->debug_console.address = PAGE_DOWN(addr);
		sys->debug_console.size = (__u32)PAGE;
	}
	return 0;
}

/* ---- RAM: Linux's, the hypervisor's, the cells' ---------------------------- */

int gen_add_region(struct bh_gen *g, __u64 phys, __u64 size, __u64 flags)
{
	struct bh_memory_region *r;

	if (g->num_mem == BH_MAX_MEM_REGIONS)
		return gen_fail(g, "more than %u memory regions",
				BH_MAX_MEM_REGIONS);
	r = &g->mem[g->num_mem++];
	r->phys_start = phys;
	r->virt_start = phys;
	r->size = size;
	r->flags = flags;
	return 0;
}

/*
 * Linux has the first linux_mem bytes of RAM, bank by bank (what mem=
 * does); the rest of the bank where that ends is for the hypervisor (at
 * its link address) and the cells.
 */
static int gen_ram(struct bh_gen *g, struct bh_system_config *sys)
{
	__u64 left = g->o->linux_mem, hv = g->o->hv_base, take;
	unsigned int i;

	if (!g->env.num_ram)
		return gen_fail(g, "no /memory node in the device tree");
	if (!left)
		return gen_fail(g,
				"how much RAM Linux uses is unknown: boot it with mem= or give --linux-mem SIZE");
	for (i = 0; i < g->env.num_ram && left; i++) {
		const struct bh_check_range *b = &g->env.ram[i];

		take = left < b->size ? PAGE_DOWN(left) : b->size;
		if (gen_add_region(g, b->start, take,
				   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE |
					   BH_MEM_DMA))
			return -1;
		left -= take;
		if (take < b->size && !g->cells_end) {
			g->cells_start = b->start + take;
			g->cells_end = b->start + b->size;
		}
	}
	if (left || !g->cells_end)
		return gen_fail(g,
				"Linux's RAM (mem=) covers all RAM: boot it with a smaller mem= to leave room for the hypervisor and the cells");
	if (!g->o->hv_base)
		return gen_fail(g,
				"the hypervisor's address is unknown: install /lib/firmware/bulkhead.bin or give --hv-base ADDRESS");
	sys->hypervisor_memory.phys_start = hv;
	sys->hypervisor_memory.virt_start = hv;
	sys->hypervisor_memory.size = g->o->hv_size ? g->o->hv_size : 4 << 20;
	sys->hypervisor_memory.flags = BH_MEM_READ | BH_MEM_WRITE |
				       BH_MEM_EXECUTE;
	if (hv < g->cells_start ||
	    hv + sys->hypervisor_memory.size > g->cells_end)
		return gen_fail(g,
				"the hypervisor at 0x%llx is not in the RAM Linux leaves free [0x%llx-0x%llx): change mem= or the image's address",
				(unsigned long long)hv,
				(unsigned long long)g->cells_start,
				(unsigned long long)g->cells_end);
	g->cells_end = hv;
	return 0;
}

/* ---- devices ---------------------------------------------------------------- */

/* Devices that write memory by themselves (no SMMU: Linux keeps them). */
static const char *const dma_masters[] = {
	"virtio,mmio",
	"qemu,fw-cfg-mmio",
	"pci-host-ecam-generic",
	"xlnx,nwl-pcie-2.0",
	"snps,dwc3",
	"xlnx,zynqmp-dwc3",
	"ceva,ahci-1v84",
	"cdns,gem",
	"cdns,zynqmp-gem",
	"cdns,macb",
	"arasan,sdhci-8.9a",
	"xlnx,zynqmp-8.9a",
	"xlnx,zynqmp-dma-1.0",
	"xlnx,zynqmp-dpdma",
	"xlnx,zynqmp-qspi-1.0",
	NULL,
};

int gen_is_dma_master(const void *fdt, int node)
{
	return gen_compatible(fdt, node, dma_masters) ||
	       fdt_getprop(fdt, node, "iommus", NULL) ||
	       fdt_getprop(fdt, node, "dmas", NULL);
}

/* Is node inside the subtree at top (or top itself)? */
static int under(const void *fdt, int node, int top)
{
	for (; node > 0; node = fdt_parent_offset(fdt, node))
		if (node == top)
			return 1;
	return node == top;
}

/* Memory-mapped, enabled, not RAM, not the CPUs, not the GIC. */
int gen_is_device(struct bh_gen *g, int node)
{
	const void *fdt = g->fdt;
	const char *dt = fdt_getprop(fdt, node, "device_type", NULL);
	int p;

	if (node <= 0 || !fdt_getprop(fdt, node, "reg", NULL))
		return 0;
	if (dt && (!strcmp(dt, "memory") || !strcmp(dt, "cpu")))
		return 0;
	if (under(fdt, node, g->gic_node) ||
	    under(fdt, node, fdt_path_offset(fdt, "/cpus")) ||
	    under(fdt, node, fdt_path_offset(fdt, "/reserved-memory")))
		return 0;
	for (p = node; p > 0; p = fdt_parent_offset(fdt, p))
		if (!is_enabled(fdt, p))
			return 0;
	return 1;
}

static int kept_for_cells(struct bh_gen *g, int node)
{
	unsigned int i;

	for (i = 0; i < g->o->num_devices; i++)
		if (fdt_path_offset(g->fdt, g->o->devices[i]) == node)
			return 1;
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	const struct bh_memory_region *x = a, *y = b;

	return x->phys_start < y->phys_start ? -1 :
					       x->phys_start > y->phys_start;
}

/* One device's register windows, page-rounded, into g->mem. */
int gen_add_device(struct bh_gen *g, int node, __u64 flags)
{
	struct bh_text_device spis = { 0 };
	__u64 addr, size;
	unsigned int i;
	int w;

	for (w = 0; !bh_dt_reg(g->fdt, node, w, &addr, &size); w++) {
		if (!size)
			continue;
		if (gen_add_region(g, PAGE_DOWN(addr),
				   PAGE_UP(addr + size) - PAGE_DOWN(addr),
				   flags))
			return -1;
	}
	bh_dt_spis(g->fdt, node, &spis);
	for (i = 0; i < spis.num_irqs; i++)
		if (spis.irqs[i] < BH_MAX_IRQS)
			g->irqs[spis.irqs[i] / 32] |= 1U << (spis.irqs[i] % 32);
	return 0;
}

/* Regions from first on, sorted; those sharing pages merged, with a warning. */
static void merge_regions(struct bh_gen *g, unsigned int first)
{
	struct bh_memory_region *m = g->mem, *last;
	__u64 warned = ~0ULL, end;
	unsigned int i, n = first;
	int mixed;

	qsort(m + first, g->num_mem - first, sizeof(*m), cmp_region);
	for (i = first; i < g->num_mem; i++) {
		last = &m[n - 1];
		if (n == first ||
		    m[i].phys_start >= last->phys_start + last->size) {
			m[n++] = m[i];
			continue;
		}
		if (PAGE_DOWN(m[i].phys_start) != warned) {
			warned = PAGE_DOWN(m[i].phys_start);
			gen_warn(g,
				 "several devices in the 4 KiB page at 0x%llx: a cell can only have them all",
				 (unsigned long long)warned);
		}
		mixed = !!((m[i].flags ^ last->flags) & BH_MEM_ASSIGNABLE);
		if (mixed)
			gen_warn(g,
				 "the device kept for cells at 0x%llx shares a page with one of Linux's: both stay Linux's",
				 (unsigned long long)m[i].phys_start);
		end = m[i].phys_start + m[i].size;
		if (end > last->phys_start + last->size)
			last->size = end - last->phys_start;
		last->flags |= m[i].flags;
		if (mixed)
			last->flags &= ~(__u64)BH_MEM_ASSIGNABLE;
	}
	g->num_mem = n;
}

/*
 * The root cell gets every SPI up to the highest one the tree uses,
 * rounded up to a whole 32 (the GIC's own granularity): lines the tree
 * does not describe (PCIe INTx, lines of the programmable logic) stay
 * Linux's, and a cell's devices' lines are handed over at create.
 */
static void fill_spis(struct bh_gen *g)
{
	int w;

	for (w = BH_IRQ_BITMAP_WORDS - 1; w > 0 && !g->irqs[w]; w--)
		;
	for (; w > 0; w--)
		g->irqs[w] = 0xffffffff;
}

static int gen_devices(struct bh_gen *g)
{
	const __u64 io = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO;
	unsigned int first = g->num_mem;
	int node;

	for (node = fdt_next_node(g->fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(g->fdt, node, NULL)) {
		__u64 flags = io;

		if (!gen_is_device(g, node))
			continue;
		if (gen_is_dma_master(g->fdt, node))
			flags |= BH_MEM_DMA_MASTER;
		if (kept_for_cells(g, node)) {
			if (flags & BH_MEM_DMA_MASTER) {
				gen_warn(g,
					 "%s masters DMA: it stays Linux's (no SMMU support)",
					 fdt_get_name(g->fdt, node, NULL));
			} else {
				flags |= BH_MEM_ASSIGNABLE;
			}
		}
		if (gen_add_device(g, node, flags))
			return -1;
	}
	merge_regions(g, first);
	fill_spis(g);
	return 0;
}

/* The system config's parts; for a cell only what says where cells go. */
int gen_system_parts(struct bh_gen *g, struct bh_system_config *sys, int full)
{
	if (gen_gic(g, sys) || gen_ram(g, sys))
		return -1;
	if (full && (gen_console(g, sys) || gen_devices(g)))
		return -1;
	return 0;
}
