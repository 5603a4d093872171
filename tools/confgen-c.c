// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead config create --format c`: a config as C source for configs/,
 * in the style of the hand-written ones (bulkhead-config.h), compiling to
 * the same bytes.
 */
#include <stdio.h>

#include "cli.h"

static void put_cell(FILE *f, const struct bh_cell_desc *c, const char *ind)
{
	unsigned int i;

	fprintf(f, "%s\tBH_CELL_HEADER,\n", ind);
	if (c->flags)
		fprintf(f, "%s\t.flags = 0x%x,\n", ind, c->flags);
	fprintf(f, "%s\t.name = \"%.31s\",\n", ind, c->name);
	fprintf(f, "%s\t.cpu_set = 0x%llxULL,\n", ind,
		(unsigned long long)c->cpu_set);
	if (c->entry)
		fprintf(f, "%s\t.entry = 0x%llxULL,\n", ind,
			(unsigned long long)c->entry);
	fprintf(f, "%s\t.num_memory_regions = ARRAY_SIZE(config.mem),\n", ind);
	fprintf(f, "%s\t.irq_bitmap = {\n", ind);
	for (i = 0; i < BH_IRQ_BITMAP_WORDS; i++)
		if (c->irq_bitmap[i])
			fprintf(f, "%s\t\t[%u] = 0x%08x,\n", ind, i,
				c->irq_bitmap[i]);
	fprintf(f, "%s\t},\n", ind);
}

static void put_mem(FILE *f, const struct bh_memory_region *m, unsigned int n)
{
	unsigned int i;

	fprintf(f, "\t.mem = {\n");
	for (i = 0; i < n; i++)
		fprintf(f,
			"\t\t{ .phys_start = 0x%llxULL, .virt_start = 0x%llxULL,\n"
			"\t\t  .size = 0x%llxULL, .flags = 0x%llx },\n",
			(unsigned long long)m[i].phys_start,
			(unsigned long long)m[i].virt_start,
			(unsigned long long)m[i].size,
			(unsigned long long)m[i].flags);
	fprintf(f, "\t},\n");
}

static void put_system(FILE *f, const struct bh_system_config *s)
{
	const struct bh_memory_region *h = &s->hypervisor_memory;
	const struct bh_platform *p = &s->platform;

	fprintf(f, "\t.header = {\n\t\tBH_SYSTEM_HEADER,\n");
	fprintf(f,
		"\t\t.hypervisor_memory = {\n\t\t\t.phys_start = 0x%llxULL,\n\t\t\t.virt_start = 0x%llxULL,\n\t\t\t.size = 0x%llxULL,\n\t\t\t.flags = 0x%llx,\n\t\t},\n",
		(unsigned long long)h->phys_start,
		(unsigned long long)h->virt_start, (unsigned long long)h->size,
		(unsigned long long)h->flags);
	fprintf(f,
		"\t\t.debug_console = {\n\t\t\t.address = 0x%llxULL,\n\t\t\t.size = 0x%x,\n\t\t\t.type = %u,\n\t\t},\n",
		(unsigned long long)s->debug_console.address,
		s->debug_console.size, s->debug_console.type);
	fprintf(f,
		"\t\t.platform = {\n\t\t\t.gic_version = %u,\n\t\t\t.maintenance_irq = %u,\n\t\t\t.gicd_base = 0x%llxULL,\n\t\t\t.gicr_base = 0x%llxULL,\n\t\t\t.gicc_base = 0x%llxULL,\n\t\t\t.gich_base = 0x%llxULL,\n\t\t\t.gicv_base = 0x%llxULL,\n\t\t},\n",
		p->gic_version, p->maintenance_irq,
		(unsigned long long)p->gicd_base,
		(unsigned long long)p->gicr_base,
		(unsigned long long)p->gicc_base,
		(unsigned long long)p->gich_base,
		(unsigned long long)p->gicv_base);
	if (s->flags)
		fprintf(f, "\t\t.flags = 0x%x,\n", s->flags);
	fprintf(f, "\t\t.root_cell = {\n");
	put_cell(f, &s->root_cell, "\t\t");
	fprintf(f, "\t\t},\n\t},\n");
}

/* Generated configs only: no channels, no health policy. */
int bh_emit_c(FILE *f, const void *buf, size_t size)
{
	const struct bh_system_config *sys = buf;
	const struct bh_cell_desc *cell = buf;
	int is_sys = bh_config_kind(buf, size) == BH_CONFIG_KIND_SYSTEM;

	if (is_sys)
		cell = &sys->root_cell;
	if ((is_sys && sys->num_channels) || cell->health.watchdog_ms ||
	    cell->health.restart_budget || !cell->num_memory_regions)
		return -1;
	fprintf(f, "#include \"bulkhead-config.h\"\n\nBH_CONFIG struct {\n");
	fprintf(f, "\tstruct %s;\n",
		is_sys ? "bh_system_config header" : "bh_cell_desc cell");
	fprintf(f, "\tstruct bh_memory_region mem[%u];\n} config = {\n",
		cell->num_memory_regions);
	if (is_sys) {
		put_system(f, sys);
	} else {
		fprintf(f, "\t.cell = {\n");
		put_cell(f, cell, "\t");
		fprintf(f, "\t},\n");
	}
	put_mem(f, bh_cell_mem_regions(cell), cell->num_memory_regions);
	fprintf(f, "};\n");
	return 0;
}
