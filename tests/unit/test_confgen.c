// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead config create` on the boards' real device trees, compared with
 * the hand-written configs field by field.  Where they differ the test
 * says so and why (`explained` below); anything else that differs fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"
#include "textconf.h"

#define MIB(n)	((__u64)(n) << 20)
#define HV_BASE 0x7fc00000ULL
#define IO	(BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO)

static void *load(const char *dir, const char *name)
{
	char path[512];
	size_t size;
	void *buf;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (bh_read_file(path, &buf, &size))
		fail_msg("cannot read %s", path);
	return buf;
}

static void *generate(const char *dtb, struct bh_gen_opts *o, struct bh_gen *g,
		      size_t *size)
{
	void *fdt = load(CONFGEN_DTBS, dtb), *buf = NULL;

	if (bh_gen_config(fdt, o, g, &buf, size))
		fail_msg("%s: %s", dtb, g->err);
	free(fdt);
	return buf;
}

/* A hand region the generated config need not have, and why. */
struct explained {
	__u64 phys;
	const char *why;
};

static const struct explained *why_missing(const struct explained *e, __u64 phys)
{
	for (; e && e->why; e++)
		if (e->phys == phys)
			return e;
	return NULL;
}

/*
 * Every root region of the hand config is in the generated one: the same
 * range (or inside one generated region) with the same flags, the DMA
 * master flag aside where the generator is stricter.
 */
static void compare_root_regions(const struct bh_cell_desc *hand,
				 const struct bh_cell_desc *gen,
				 const struct explained *missing)
{
	const struct bh_memory_region *h = bh_cell_mem_regions(hand);
	const struct bh_memory_region *m = bh_cell_mem_regions(gen);
	unsigned int i, j;

	for (i = 0; i < hand->num_memory_regions; i++) {
		__u64 end = h[i].phys_start + h[i].size,
		      covered = h[i].phys_start;

		for (j = 0; j < gen->num_memory_regions; j++)
			if (m[j].phys_start <= covered &&
			    covered < m[j].phys_start + m[j].size &&
			    (m[j].flags & ~(__u64)BH_MEM_DMA_MASTER) ==
				    (h[i].flags & ~(__u64)BH_MEM_DMA_MASTER) &&
			    (m[j].flags & BH_MEM_DMA_MASTER) >=
				    (h[i].flags & BH_MEM_DMA_MASTER)) {
				covered = m[j].phys_start + m[j].size;
				j = (unsigned int)-1; /* again from the start */
				if (covered >= end)
					break;
			}
		if (covered >= end)
			continue;
		if (why_missing(missing, h[i].phys_start)) {
			print_message("  hand region 0x%llx: %s\n",
				      (unsigned long long)h[i].phys_start,
				      why_missing(missing, h[i].phys_start)->why);
			continue;
		}
		fail_msg("hand-written region %u [0x%llx-0x%llx) flags 0x%llx is not in the generated config",
			 i, (unsigned long long)h[i].phys_start,
			 (unsigned long long)end,
			 (unsigned long long)h[i].flags);
	}
}

/* Every generated root region starts inside a hand one, or is explained. */
static void compare_extra_regions(const struct bh_cell_desc *hand,
				  const struct bh_cell_desc *gen,
				  const struct explained *extra)
{
	const struct bh_memory_region *h = bh_cell_mem_regions(hand);
	const struct bh_memory_region *m = bh_cell_mem_regions(gen);
	unsigned int i, j;

	for (i = 0; i < gen->num_memory_regions; i++) {
		for (j = 0; j < hand->num_memory_regions; j++)
			if (m[i].phys_start - h[j].phys_start < h[j].size)
				break;
		if (j < hand->num_memory_regions)
			continue;
		if (!why_missing(extra, m[i].phys_start))
			fail_msg("generated region %u at 0x%llx is not in the hand-written config",
				 i, (unsigned long long)m[i].phys_start);
		print_message("  generated region 0x%llx: %s\n",
			      (unsigned long long)m[i].phys_start,
			      why_missing(extra, m[i].phys_start)->why);
	}
}

static void compare_system(const struct bh_system_config *hand,
			   const struct bh_system_config *gen,
			   const struct explained *missing,
			   const struct explained *extra)
{
	assert_memory_equal(&hand->hypervisor_memory, &gen->hypervisor_memory,
			    sizeof(hand->hypervisor_memory));
	assert_memory_equal(&hand->debug_console, &gen->debug_console,
			    sizeof(hand->debug_console));
	assert_memory_equal(&hand->platform, &gen->platform,
			    sizeof(hand->platform));
	assert_int_equal(hand->root_cell.cpu_set, gen->root_cell.cpu_set);
	assert_string_equal(hand->root_cell.name, gen->root_cell.name);
	/* Linux's RAM first, as by hand */
	assert_memory_equal(bh_cell_mem_regions(&hand->root_cell),
			    bh_cell_mem_regions(&gen->root_cell),
			    sizeof(struct bh_memory_region));
	compare_root_regions(&hand->root_cell, &gen->root_cell, missing);
	compare_extra_regions(&hand->root_cell, &gen->root_cell, extra);
	print_message("  channels: %u by hand, none generated (a device tree has none)\n",
		      hand->num_channels);
	assert_int_equal(gen->num_channels, 0);
}

