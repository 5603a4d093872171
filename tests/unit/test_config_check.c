// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of hypervisor/config_check.c: every real config is accepted,
 * and every rejection is provoked once from a real config with one field
 * broken, checking both the error code and the gist of the message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/config_check.h>
#include "configs.h"

#define BUF_SIZE 8192
#define MIB	 0x100000ULL
#define RW	 (BH_MEM_READ | BH_MEM_WRITE)
#define RWX	 (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)

enum board { VIRT, ZCU };

static _Alignas(8) unsigned char sys_buf[BUF_SIZE];
static _Alignas(8) unsigned char cell_buf[BUF_SIZE];
static _Alignas(8) unsigned char other_buf[4][BUF_SIZE];
static struct bh_check_report rep;

static const struct bh_check_env virt_env = {
	.possible_cpus = 0xf,
	.num_cpus = 4,
	.calling_cpu = -1,
	.num_ram = 1,
	.ram = { { 0x40000000, 0x40000000 } },
};

static const struct bh_check_env zcu_env = {
	.possible_cpus = 0xf,
	.num_cpus = 4,
	.calling_cpu = -1,
	.num_ram = 2,
	.ram = { { 0x0, 0x80000000 }, { 0x800000000ULL, 0x80000000 } },
};

static const struct test_config *system_of(enum board b)
{
	return b == VIRT ? &test_virt_system : &test_zcu_system;
}

static const struct test_config *cell_of(enum board b, int i)
{
	return b == VIRT ? &test_virt_cells[i] : &test_zcu_cells[i];
}

static struct bh_system_config *load_system(enum board b)
{
	const struct test_config *c = system_of(b);

	memset(sys_buf, 0, sizeof(sys_buf));
	memcpy(sys_buf, c->data, c->size);
	return (struct bh_system_config *)sys_buf;
}

static struct bh_cell_desc *load_cell(unsigned char *buf, enum board b, int i)
{
	const struct test_config *c = cell_of(b, i);

	memset(buf, 0, BUF_SIZE);
	memcpy(buf, c->data, c->size);
	return (struct bh_cell_desc *)buf;
}

static void expect(int ret, int code, const char *text)
{
	if (ret != code || (text && !strstr(rep.msg, text)))
		print_error("got %d \"%s\", want %d \"%s\"\n", ret, rep.msg,
			    code, text ? text : "");
	assert_int_equal(ret, code);
	assert_int_equal(rep.error, code);
	if (text)
		assert_non_null(strstr(rep.msg, text));
	else
		assert_string_equal(rep.msg, "");
}

/* ---- the real configs ------------------------------------------------ */

static void accepts_system(enum board b, const struct bh_check_env *env)
{
	const struct test_config *c = system_of(b);

	load_system(b);
	expect(bh_check_system_config(sys_buf, c->size, env, &rep), 0, NULL);
	assert_int_equal(bh_system_config_size((void *)sys_buf), c->size);
	assert_int_equal(bh_config_kind(sys_buf, c->size),
			 BH_CONFIG_KIND_SYSTEM);
}

static void test_accept_virt_system(void **state)
{
	(void)state;
	accepts_system(VIRT, &virt_env);
	accepts_system(VIRT, NULL);
}

static void test_accept_zcu_system(void **state)
{
	(void)state;
	accepts_system(ZCU, &zcu_env);
	accepts_system(ZCU, NULL);
}

/* Each cell alone, then all cells that fit together, one after another. */
static void accepts_cells(enum board b, const struct bh_check_env *env,
			  const int *together, int n_together)
{
	const struct bh_cell_desc *others[TEST_CELLS_PER_BOARD];
	const struct bh_system_config *sys = load_system(b);
	int i;

	for (i = 0; i < TEST_CELLS_PER_BOARD; i++) {
		const struct test_config *c = cell_of(b, i);

		memcpy(cell_buf, c->data, c->size);
		expect(bh_check_cell_config(cell_buf, c->size, sys, NULL, 0,
					    env, &rep),
		       0, NULL);
		assert_int_equal(bh_config_kind(cell_buf, c->size),
				 BH_CONFIG_KIND_CELL);
	}
	for (i = 0; i < n_together; i++) {
		const struct test_config *c = cell_of(b, together[i]);

		memcpy(other_buf[i], c->data, c->size);
		expect(bh_check_cell_config(other_buf[i], c->size, sys, others,
					    i, env, &rep),
		       0, NULL);
		others[i] = (const struct bh_cell_desc *)other_buf[i];
	}
}

static void test_accept_virt_cells(void **state)
{
	static const int together[] = { 0, 1, 3 }; /* uart, gic, rtos */

	(void)state;
	accepts_cells(VIRT, &virt_env, together, 3);
	accepts_cells(VIRT, NULL, together, 3);
}

static void test_accept_zcu_cells(void **state)
{
	static const int together[] = { 3 };

	(void)state;
	accepts_cells(ZCU, &zcu_env, together, 1);
}

/* The example from the design: a second cell on another cell's RAM. */
static void test_message_overlap_other_cell(void **state)
{
	const struct bh_system_config *sys = load_system(VIRT);
	const struct bh_cell_desc *rtos = load_cell(other_buf[0], VIRT, 3);
	struct bh_cell_desc *cell = load_cell(cell_buf, VIRT, 0);
	struct bh_memory_region *m = bh_cell_mem_regions(cell);

	(void)state;
	m[0].phys_start = bh_cell_mem_regions(rtos)[0].phys_start;
	expect(bh_check_cell_config(cell, bh_cell_config_size(cell), sys, &rtos,
				    1, &virt_env, &rep),
	       -BH_EBUSY,
	       "cell 'uart-demo': memory region 0 "
	       "[0x73000000-0x73100000) overlaps region 0 of cell 'rtos'");
}

