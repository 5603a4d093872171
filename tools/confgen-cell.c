// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead config create`: putting the system config and a cell config
 * together, and the warnings about devices given to a cell: what a
 * generator cannot decide is safe (a shared page, clock, reset or power
 * controller, interrupt line, or a device that masters DMA).
 */
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include "cli.h"
#include "confgen.h"
#include "textconf.h"

#define PAGE BH_PAGE_SIZE
#define RWX  (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)

/* ---- warnings about a device given to a cell ------------------------------ */

static int in_cell(struct bh_gen *g, int node)
{
	unsigned int i;

	for (i = 0; i < g->o->num_devices; i++)
		if (fdt_path_offset(g->fdt, g->o->devices[i]) == node)
			return 1;
	return 0;
}

static __u32 first_cell(const void *fdt, int node, const char *prop)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	return p && len >= 4 ? fdt32_to_cpu(p[0]) : 0;
}

static int pages_overlap(struct bh_gen *g, int a, int b)
{
	__u64 a0, as, b0, bs;
	int i, j;

	for (i = 0; !bh_dt_reg(g->fdt, a, i, &a0, &as); i++)
		for (j = 0; !bh_dt_reg(g->fdt, b, j, &b0, &bs); j++)
			if ((a0 & ~(PAGE - 1)) < b0 + bs &&
			    (b0 & ~(PAGE - 1)) < a0 + as)
				return 1;
	return 0;
}

static int shares_spi(const void *fdt, int a, int b)
{
	struct bh_text_device da = { 0 }, db = { 0 };
	unsigned int i, j;

	bh_dt_spis(fdt, a, &da);
	bh_dt_spis(fdt, b, &db);
	for (i = 0; i < da.num_irqs; i++)
		for (j = 0; j < db.num_irqs; j++)
			if (da.irqs[i] == db.irqs[j])
				return (int)da.irqs[i];
	return 0;
}

/* Compare the cell's device with one of Linux's. */
static void warn_shared(struct bh_gen *g, const char *path, int dev, int other)
{
	static const char *const providers[] = { "clocks", "resets",
						 "power-domains" };
	char name[128];
	unsigned int i;
	int irq;

	if (fdt_get_path(g->fdt, other, name, sizeof(name)))
		return;
	for (i = 0; i < 3; i++) {
		__u32 ph = first_cell(g->fdt, dev, providers[i]);

		if (ph && ph == first_cell(g->fdt, other, providers[i]))
			gen_warn(g,
				 "%s shares its %s provider with %s, which Linux keeps: Linux may switch it off under the cell",
				 path, providers[i], name);
	}
	irq = shares_spi(g->fdt, dev, other);
	if (irq)
		gen_warn(g, "%s: INTID %d is also %s's, which Linux keeps",
			 path, irq, name);
	if (pages_overlap(g, dev, other))
		gen_warn(g,
			 "%s shares a 4 KiB page with %s: the cell can reach both",
			 path, name);
}