/* The generated root's SPIs: every one up to a whole 32, from 32 on. */
static void assert_spis(const struct bh_cell_desc *c, unsigned int last)
{
	unsigned int w;

	assert_int_equal(c->irq_bitmap[0], 0);
	for (w = 1; w < BH_IRQ_BITMAP_WORDS; w++)
		assert_int_equal(c->irq_bitmap[w], w <= last / 32 ? ~0U : 0);
}

static void test_virt_system(void **state)
{
	static const struct explained missing[] = {
		{ 0x3eff0000,
		  "the PCIe PIO window is a `ranges` entry of the PCIe node, not a device's `reg`" },
		{ 0, NULL },
	};
	struct bh_gen_opts o = { .linux_mem = MIB(768), .hv_base = HV_BASE };
	struct bh_gen *g = malloc(sizeof(*g));
	void *hand = load(TEXTCONF_CELLS, "qemu-virt.cell"), *gen;
	size_t size;

	(void)state;
	gen = generate("virt.dtb", &o, g, &size);
	print_message("virt system config, generated vs qemu-virt.c:\n");
	compare_system(hand, gen, missing, NULL);
	print_message(
		"  irqs: by hand all 256 SPIs (INTID 32-287, with the channels' doorbells 248-255); generated up to the tree's highest SPI rounded to 32 (INTID 32-95)\n");
	assert_spis(&((struct bh_system_config *)gen)->root_cell, 95);
	assert_int_equal(bh_check_system_config(gen, size, NULL, NULL), 0);
	/* 32 virtio-mmio transports, 8 in each of 4 pages */
	assert_int_equal(g->num_warnings, 4);
	assert_non_null(
		strstr(g->warnings[0],
		       "several devices in the 4 KiB page at 0xa000000"));
	free(g);
	free(gen);
	free(hand);
}

static void test_zcu102_system(void **state)
{
	static const struct explained missing[] = {
		{ 0xfd500000,
		  "GDMA: the tree has its 8 channels, each a 4 KiB window at a 64 KiB stride; by hand one 512 KiB region, gaps and all" },
		{ 0, NULL },
	};
	static const struct explained extra[] = {
		{ 0xc0000000,
		  "the QSPI linear window: left out by hand, QEMU does not emulate it" },
		{ 0x8000000000,
		  "the PCIe config space: left out by hand, QEMU does not emulate it" },
		{ 0, NULL },
	};
	struct bh_gen_opts o = { .linux_mem = MIB(1536),
				 .hv_base = HV_BASE,
				 .devices = { "/axi/serial@ff010000" },
				 .num_devices = 1 };
	struct bh_gen *g = malloc(sizeof(*g));
	void *hand = load(TEXTCONF_CELLS, "zcu102.cell"), *gen;
	size_t size;

	(void)state;
	gen = generate("zcu102.dtb", &o, g, &size);
	print_message("zcu102 system config, generated vs zcu102.c:\n");
	compare_system(hand, gen, missing, extra);
	print_message(
		"  generated flags the PCIe bridge, DisplayPort and USB wrapper registers as DMA masters too (their nodes master DMA)\n");
	print_message("  irqs: both INTID 32-191\n");
	assert_memory_equal(((struct bh_system_config *)hand)
				    ->root_cell.irq_bitmap,
			    ((struct bh_system_config *)gen)->root_cell.irq_bitmap,
			    sizeof(((struct bh_cell_desc *)0)->irq_bitmap));
	assert_int_equal(bh_check_system_config(gen, size, NULL, NULL), 0);
	free(g);
	free(gen);
	free(hand);
}

/* The RTOS cell: the hand config's bytes, but for where its RAM is. */
static void test_rtos_cells(void **state)
{
	struct bh_gen_opts o = { .cell = "rtos",
				 .cpus = 8,
				 .mem = MIB(1),
				 .phys = 0x63000000,
				 .virt = ~0ULL,
				 .linux_mem = MIB(1536),
				 .hv_base = HV_BASE,
				 .devices = { "/axi/serial@ff010000" },
				 .num_devices = 1 };
	struct bh_gen *g = malloc(sizeof(*g));
	void *hand = load(TEXTCONF_CELLS, "zcu102-rtos.cell"), *gen;
	size_t size;

	(void)state;
	gen = generate("zcu102.dtb", &o, g, &size);
	assert_int_equal(size, bh_cell_config_size(hand));
	assert_memory_equal(gen, hand, size);
	assert_int_equal(g->num_warnings, 1);
	assert_non_null(
		strstr(g->warnings[0],
		       "shares its clocks provider with /axi/serial@ff000000"));
	free(gen);
	free(hand);

	o = (struct bh_gen_opts){ .cell = "rtos",
				  .cpus = 8,
				  .mem = MIB(1),
				  .phys = 0x73000000,
				  .virt = ~0ULL,
				  .linux_mem = MIB(768),
				  .hv_base = HV_BASE };
	hand = load(TEXTCONF_CELLS, "qemu-virt-rtos.cell");
	gen = generate("virt.dtb", &o, g, &size);
	assert_int_equal(size, bh_cell_config_size(hand));
	assert_memory_equal(gen, hand, size);
	assert_int_equal(g->num_warnings, 0);
	free(gen);
	free(hand);
	free(g);
}