/* Two zcu102 cells cannot both own uart1. */
static void test_zcu_uart_conflict(void **state)
{
	const struct bh_system_config *sys = load_system(ZCU);
	const struct bh_cell_desc *rtos = load_cell(other_buf[0], ZCU, 3);
	struct bh_cell_desc *cell = load_cell(cell_buf, ZCU, 0);

	(void)state;
	expect(bh_check_cell_config(cell, bh_cell_config_size(cell), sys, &rtos,
				    1, &zcu_env, &rep),
	       -BH_EBUSY, "overlaps region 2 of cell 'rtos'");
}

/* The cross-compiled .cell files hold exactly the bytes tested here. */
static void compare_cell_file(const char *dir, const char *name,
			      const struct test_config *c)
{
	static unsigned char file[BUF_SIZE];
	char path[512];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.cell", dir, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s is missing: the unit tests build it first", path);
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	assert_int_equal(n, c->size);
	assert_memory_equal(file, c->data, n);
}

static void test_cell_files_match(void **state)
{
	static const char *const cells[] = {
		"uart-demo",
		"gic-demo",
		"fault-demo",
		"rtos",
	};
	const char *dir = getenv("BH_CELL_DIR");
	char name[64];
	int i;

	(void)state;
	if (!dir || !*dir)
		fail_msg(
			"BH_CELL_DIR is not set: run through tests/unit/Makefile");
	compare_cell_file(dir, "qemu-virt", &test_virt_system);
	compare_cell_file(dir, "zcu102", &test_zcu_system);
	for (i = 0; i < TEST_CELLS_PER_BOARD; i++) {
		snprintf(name, sizeof(name), "qemu-virt-%s", cells[i]);
		compare_cell_file(dir, name, &test_virt_cells[i]);
		snprintf(name, sizeof(name), "zcu102-%s", cells[i]);
		compare_cell_file(dir, name, &test_zcu_cells[i]);
	}
	for (i = 0; i < TEST_MORE_CELLS; i++)
		compare_cell_file(dir, test_more_cells[i].name,
				  &test_more_cells[i].c);
}

/* The configs not in the sets above: each one alone on its board. */
static void test_accept_more_cells(void **state)
{
	const struct test_named_config *m;
	int i;

	(void)state;
	for (i = 0; i < TEST_MORE_CELLS; i++) {
		m = &test_more_cells[i];
		memcpy(cell_buf, m->c.data, m->c.size);
		print_message("%s\n", m->name);
		expect(bh_check_cell_config(cell_buf, m->c.size,
					    load_system(m->zcu102 ? ZCU : VIRT),
					    NULL, 0,
					    m->zcu102 ? &zcu_env : &virt_env,
					    &rep),
		       0, NULL);
	}
}

static void test_config_kind(void **state)
{
	(void)state;
	assert_int_equal(bh_config_kind(NULL, 100), BH_CONFIG_KIND_NONE);
	assert_int_equal(bh_config_kind("BHSYSCFG", 7), BH_CONFIG_KIND_NONE);
	assert_int_equal(bh_config_kind("BHSYSCFG", 8), BH_CONFIG_KIND_SYSTEM);
	assert_int_equal(bh_config_kind("BHCELCFG", 8), BH_CONFIG_KIND_CELL);
	assert_int_equal(bh_config_kind("ELF\177xxxx", 8), BH_CONFIG_KIND_NONE);
}

static void test_env_init(void **state)
{
	struct bh_check_env env;

	(void)state;
	memset(&env, 0x55, sizeof(env));
	bh_check_env_init(&env);
	assert_int_equal(env.possible_cpus, 0);
	assert_int_equal(env.num_ram, 0);
	assert_int_equal(env.calling_cpu, -1);
}

static void test_null_report(void **state)
{
	(void)state;
	load_system(VIRT);
	sys_buf[0] = 'X';
	assert_int_equal(bh_check_system_config(sys_buf, 600, NULL, NULL),
			 -BH_EINVAL);
}

/* ---- system config rejections ---------------------------------------- */

struct sys_ctx {
	struct bh_system_config *s;
	struct bh_cell_desc *r;	    /* the root cell */
	struct bh_memory_region *m; /* its regions */
	struct bh_check_env env;
	const struct bh_check_env *envp;
	long long size_delta;
	const void *buf;
};

struct sys_case {
	enum board board;
	void (*mutate)(struct sys_ctx *c);
	int code;
	const char *text;
};

static void add_region(struct bh_cell_desc *cell, __u64 phys, __u64 virt,
		       __u64 size, __u64 flags)
{
	struct bh_memory_region *m = bh_cell_mem_regions(cell);

	m[cell->num_memory_regions++] = (struct bh_memory_region){
		.phys_start = phys,
		.virt_start = virt,
		.size = size,
		.flags = flags,
	};
}

#define ROOT_ADD(p, sz, f) add_region(c->r, p, p, sz, f)
#define CH(n)		   (bh_system_channels(c->s)[n])