static void warn_device(struct bh_gen *g, const char *path, int dev)
{
	int node;

	if (gen_is_dma_master(g->fdt, dev))
		gen_warn(g,
			 "%s masters DMA: without an SMMU it can write any memory, and the checker refuses it if the system config says so",
			 path);
	for (node = fdt_next_node(g->fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(g->fdt, node, NULL))
		if (node != dev && !in_cell(g, node) && gen_is_device(g, node))
			warn_shared(g, path, dev, node);
}

/* ---- putting configs together ---------------------------------------------- */

static void header(struct bh_cell_desc *c, const char *name, __u64 cpus)
{
	memcpy(c->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN);
	c->revision = BH_CONFIG_REVISION;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->cpu_set = cpus;
}

static int finish(struct bh_gen *g, const void *hdr, size_t hdr_size,
		  void **buf, size_t *size)
{
	size_t mem = g->num_mem * sizeof(g->mem[0]);
	char *out = calloc(1, hdr_size + mem);

	if (!out)
		return gen_fail(g, "out of memory");
	memcpy(out, hdr, hdr_size);
	memcpy(out + hdr_size, g->mem, mem);
	*buf = out;
	*size = hdr_size + mem;
	return 0;
}

static int gen_system(struct bh_gen *g, void **buf, size_t *size)
{
	struct bh_system_config sys = { 0 };

	memcpy(sys.signature, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_LEN);
	sys.revision = BH_CONFIG_REVISION;
	header(&sys.root_cell, "linux", g->env.possible_cpus);
	if (gen_system_parts(g, &sys, 1))
		return -1;
	if (g->cells_end > g->cells_start &&
	    gen_add_region(g, g->cells_start, g->cells_end - g->cells_start,
			   RWX | BH_MEM_ASSIGNABLE))
		return -1;
	memcpy(sys.root_cell.irq_bitmap, g->irqs, sizeof(g->irqs));
	sys.root_cell.num_memory_regions = g->num_mem;
	return finish(g, &sys, sizeof(sys), buf, size);
}

/* The first UART among them, its first window, is the cell's console. */
static int cell_devices(struct bh_gen *g)
{
	unsigned int i, first;
	int node, console = 0;

	for (i = 0; i < g->o->num_devices; i++) {
		node = fdt_path_offset(g->fdt, g->o->devices[i]);
		if (node < 0 || !gen_is_device(g, node))
			return gen_fail(g,
					"--device %s: no enabled memory-mapped device at that path (ls /proc/device-tree)",
					g->o->devices[i]);
		warn_device(g, g->o->devices[i], node);
		first = g->num_mem;
		if (gen_add_device(g, node,
				   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO))
			return -1;
		if (!console && g->num_mem > first &&
		    gen_is_uart(g->fdt, node)) {
			g->mem[first].flags |= BH_MEM_CONSOLE;
			console = 1;
		}
	}
	return 0;
}

static int cell_ram(struct bh_gen *g, struct bh_cell_desc *c)
{
	const struct bh_gen_opts *o = g->o;
	__u64 size = (o->mem + PAGE - 1) & ~(PAGE - 1);
	__u64 phys = o->phys ? o->phys : g->cells_start;
	__u64 virt = o->virt != ~0ULL ? o->virt : g->env.ram[0].start;

	if (!size)
		return gen_fail(g,
				"--mem SIZE: how much RAM the cell gets, e.g. --mem 1M");
	if (phys < g->cells_start || phys + size > g->cells_end ||
	    phys + size < phys)
		return gen_fail(g,
				"the cell's RAM [0x%llx-0x%llx) is not in the RAM kept for cells [0x%llx-0x%llx): change --mem or --phys",
				(unsigned long long)phys,
				(unsigned long long)(phys + size),
				(unsigned long long)g->cells_start,
				(unsigned long long)g->cells_end);
	c->entry = virt;
	g->mem[0] = (struct bh_memory_region){ phys, virt, size,
					       RWX | BH_MEM_LOADABLE };
	g->mem[1] = (struct bh_memory_region){ 0, BH_COMM_REGION_ADDR, PAGE,
					       BH_MEM_READ | BH_MEM_WRITE |
						       BH_MEM_COMM_REGION };
	g->num_mem = 2;
	return 0;
}

static int gen_cell(struct bh_gen *g, void **buf, size_t *size)
{
	struct bh_system_config sys = { 0 };
	struct bh_cell_desc cell = { 0 };
	const struct bh_gen_opts *o = g->o;

	if (!o->cell[0] || strlen(o->cell) >= BH_CELL_NAME_LEN)
		return gen_fail(g, "--cell NAME: 1 to 31 characters");
	if (!o->cpus || (o->cpus & ~g->env.possible_cpus))
		return gen_fail(g,
				"--cpus: CPUs of this board (0-%u), e.g. --cpus 3",
				g->env.num_cpus ? g->env.num_cpus - 1 : 0);
	/* the system's RAM plan says where cells may be */
	if (gen_system_parts(g, &sys, 0))
		return -1;
	header(&cell, o->cell, o->cpus);
	cell.flags = BH_CELL_CONSOLE;
	memset(g->irqs, 0, sizeof(g->irqs));
	if (cell_ram(g, &cell) || cell_devices(g))
		return -1;
	memcpy(cell.irq_bitmap, g->irqs, sizeof(g->irqs));
	cell.num_memory_regions = g->num_mem;
	return finish(g, &cell, sizeof(cell), buf, size);
}

int bh_gen_config(const void *fdt, const struct bh_gen_opts *o,
		  struct bh_gen *g, void **buf, size_t *size)
{
	memset(g, 0, sizeof(*g));
	g->fdt = fdt;
	g->o = o;
	g->gic_node = -1;
	if (fdt_check_header(fdt) || bh_env_from_fdt(fdt, &g->env))
		return gen_fail(g, "not a device tree blob");
	return o->cell ? gen_cell(g, buf, size) : gen_system(g, buf, size);
}