static void gen_fails(const char *dtb, const struct bh_gen_opts *o,
		      const char *words)
{
	struct bh_gen *g = malloc(sizeof(*g));
	void *fdt = load(CONFGEN_DTBS, dtb), *buf = NULL;
	size_t size;

	assert_int_equal(bh_gen_config(fdt, o, g, &buf, &size), -1);
	if (!strstr(g->err, words))
		fail_msg("got '%s', wanted '%s'", g->err, words);
	assert_null(buf);
	free(fdt);
	free(g);
}

static void test_refusals(void **state)
{
	struct bh_gen_opts o = { .hv_base = HV_BASE };

	(void)state;
	gen_fails("virt.dtb", &o, "boot it with mem= or give --linux-mem");
	o.linux_mem = MIB(1024);
	gen_fails("virt.dtb", &o, "covers all RAM");
	o.linux_mem = MIB(768);
	o.hv_base = 0x50000000;
	gen_fails("virt.dtb", &o, "is not in the RAM Linux leaves free");
	o.hv_base = 0;
	gen_fails("virt.dtb", &o, "give --hv-base");
	o = (struct bh_gen_opts){ .cell = "x",
				  .cpus = 1 << 4,
				  .mem = MIB(1),
				  .linux_mem = MIB(768),
				  .hv_base = HV_BASE,
				  .virt = ~0ULL };
	gen_fails("virt.dtb", &o, "--cpus: CPUs of this board (0-3)");
	o.cpus = 8;
	o.mem = MIB(300);
	gen_fails("virt.dtb", &o, "is not in the RAM kept for cells");
	o.mem = MIB(1);
	o.devices[0] = "/nothing@0";
	o.num_devices = 1;
	gen_fails("virt.dtb", &o,
		  "--device /nothing@0: no enabled memory-mapped device");
	o.devices[0] = "/intc@8000000";
	gen_fails("virt.dtb", &o, "no enabled memory-mapped device");
	o.devices[0] = "/pl011@9000000";
	o.cell = "";
	gen_fails("virt.dtb", &o, "--cell NAME");
}

/* A DMA master given to a cell is warned about. */
static void test_dma_warning(void **state)
{
	struct bh_gen_opts o = { .cell = "x",
				 .cpus = 8,
				 .mem = MIB(1),
				 .linux_mem = MIB(768),
				 .hv_base = HV_BASE,
				 .virt = ~0ULL,
				 .devices = { "/virtio_mmio@a000000" },
				 .num_devices = 1 };
	struct bh_gen *g = malloc(sizeof(*g));
	size_t size;
	void *gen;

	(void)state;
	gen = generate("virt.dtb", &o, g, &size);
	assert_true(g->num_warnings >= 2);
	assert_non_null(strstr(g->warnings[0], "masters DMA"));
	assert_non_null(strstr(g->warnings[1],
			       "shares a 4 KiB page with /virtio_mmio@a000200"));
	free(gen);
	free(g);
}

/* --format c: C that the configs' compiler turns into the same bytes */
static void test_c_output(void **state)
{
	struct bh_gen_opts o = { .linux_mem = MIB(1536),
				 .hv_base = HV_BASE,
				 .devices = { "/axi/serial@ff010000" },
				 .num_devices = 1 };
	struct bh_gen *g = malloc(sizeof(*g));
	char cmd[1024], dir[] = "/tmp/confgen-XXXXXX", path[256];
	size_t size, csize;
	void *gen, *compiled;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	gen = generate("zcu102.dtb", &o, g, &size);
	snprintf(path, sizeof(path), "%s/gen.c", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(bh_emit_c(f, gen, size), 0);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && gcc -DBULKHEAD_FREESTANDING -I%s/include -I%s/configs/arm64 -ffreestanding -fno-common -fno-pic -O0 -Wall -Wextra -Werror -std=gnu11 -c gen.c -o gen.o && objcopy -O binary -j .bhconfig gen.o gen.cell",
		 dir, TEXTCONF_SRC, TEXTCONF_SRC);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/gen.cell", dir);
	assert_int_equal(bh_read_file(path, &compiled, &csize), 0);
	assert_int_equal(csize, size);
	assert_memory_equal(compiled, gen, size);
	snprintf(cmd, sizeof(cmd), "rm -r %s", dir);
	assert_int_equal(system(cmd), 0);
	free(compiled);
	free(gen);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt_system),
		cmocka_unit_test(test_zcu102_system),
		cmocka_unit_test(test_rtos_cells),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_dma_warning),
		cmocka_unit_test(test_c_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