/* name, board, expected code, message fragment, mutation */
/* clang-format off */
#define SYS_CASES(X)							\
	X(sys_null_buffer, VIRT, -BH_EINVAL, "no config given",		\
	  c->buf = NULL)						\
	X(sys_misaligned, VIRT, -BH_EINVAL, "not 8-byte aligned",	\
	  c->buf = sys_buf + 4)						\
	X(sys_too_small, VIRT, -BH_EINVAL, "only 100 bytes",		\
	  c->size_delta = 100 - (long long)bh_system_config_size(c->s))	\
	X(sys_is_cell, VIRT, -BH_EINVAL, "this is a cell config, not a system", \
	  memcpy(c->s->signature, BH_CELL_SIGNATURE, 8))		\
	X(sys_signature, VIRT, -BH_EINVAL, "not a Bulkhead config",	\
	  c->s->signature[7] = 'X')					\
	X(sys_revision, VIRT, -BH_EINVAL, "revision 9",			\
	  c->s->revision = 9)						\
	X(sys_flags, VIRT, -BH_EINVAL, "unknown system flags",		\
	  c->s->flags = 2)						\
	X(hv_zero, VIRT, -BH_EINVAL, "hypervisor_memory",		\
	  c->s->hypervisor_memory.size = 0)				\
	X(hv_unaligned, VIRT, -BH_EINVAL, "4 KiB aligned",		\
	  c->s->hypervisor_memory.phys_start += 0x10)			\
	X(hv_overflow, VIRT, -BH_EINVAL, "40-bit",			\
	  c->s->hypervisor_memory.phys_start = 0xfffffffffffff000ULL)	\
	X(hv_not_ram, VIRT, -BH_ERANGE, "hypervisor_memory [0x3fc00000", \
	  c->s->hypervisor_memory.phys_start = 0x3fc00000)		\
	X(console_type, VIRT, -BH_EINVAL, "debug_console.type 7",	\
	  c->s->debug_console.type = 7)					\
	X(console_address, VIRT, -BH_EINVAL, "no address or size",	\
	  c->s->debug_console.address = 0)				\
	X(gic_version, VIRT, -BH_EINVAL, "gic_version is 4",		\
	  c->s->platform.gic_version = 4)				\
	X(maintenance_irq, VIRT, -BH_EINVAL, "maintenance_irq 40",	\
	  c->s->platform.maintenance_irq = 40)				\
	X(no_gicd, VIRT, -BH_EINVAL, "gicd_base is 0",			\
	  c->s->platform.gicd_base = 0)					\
	X(v3_no_gicr, VIRT, -BH_EINVAL, "gicr_base is 0",		\
	  c->s->platform.gicr_base = 0)					\
	X(v2_no_gich, ZCU, -BH_EINVAL, "GICv2 needs",			\
	  c->s->platform.gich_base = 0)					\
	X(root_signature, VIRT, -BH_EINVAL, "root cell: signature",	\
	  c->r->signature[0] = 'x')					\
	X(root_revision, VIRT, -BH_EINVAL, "root cell: revision 0",	\
	  c->r->revision = 0)						\
	X(root_name_empty, VIRT, -BH_EINVAL, "name is empty",		\
	  c->r->name[0] = 0)						\
	X(root_name_unterminated, VIRT, -BH_EINVAL, "not NUL-terminated", \
	  memset(c->r->name, 'a', BH_CELL_NAME_LEN))			\
	X(root_too_many_regions, VIRT, -BH_E2BIG, "limit is 64",	\
	  c->r->num_memory_regions = 65)				\
	X(root_truncated, VIRT, -BH_EINVAL, "truncated: 10 memory regions", \
	  c->size_delta = -1)						\
	X(root_trailing, VIRT, -BH_EINVAL, "32 bytes after the last of 10", \
	  c->size_delta = 32)						\
	X(root_count_wrong, VIRT, -BH_EINVAL, "truncated: 11 memory",	\
	  c->r->num_memory_regions++; c->size_delta = -32)		\
	X(root_flags, VIRT, -BH_EINVAL, "unknown flags 0x4",		\
	  c->r->flags = 4)						\
	X(root_no_cpus, VIRT, -BH_EINVAL, "cpu_set is empty",		\
	  c->r->cpu_set = 0)						\
	X(root_irq_ppi, VIRT, -BH_EINVAL, "INTID 27, which is not an SPI", \
	  c->r->irq_bitmap[0] = 1U << 27)				\
	X(root_irq_special, VIRT, -BH_EINVAL, "INTID 1023",		\
	  c->r->irq_bitmap[31] = 1U << 31)				\
	X(region_flags, VIRT, -BH_EINVAL, "region 3 has unknown flags 0x800", \
	  c->m[3].flags |= 0x800)					\
	X(region_no_access, VIRT, -BH_EINVAL, "grants no access",	\
	  c->m[2].flags = BH_MEM_IO)					\
	X(region_zero_size, VIRT, -BH_EINVAL, "region 4 has size 0",	\
	  c->m[4].size = 0)						\
	X(region_unaligned_start, VIRT, -BH_EINVAL, "not 4 KiB aligned", \
	  c->m[5].phys_start += 0x800; c->m[5].virt_start += 0x800)	\
	X(region_unaligned_size, VIRT, -BH_EINVAL, "region 6 (phys 0xa000000, virt 0xa000000, size 0x4200) is not 4 KiB", \
	  c->m[6].size += 0x200)					\
	X(region_overflow, VIRT, -BH_EINVAL, "40-bit address space",	\
	  c->m[1].size = 0xfffffffffffff000ULL)				\
	/* stage 2 translates 40 bits: a region past them was never mapped */ \
	X(region_beyond_40bit, VIRT, -BH_EINVAL, "40-bit address space", \
	  ROOT_ADD(0xfffffff000ULL, 0x2000, RW | BH_MEM_IO))		\
	X(region_io_loadable, VIRT, -BH_EINVAL, "both IO and LOADABLE",	\
	  c->m[2].flags |= BH_MEM_LOADABLE)				\
	X(comm_io, VIRT, -BH_EINVAL, "comm region cannot be IO",	\
	  add_region(c->r, 0, BH_COMM_REGION_ADDR, 0x1000,		\
		     RW | BH_MEM_COMM_REGION | BH_MEM_IO))		\
	X(comm_read_only, VIRT, -BH_EINVAL, "must be READ|WRITE",	\
	  add_region(c->r, 0, BH_COMM_REGION_ADDR, 0x1000,		\
		     BH_MEM_READ | BH_MEM_COMM_REGION))			\
	X(comm_address, VIRT, -BH_EINVAL, "virt_start 0x80000000, size 0x1000", \
	  add_region(c->r, 0, 0x90000000, 0x1000, RW | BH_MEM_COMM_REGION)) \
	X(comm_twice, VIRT, -BH_EINVAL, "region 11 is a second comm region", \
	  add_region(c->r, 0, BH_COMM_REGION_ADDR, 0x1000, RW | BH_MEM_COMM_REGION); \
	  add_region(c->r, 0, BH_COMM_REGION_ADDR, 0x1000, RW | BH_MEM_COMM_REGION)) \
	X(region_overlap_phys, VIRT, -BH_EINVAL, "region 10 [0x9010000-0x9012000) overlaps region 3", \
	  add_region(c->r, 0x09010000, 0x09010000, 0x2000, RW | BH_MEM_IO)) \
	X(region_overlap_guest, VIRT, -BH_EINVAL, "guest-physical",	\
	  c->m[3].virt_start = c->m[2].virt_start)			\
	X(root_not_identity, VIRT, -BH_EINVAL, "mapped 1:1",		\
	  c->m[3].virt_start = 0x20000000)				\
	X(root_overlaps_hv, VIRT, -BH_EINVAL, "overlaps the hypervisor memory [0x7fc00000-0x80000000)", \
	  ROOT_ADD(0x7fc00000, 0x1000, RW))				\
	X(root_maps_gicd, VIRT, -BH_EINVAL, "GIC distributor (GICD)",	\
	  ROOT_ADD(0x08000000, 0x10000, RW | BH_MEM_IO))		\
	X(root_maps_gicr, VIRT, -BH_EINVAL, "GIC redistributors (GICR)", \
	  ROOT_ADD(0x080c0000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gicc, ZCU, -BH_EINVAL, "CPU interface (GICC)",	\
	  ROOT_ADD(0xf9020000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gich, ZCU, -BH_EINVAL, "hypervisor interface (GICH)", \
	  ROOT_ADD(0xf9040000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gicv, ZCU, -BH_EINVAL, "virtual CPU interface (GICV)", \
	  ROOT_ADD(0xf9061000, 0x1000, RW | BH_MEM_IO))		\
	/* the ZynqMP's 64 KiB aliases of each 4 KiB GIC-400 page */	\
	X(root_maps_gicc_alias, ZCU, -BH_EINVAL, "CPU interface (GICC)", \
	  ROOT_ADD(0xf902f000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gicc_dir_alias, ZCU, -BH_EINVAL, "CPU interface (GICC)", \
	  ROOT_ADD(0xf9030000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gich_alias, ZCU, -BH_EINVAL, "hypervisor interface (GICH)", \
	  ROOT_ADD(0xf9041000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gich_cpu_alias, ZCU, -BH_EINVAL, "hypervisor interface (GICH)", \
	  ROOT_ADD(0xf9050000, 0x1000, RW | BH_MEM_IO))		\
	X(root_maps_gicv_alias, ZCU, -BH_EINVAL, "virtual CPU interface (GICV)", \
	  ROOT_ADD(0xf907f000, 0x1000, RW | BH_MEM_IO))		\
	X(root_cpu_not_possible, VIRT, -BH_ERANGE, "names CPU 4",	\
	  c->r->cpu_set = 0x1f)						\
	X(root_cpu_beyond_count, VIRT, -BH_ERANGE, "names CPU 2",	\
	  c->env.possible_cpus = 0; c->env.num_cpus = 2)		\
	X(root_ram_not_ram, VIRT, -BH_ERANGE, "region 0 [0x40000000-0x70000000) is not RAM", \
	  c->env.ram[0].start = 0x48000000)				\
	X(zcu_root_ram_not_ram, ZCU, -BH_ERANGE, "is not RAM",		\
	  ROOT_ADD(0x900000000ULL, 0x80000000, RWX))			\
	X(root_health, VIRT, -BH_EINVAL, "cannot restart Linux",	\
	  c->r->health.restart_budget = 1)				\
	X(chan_too_many, VIRT, -BH_E2BIG, "num_channels is 17",		\
	  c->s->num_channels = 17)					\
	X(chan_truncated, VIRT, -BH_EINVAL, "truncated",		\
	  c->size_delta = -(long long)sizeof(struct bh_channel_desc))	\
	X(root_vuart, VIRT, -BH_EINVAL, "the root cell cannot have a vUART", \
	  c->r->vuart.address = 0x09001000; c->r->vuart.irq = 252)	\
	X(chan_no_name, VIRT, -BH_EINVAL, "channel: name is empty",	\
	  CH(1).name[0] = 0)						\
	X(chan_duplicate_name, VIRT, -BH_EINVAL, "a second channel has this name", \
	  memcpy(CH(1).name, "rtos-link", 10))				\
	X(chan_same_peers, VIRT, -BH_EINVAL, "both peers are 'linux'",	\
	  memcpy(CH(0).peer[1], "linux", 6))				\
	X(chan_unknown_flags, VIRT, -BH_EINVAL, "flags 0x1",		\
	  CH(0).flags = 1)						\
	X(chan_no_out_area, VIRT, -BH_EINVAL, "needs an output area",	\
	  CH(0).out_size[1] = 0)					\
	X(chan_unaligned, VIRT, -BH_EINVAL, "multiples of 0x1000",	\
	  CH(0).address += 0x10)					\
	X(chan_beyond_40_bits, VIRT, -BH_EINVAL, "40-bit",		\
	  CH(0).common_size = 1ULL << 41)				\
	X(chan_doorbell_ppi, VIRT, -BH_EINVAL, "doorbell_irq[0] is INTID 27", \
	  CH(0).doorbell_irq[0] = 27)					\
	X(chan_one_doorbell, VIRT, -BH_EINVAL, "both doorbells are INTID 248", \
	  CH(0).doorbell_irq[1] = 248)					\
	X(chan_shared_doorbell, VIRT, -BH_EINVAL, "also a doorbell of channel 'rtos-link'", \
	  CH(1).doorbell_irq[0] = 249)					\
	X(chan_in_linux_ram, VIRT, -BH_EINVAL, "not inside RAM the system config keeps for cells", \
	  CH(0).address = 0x40000000)					\
	X(chan_on_hypervisor, VIRT, -BH_EINVAL, "overlaps the hypervisor memory", \
	  CH(1).address = 0x7fbff000)					\
	X(chan_overlap, VIRT, -BH_EINVAL, "overlaps channel 'rtos-link'", \
	  CH(1).address = CH(0).address + 0x10000)			\
	X(zcu_chan_overlap, ZCU, -BH_EINVAL, "overlaps channel 'rtos-link'", \
	  CH(1).address = CH(0).address)
/* clang-format on */

#define DEFINE_SYS_MUTATION(nm, b, code, text, ...) \
	static void mut_##nm(struct sys_ctx *c)     \
	{                                           \
		__VA_ARGS__;                        \
	}
SYS_CASES(DEFINE_SYS_MUTATION)

#define DEFINE_SYS_CASE(nm, b, code_, text_, ...)  \
	static const struct sys_case case_##nm = { \
		.board = b,                        \
		.mutate = mut_##nm,                \
		.code = code_,                     \
		.text = text_,                     \
	};
SYS_CASES(DEFINE_SYS_CASE)

static void run_sys_case(void **state)
{
	const struct sys_case *t = *state;
	struct sys_ctx c = { 0 };

	c.s = load_system(t->board);
	c.r = &c.s->root_cell;
	c.m = bh_cell_mem_regions(c.r);
	c.env = t->board == VIRT ? virt_env : zcu_env;
	c.envp = &c.env;
	c.buf = sys_buf;
	t->mutate(&c);
	expect(bh_check_system_config(c.buf,
				      bh_system_config_size(c.s) + c.size_delta,
				      c.envp, &rep),
	       t->code, t->text);
}

/* ---- cell config rejections ------------------------------------------ */

struct cell_ctx {
	struct bh_system_config *s;
	struct bh_cell_desc *cell;
	struct bh_memory_region *m;
	const struct bh_cell_desc *others[4];
	unsigned int n_other;
	struct bh_check_env env;
	long long size_delta;
	int no_sys;
	int others_null;
};

struct cell_case {
	enum board board;
	int index; /* which real cell to start from */
	void (*mutate)(struct cell_ctx *c);
	int code;
	const char *text;
};

static void add_other(struct cell_ctx *c, int index)
{
	unsigned int n = c->n_other++;

	c->others[n] = load_cell(other_buf[n], VIRT, index);
}

#define CELL_ADD(p, v, sz, f) add_region(c->cell, p, v, sz, f)

/* A vUART at addr, its SPI irq owned by the cell when it can be. */
static void set_vuart(struct cell_ctx *c, __u64 addr, unsigned int irq)
{
	c->cell->vuart.address = addr;
	c->cell->vuart.irq = irq;
	if (irq < BH_MAX_IRQS)
		c->cell->irq_bitmap[irq / 32] |= 1U << (irq % 32);
}

/* name, board, cell index, expected code, message fragment, mutation */
/* clang-format off */
#define CELL_CASES(X)							\
	X(cell_health_action, VIRT, 3, -BH_EINVAL, "health.action[2] is 7", \
	  c->cell->health.action[BH_EVENT_WATCHDOG] = 7)		\
	X(cell_health_notify_fault, VIRT, 3, -BH_EINVAL, "BH_ACTION_NOTIFY lets a cell run on only", \
	  c->cell->health.action[BH_EVENT_ACCESS] = BH_ACTION_NOTIFY)	\
	X(cell_health_watchdog, VIRT, 3, -BH_EINVAL, "health.watchdog_ms is 60001", \
	  c->cell->health.watchdog_ms = 60001)				\
	X(cell_health_reserved, VIRT, 3, -BH_EINVAL, "health.reserved must be 0", \
	  c->cell->health.reserved[12] = 1)				\
	X(cell_ram_on_channel, VIRT, 3, -BH_EBUSY, "overlaps the memory of channel 'rtos-link'", \
	  c->m[0].phys_start = 0x7e000000)				\
	X(cell_ipa_on_channel, VIRT, 3, -BH_EINVAL, "channel 'rtos-link', which this cell sees at", \
	  c->m[0].virt_start = 0x7e000000; c->cell->entry = 0x7e000000) \
	X(cell_claims_doorbell, VIRT, 3, -BH_EINVAL, "IRQ 251 is a doorbell of channel 'ping-pong'", \
	  c->cell->irq_bitmap[251 / 32] |= 1U << (251 % 32))		\
	X(cell_is_system, VIRT, 0, -BH_EINVAL, "this is a system config", \
	  memcpy(c->cell->signature, BH_SYSTEM_SIGNATURE, 8))		\
	X(cell_signature, VIRT, 0, -BH_EINVAL, "signature is not \"BHCELCFG\"", \
	  c->cell->signature[2] = '?')					\
	X(cell_too_small, VIRT, 0, -BH_EINVAL, "only 239 bytes",	\
	  c->size_delta = -65)						\
	X(cell_revision, VIRT, 0, -BH_EINVAL, "revision 9",		\
	  c->cell->revision = 9)					\
	X(cell_name_empty, VIRT, 0, -BH_EINVAL, "cell: name is empty",	\
	  c->cell->name[0] = 0)						\
	X(cell_truncated, VIRT, 0, -BH_EINVAL, "cell 'uart-demo': truncated", \
	  c->size_delta = -8)						\
	X(cell_too_many_regions, VIRT, 0, -BH_E2BIG, "num_memory_regions is 1000", \
	  c->cell->num_memory_regions = 1000)				\
	X(cell_flags, VIRT, 0, -BH_EINVAL, "unknown flags 0x10",	\
	  c->cell->flags |= 0x10)					\
	X(cell_no_cpus, VIRT, 0, -BH_EINVAL, "cpu_set is empty",	\
	  c->cell->cpu_set = 0)						\
	X(cell_irq_sgi, VIRT, 0, -BH_EINVAL, "INTID 1,",		\
	  c->cell->irq_bitmap[0] = 2)					\
	X(cell_region_unaligned, VIRT, 0, -BH_EINVAL, "not 4 KiB aligned", \
	  c->m[0].virt_start += 4)					\
	X(cell_guest_overlap_comm, VIRT, 0, -BH_EINVAL, "region 2 [0x80000000-0x80002000) overlaps region 1", \
	  CELL_ADD(0x70200000, 0x80000000, 0x2000, RW))			\
	X(no_sys_still_checks_others, VIRT, 0, -BH_EBUSY, "CPU 3 already", \
	  c->no_sys = 1; add_other(c, 3); c->cell->cpu_set = 0x8)	\
	X(others_missing, VIRT, 0, -BH_EINVAL, "other cells missing",	\
	  c->n_other = 1; c->others_null = 1)				\
	X(direct_irq_gicv2, ZCU, 3, -BH_EINVAL, "needs GICv3, this board has GICv2", \
	  c->cell->flags |= BH_CELL_DIRECT_IRQ)				\
	/* the rtos cell: 0 RAM, 1 comm, 2 uart1 (its console) */	\
	X(console_on_ram, ZCU, 3, -BH_EINVAL, "memory region 0 is CONSOLE but not IO", \
	  c->m[0].flags |= BH_MEM_CONSOLE)				\
	X(console_on_comm, ZCU, 3, -BH_EINVAL, "memory region 1 is CONSOLE but not IO", \
	  c->m[1].flags |= BH_MEM_CONSOLE)				\
	X(console_twice, ZCU, 3, -BH_EINVAL, "memory region 3 is a second CONSOLE region (region 2 is one)", \
	  CELL_ADD(0xff020000, 0xff020000, 0x1000,			\
		   RW | BH_MEM_IO | BH_MEM_CONSOLE))			\
	X(entry_unaligned, VIRT, 0, -BH_EINVAL, "not 4-byte aligned",	\
	  c->cell->entry += 2)						\
	X(entry_outside, VIRT, 0, -BH_EINVAL, "entry 0x40100000 is not inside an EXECUTE", \
	  c->cell->entry += MIB)					\
	X(entry_not_exec, VIRT, 0, -BH_EINVAL, "not inside an EXECUTE",	\
	  c->m[0].flags &= ~(__u64)BH_MEM_EXECUTE)			\
	X(entry_in_comm, VIRT, 0, -BH_EINVAL, "not inside an EXECUTE",	\
	  c->m[1].flags |= BH_MEM_EXECUTE;				\
	  c->cell->entry = BH_COMM_REGION_ADDR)				\
	X(name_is_root, VIRT, 0, -BH_EEXIST, "root cell has this name",	\
	  strcpy(c->cell->name, "linux"))				\
	X(name_taken, VIRT, 0, -BH_EEXIST, "name exists already",	\
	  add_other(c, 3); strcpy(c->cell->name, "rtos");		\
	  c->cell->cpu_set = 4; c->m[0].phys_start = 0x71000000)	\
	X(cpu_not_root, VIRT, 0, -BH_ERANGE, "CPU 5 is not a root-cell CPU", \
	  c->cell->cpu_set = 0x20)					\
	X(cpu_calling, VIRT, 0, -BH_EBUSY, "CPU 1, which is issuing",	\
	  c->env.calling_cpu = 1)					\
	X(cpu_taken, VIRT, 0, -BH_EBUSY, "CPU 3 already belongs to cell 'rtos'", \
	  add_other(c, 3); c->cell->cpu_set = 8)			\
	X(cpu_root_left_empty, VIRT, 0, -BH_EBUSY, "without a CPU",	\
	  add_other(c, 3); c->cell->cpu_set = 7)			\
	X(cpu_not_present, VIRT, 0, -BH_ERANGE, "names CPU 1",		\
	  c->env.possible_cpus = 0x9)					\
	X(mem_overlaps_hv, VIRT, 0, -BH_EINVAL, "overlaps the hypervisor memory", \
	  CELL_ADD(0x7fc00000, 0x50000000, 0x1000, RW))			\
	X(mem_maps_gic, VIRT, 0, -BH_EINVAL, "GIC distributor",		\
	  CELL_ADD(0x08000000, 0x08000000, 0x10000, RW | BH_MEM_IO))	\
	X(mem_overlaps_root, VIRT, 0, -BH_EINVAL, "overlaps root cell region 0 [0x40000000-0x70000000)", \
	  c->m[0].phys_start = 0x6ff00000)				\
	X(mem_overlaps_root_io, VIRT, 0, -BH_EINVAL, "overlaps root cell region 2", \
	  CELL_ADD(0x09000000, 0x09000000, 0x1000, RW | BH_MEM_IO))	\
	X(rootshared_straddles, VIRT, 0, -BH_EINVAL, "not inside a single root cell region", \
	  CELL_ADD(0x09000000, 0x50000000, 0x2000, RW | BH_MEM_ROOTSHARED)) \
	X(rootshared_nothing, VIRT, 0, -BH_EINVAL, "root cell has no such memory", \
	  CELL_ADD(0x90000000, 0x50000000, 0x1000, RW | BH_MEM_ROOTSHARED)) \
	X(rootshared_assignable, VIRT, 0, -BH_EINVAL, "is ASSIGNABLE, not Linux's: drop the flag", \
	  CELL_ADD(0x75000000, 0x50000000, 0x1000, RW | BH_MEM_ROOTSHARED)) \
	/* issue 10 row 5: only what the system config declares */	\
	X(io_not_declared_its, VIRT, 0, -BH_EINVAL, "[0x8080000-0x80a0000) is not in the system config", \
	  CELL_ADD(0x08080000, 0x08080000, 0x20000, RW | BH_MEM_IO))	\
	X(io_not_declared_crf, ZCU, 0, -BH_EINVAL, "[0xfd1a0000-0xfd1a1000) is not in the system config", \
	  CELL_ADD(0xfd1a0000, 0xfd1a0000, 0x1000, RW | BH_MEM_IO))	\
	X(io_not_declared_rvbar, ZCU, 0, -BH_EINVAL, "is not in the system config", \
	  CELL_ADD(0xfd5c0000, 0xfd5c0000, 0x1000, RW | BH_MEM_IO))	\
	X(dma_master_virtio, VIRT, 0, -BH_EINVAL, "masters DMA (root cell region 6)", \
	  CELL_ADD(0x0a000000, 0x0a000000, 0x1000, RW | BH_MEM_IO | BH_MEM_ROOTSHARED)) \
	X(dma_master_fw_cfg, VIRT, 0, -BH_EINVAL, "masters DMA", \
	  CELL_ADD(0x09020000, 0x09020000, 0x1000, RW | BH_MEM_IO | BH_MEM_ROOTSHARED)) \
	X(dma_master_gdma, ZCU, 0, -BH_EINVAL, "masters DMA", \
	  CELL_ADD(0xfd500000, 0xfd500000, 0x10000, RW | BH_MEM_IO | BH_MEM_ROOTSHARED)) \
	X(cell_flags_assignable, VIRT, 0, -BH_EINVAL, "describe the root cell's regions", \
	  c->m[0].flags |= BH_MEM_ASSIGNABLE)				\
	X(mem_overlaps_cell, VIRT, 0, -BH_EBUSY, "overlaps region 0 of cell 'gic-demo'", \
	  add_other(c, 1); c->m[0].phys_start = 0x710ff000)		\
	X(mem_not_ram, VIRT, 0, -BH_ERANGE, "region 0 [0x70000000-0x70100000) is not RAM", \
	  c->env.ram[0].size = 0x30000000)				\
	X(irq_not_root, VIRT, 0, -BH_EINVAL, "IRQ 300 is not in the root cell's", \
	  c->cell->irq_bitmap[300 / 32] = 1U << (300 % 32))		\
	/* the vUART: a page of its own, an SPI the cell owns */	\
	X(vuart_unaligned, VIRT, 0, -BH_EINVAL, "vuart.address 0x9000800 is not a 4 KiB-aligned page", \
	  set_vuart(c, 0x09000800, 252))				\
	X(vuart_beyond_40_bits, VIRT, 0, -BH_EINVAL, "not a 4 KiB-aligned page below", \
	  set_vuart(c, 1ULL << 40, 252))				\
	X(vuart_in_ram, VIRT, 0, -BH_EINVAL, "vuart.address 0x400ff000 is inside memory region 0", \
	  set_vuart(c, 0x400ff000, 252))				\
	X(vuart_in_comm, VIRT, 0, -BH_EINVAL, "is inside memory region 1 [0x80000000-0x80001000)", \
	  set_vuart(c, BH_COMM_REGION_ADDR, 252))			\
	X(vuart_on_gic, VIRT, 0, -BH_EINVAL, "where the cell sees the GIC distributor", \
	  set_vuart(c, 0x08001000, 252))				\
	X(vuart_on_gicc, ZCU, 0, -BH_EINVAL, "GIC CPU interface (GICC)", \
	  set_vuart(c, 0xf902f000, 140))				\
	X(vuart_on_channel, VIRT, 3, -BH_EINVAL, "vuart.address 0x7e001000 is inside channel 'rtos-link'", \
	  set_vuart(c, 0x7e001000, 252))				\
	X(vuart_irq_not_owned, VIRT, 0, -BH_EINVAL, "vuart.irq 252 is not an SPI in the cell's irq_bitmap", \
	  set_vuart(c, 0x09000000, 252);				\
	  c->cell->irq_bitmap[252 / 32] = 0)				\
	X(vuart_irq_ppi, VIRT, 0, -BH_EINVAL, "vuart.irq 27 is not an SPI", \
	  c->cell->vuart.address = 0x09000000; c->cell->vuart.irq = 27)	\
	X(vuart_irq_too_big, VIRT, 0, -BH_EINVAL, "vuart.irq 4096 is not an SPI", \
	  set_vuart(c, 0x09000000, 4096))				\
	X(vuart_irq_not_root, VIRT, 0, -BH_EINVAL, "IRQ 300 is not in the root cell's", \
	  set_vuart(c, 0x09000000, 300))				\
	X(vuart_irq_doorbell, VIRT, 0, -BH_EINVAL, "IRQ 248 is a doorbell of channel 'rtos-link'", \
	  set_vuart(c, 0x09000000, 248))				\
	X(vuart_irq_taken, VIRT, 0, -BH_EBUSY, "IRQ 252 already belongs to cell 'gic-demo'", \
	  add_other(c, 1);						\
	  ((struct bh_cell_desc *)other_buf[0])->irq_bitmap[252 / 32] = \
		1U << (252 % 32);					\
	  set_vuart(c, 0x09000000, 252))				\
	X(vuart_irq_alone, VIRT, 0, -BH_EINVAL, "vuart.irq 252 but no vuart.address", \
	  c->cell->vuart.irq = 252)					\
	X(vuart_flags, VIRT, 0, -BH_EINVAL, "vuart.flags is 0x1",	\
	  set_vuart(c, 0x09000000, 252); c->cell->vuart.flags = 1)	\
	X(irq_taken, VIRT, 0, -BH_EBUSY, "IRQ 40 already belongs to cell 'gic-demo'", \
	  add_other(c, 1);						\
	  ((struct bh_cell_desc *)other_buf[0])->irq_bitmap[1] = 1U << 8; \
	  c->cell->irq_bitmap[1] = 1U << 8)
/* clang-format on */

#define DEFINE_CELL_MUTATION(nm, b, i, code, text, ...) \
	static void mut_##nm(struct cell_ctx *c)        \
	{                                               \
		__VA_ARGS__;                            \
	}
CELL_CASES(DEFINE_CELL_MUTATION)

#define DEFINE_CELL_CASE(nm, b, i, code_, text_, ...) \
	static const struct cell_case case_##nm = {   \
		.board = b,                           \
		.index = i,                           \
		.mutate = mut_##nm,                   \
		.code = code_,                        \
		.text = text_,                        \
	};
CELL_CASES(DEFINE_CELL_CASE)

static void run_cell_case(void **state)
{
	const struct cell_case *t = *state;
	struct cell_ctx c = { 0 };

	c.s = load_system(t->board);
	c.cell = load_cell(cell_buf, t->board, t->index);
	c.m = bh_cell_mem_regions(c.cell);
	c.env = t->board == VIRT ? virt_env : zcu_env;
	t->mutate(&c);
	expect(bh_check_cell_config(c.cell,
				    bh_cell_config_size(c.cell) + c.size_delta,
				    c.no_sys ? NULL : c.s,
				    c.others_null ? NULL : c.others, c.n_other,
				    &c.env, &rep),
	       t->code, t->text);
}

/* Without a system config, root-cell facts are not checked. */
static void test_no_system_config(void **state)
{
	struct bh_cell_desc *cell = load_cell(cell_buf, VIRT, 0);

	(void)state;
	cell->cpu_set = 1ULL << 40;
	bh_cell_mem_regions(cell)[0].phys_start = 0x40000000;
	expect(bh_check_cell_config(cell, bh_cell_config_size(cell), NULL, NULL,
				    0, NULL, &rep),
	       0, NULL);
}

/* Sharing root memory on purpose is fine. */
static void test_rootshared_accepted(void **state)
{
	const struct bh_system_config *sys = load_system(VIRT);
	struct bh_cell_desc *cell = load_cell(cell_buf, VIRT, 0);

	(void)state;
	add_region(cell, 0x6ff00000, 0x50000000, 0x100000,
		   RW | BH_MEM_ROOTSHARED);
	expect(bh_check_cell_config(cell, bh_cell_config_size(cell), sys, NULL,
				    0, &virt_env, &rep),
	       0, NULL);
}

#define SYS_TEST(nm, ...) { #nm, run_sys_case, NULL, NULL, (void *)&case_##nm },
#define CELL_TEST(nm, ...) \
	{ #nm, run_cell_case, NULL, NULL, (void *)&case_##nm },

int main(void)
{
	const struct CMUnitTest accept[] = {
		cmocka_unit_test(test_accept_virt_system),
		cmocka_unit_test(test_accept_zcu_system),
		cmocka_unit_test(test_accept_virt_cells),
		cmocka_unit_test(test_accept_zcu_cells),
		cmocka_unit_test(test_rootshared_accepted),
		cmocka_unit_test(test_no_system_config),
		cmocka_unit_test(test_message_overlap_other_cell),
		cmocka_unit_test(test_zcu_uart_conflict),
		cmocka_unit_test(test_config_kind),
		cmocka_unit_test(test_cell_files_match),
		cmocka_unit_test(test_accept_more_cells),
		cmocka_unit_test(test_env_init),
		cmocka_unit_test(test_null_report),
	};
	const struct CMUnitTest system[] = { SYS_CASES(SYS_TEST) };
	const struct CMUnitTest cell[] = { CELL_CASES(CELL_TEST) };
	int failed = 0;

	failed += cmocka_run_group_tests_name("config_check: real configs",
					      accept, NULL, NULL);
	failed += cmocka_run_group_tests_name("config_check: system config",
					      system, NULL, NULL);
	failed += cmocka_run_group_tests_name("config_check: cell config", cell,
					      NULL, NULL);
	return failed ? 1 : 0;
}
