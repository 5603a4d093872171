// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the CLI's pure parts: argument parsing, the Linux CPU list
 * format, cell lookup by name or id in a fake sysfs tree, and reading the
 * board's facts from a device tree built here with libfdt.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <libfdt.h>

#include "cli.h"

#define ARGV(...) ((char *const[]){ "bulkhead", __VA_ARGS__, NULL })
#define ARGC(...) \
	((int)(sizeof((char *[]){ "bulkhead", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(cmd, ...) bh_parse_args(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), cmd)

/* ---- argument parsing ------------------------------------------------ */

static void test_parse_simple(void **state)
{
	struct bh_cmd c;

	(void)state;
	assert_int_equal(PARSE(&c, "--help"), 0);
	assert_int_equal(c.id, BH_CMD_HELP);
	assert_int_equal(PARSE(&c, "--version"), 0);
	assert_int_equal(c.id, BH_CMD_VERSION);
	assert_int_equal(PARSE(&c, "enable", "sys.cell"), 0);
	assert_int_equal(c.id, BH_CMD_ENABLE);
	assert_string_equal(c.file, "sys.cell");
	assert_int_equal(PARSE(&c, "disable"), 0);
	assert_int_equal(c.id, BH_CMD_DISABLE);
	assert_int_equal(PARSE(&c, "info"), 0);
	assert_int_equal(c.id, BH_CMD_INFO);
	assert_int_equal(PARSE(&c, "console"), 0);
	assert_int_equal(c.id, BH_CMD_CONSOLE);
	assert_false(c.follow);
	assert_int_equal(PARSE(&c, "console", "-f"), 0);
	assert_true(c.follow);
}

static void test_parse_cell(void **state)
{
	struct bh_cmd c;

	(void)state;
	assert_int_equal(PARSE(&c, "cell", "create", "x.cell"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_CREATE);
	assert_string_equal(c.file, "x.cell");
	assert_int_equal(PARSE(&c, "cell", "start", "rtos"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_START);
	assert_string_equal(c.cell, "rtos");
	assert_int_equal(PARSE(&c, "cell", "shutdown", "1"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_SHUTDOWN);
	assert_int_equal(PARSE(&c, "cell", "destroy", "1"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_DESTROY);
	assert_int_equal(PARSE(&c, "cell", "list"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_LIST);
	assert_int_equal(PARSE(&c, "cell", "stats", "rtos"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_STATS);
	assert_int_equal(PARSE(&c, "config", "check", "a.cell"), 0);
	assert_int_equal(c.id, BH_CMD_CONFIG_CHECK);
	assert_null(c.file2);
	assert_int_equal(PARSE(&c, "config", "check", "a.cell", "s.cell"), 0);
	assert_string_equal(c.file2, "s.cell");
}

static void test_parse_load(void **state)
{
	struct bh_cmd c;

	(void)state;
	assert_int_equal(PARSE(&c, "cell", "load", "rtos", "rtos.bin"), 0);
	assert_int_equal(c.id, BH_CMD_CELL_LOAD);
	assert_string_equal(c.cell, "rtos");
	assert_string_equal(c.file, "rtos.bin");
	assert_false(c.has_address);
	assert_null(c.cmdline);

	assert_int_equal(PARSE(&c, "cell", "load", "-a", "0x40001000", "2",
			       "img", "-s", "hello world"),
			 0);
	assert_true(c.has_address);
	assert_int_equal(c.address, 0x40001000);
	assert_string_equal(c.cell, "2");
	assert_string_equal(c.file, "img");
	assert_string_equal(c.cmdline, "hello world");

	assert_int_equal(PARSE(&c, "cell", "load", "x", "img", "-f", "cmd.txt"),
			 0);
	assert_string_equal(c.cmdline_file, "cmd.txt");
}

static void expect_parse_error(struct bh_cmd *c, int ret, const char *text)
{
	if (ret != -1 || !strstr(c->err, text))
		print_error("got %d \"%s\", want \"%s\"\n", ret, c->err, text);
	assert_int_equal(ret, -1);
	assert_non_null(strstr(c->err, text));
}

static void test_parse_errors(void **state)
{
	struct bh_cmd c;

	(void)state;
	expect_parse_error(&c, bh_parse_args(1, ARGV(NULL), &c),
			   "missing command");
	expect_parse_error(&c, PARSE(&c, "frobnicate"),
			   "unknown command 'frobnicate'");
	expect_parse_error(&c, PARSE(&c, "cell"),
			   "missing command after 'cell'");
	expect_parse_error(&c, PARSE(&c, "cell", "eat", "x"),
			   "unknown command 'cell eat'");
	expect_parse_error(&c, PARSE(&c, "enable"),
			   "enable: missing SYSTEM_CONFIG");
	expect_parse_error(&c, PARSE(&c, "enable", "a", "b"),
			   "enable: too many arguments");
	expect_parse_error(&c, PARSE(&c, "disable", "now"),
			   "too many arguments");
	expect_parse_error(&c, PARSE(&c, "cell", "load", "rtos"),
			   "cell load: missing NAME|ID IMAGE");
	expect_parse_error(&c, PARSE(&c, "cell", "load", "r", "i", "-a"),
			   "option -a needs a value");
	expect_parse_error(&c, PARSE(&c, "cell", "load", "r", "i", "-a", "12z"),
			   "invalid address '12z'");
	expect_parse_error(&c,
			   PARSE(&c, "cell", "load", "r", "i", "-s", "x", "-f",
				 "y"),
			   "-s and -f exclude each other");
	expect_parse_error(&c, PARSE(&c, "cell", "start", "-x", "r"),
			   "unknown option '-x'");
	expect_parse_error(&c, PARSE(&c, "console", "-s", "x"),
			   "unknown option '-s'");
	expect_parse_error(&c, PARSE(&c, "config", "check"),
			   "config check: missing CONFIG");
	expect_parse_error(&c, PARSE(&c, "cell", "list", "a", "b", "c", "d"),
			   "too many arguments");
}

/* ---- numbers and CPU lists --------------------------------------------- */

static void test_parse_u64(void **state)
{
	__u64 v;

	(void)state;
	assert_int_equal(bh_parse_u64("0x40000000", &v), 0);
	assert_int_equal(v, 0x40000000);
	assert_int_equal(bh_parse_u64("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(bh_parse_u64("0xffffffffffffffff", &v), 0);
	assert_int_equal(v, ~0ULL);
	assert_int_equal(bh_parse_u64("0x1ffffffffffffffff", &v), -1);
	assert_int_equal(bh_parse_u64("", &v), -1);
	assert_int_equal(bh_parse_u64("-1", &v), -1);
	assert_int_equal(bh_parse_u64(" 1", &v), -1);
	assert_int_equal(bh_parse_u64("1k", &v), -1);
	assert_true(bh_is_number("12"));
	assert_false(bh_is_number("1a"));
	assert_false(bh_is_number(""));
}

static void test_cpulist_parse(void **state)
{
	__u64 m;

	(void)state;
	assert_int_equal(bh_parse_cpulist("1-2,3", &m), 0);
	assert_int_equal(m, 0xe);
	assert_int_equal(bh_parse_cpulist("0", &m), 0);
	assert_int_equal(m, 1);
	assert_int_equal(bh_parse_cpulist("0-3,8,10-11\n", &m), 0);
	assert_int_equal(m, 0xd0f);
	assert_int_equal(bh_parse_cpulist("", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(bh_parse_cpulist("\n", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(bh_parse_cpulist("63", &m), 0);
	assert_int_equal(m, 1ULL << 63);
	assert_int_equal(bh_parse_cpulist("64", &m), -1);
	assert_int_equal(bh_parse_cpulist("3-1", &m), -1);
	assert_int_equal(bh_parse_cpulist("1,,2", &m), -1);
	assert_int_equal(bh_parse_cpulist("a", &m), -1);
	assert_int_equal(bh_parse_cpulist("1-", &m), -1);
	assert_int_equal(bh_parse_cpulist("1 2", &m), -1);
}

static void test_cpulist_format(void **state)
{
	char buf[64];
	__u64 m;

	(void)state;
	bh_format_cpulist(0xe, buf, sizeof(buf));
	assert_string_equal(buf, "1-3");
	bh_format_cpulist(0x8, buf, sizeof(buf));
	assert_string_equal(buf, "3");
	bh_format_cpulist(0xd0f, buf, sizeof(buf));
	assert_string_equal(buf, "0-3,8,10-11");
	bh_format_cpulist(0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	bh_format_cpulist(0x5ULL | (1ULL << 63), buf, sizeof(buf));
	assert_string_equal(buf, "0,2,63");
	bh_format_cpulist(~0ULL, buf, sizeof(buf));
	assert_string_equal(buf, "0-63");
	bh_format_cpulist(0x5555, buf, 6); /* truncated, terminated */
	assert_int_equal(strlen(buf), 5);
	bh_parse_cpulist("0-3,8,10-11", &m);
	bh_format_cpulist(m, buf, sizeof(buf));
	assert_string_equal(buf, "0-3,8,10-11");
}

static void test_errno_hints(void **state)
{
	(void)state;
	assert_non_null(strstr(bh_errno_hint(BH_CMD_ENABLE, ENODEV),
			       "kvm-arm.mode=none"));
	assert_non_null(
		strstr(bh_errno_hint(BH_CMD_ENABLE, ENOENT), "firmware"));
	assert_non_null(
		strstr(bh_errno_hint(BH_CMD_ENABLE, EBUSY), "already enabled"));
	assert_non_null(strstr(bh_errno_hint(BH_CMD_CELL_START, ENODEV),
			       "bulkhead enable"));
	assert_null(bh_errno_hint(BH_CMD_CELL_START, EIO));
}

/* ---- cell lookup in a fake sysfs ----------------------------------------- */

static char sysfs_dir[] = "/tmp/bh-test-sysfs-XXXXXX";

static void write_attr(const char *rel, const char *val)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", sysfs_dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(val, f);
	fclose(f);
}

static void make_dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", sysfs_dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void add_fake_cell(int id, const char *name, const char *cpus)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "cells/%d", id);
	make_dir(rel);
	snprintf(rel, sizeof(rel), "cells/%d/name", id);
	write_attr(rel, name);
	snprintf(rel, sizeof(rel), "cells/%d/cpus", id);
	write_attr(rel, cpus);
}

static int sysfs_setup(void **state)
{
	(void)state;
	if (!mkdtemp(sysfs_dir))
		return -1;
	setenv("BULKHEAD_SYSFS", sysfs_dir, 1);
	make_dir("cells");
	add_fake_cell(0, "linux\n", "0-1\n");
	add_fake_cell(1, "rtos\n", "3\n");
	add_fake_cell(12, "uart-demo\n", "2\n");
	add_fake_cell(2, "7\n", "\n"); /* a cell named like an id */
	write_attr("last_error", "cell 'x': something  \n");
	return 0;
}

static int sysfs_teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sysfs_dir);
	unsetenv("BULKHEAD_SYSFS");
	return system(cmd) ? -1 : 0;
}

/* A script tells failures apart by the exit status (bulkhead.1) */
static void test_exit_kinds(void **state)
{
	(void)state;
	write_attr("enabled", "1\n");
	assert_int_equal(bh_exit_for(BH_CMD_CELL_CREATE, EBUSY), BH_EXIT_BUSY);
	assert_int_equal(bh_exit_for(BH_CMD_ENABLE, EBUSY), BH_EXIT_BUSY);
	assert_int_equal(bh_exit_for(BH_CMD_CELL_START, ENOENT),
			 BH_EXIT_NO_CELL);
	/* enable's ENOENT is the missing firmware image, no cell */
	assert_int_equal(bh_exit_for(BH_CMD_ENABLE, ENOENT), BH_EXIT_FAILED);
	assert_int_equal(bh_exit_for(BH_CMD_CELL_LOAD, EINVAL), BH_EXIT_FAILED);
	assert_int_equal(bh_exit_for(BH_CMD_CELL_LOAD, EACCES),
			 BH_EXIT_PERMISSION);
	write_attr("enabled", "0\n");
	assert_int_equal(bh_exit_for(BH_CMD_CELL_START, ENOENT),
			 BH_EXIT_NOT_THERE);
	assert_int_equal(bh_exit_for(BH_CMD_DISABLE, EINVAL), BH_EXIT_NOT_THERE);
	assert_int_equal(bh_exit_for(BH_CMD_ENABLE, EINVAL), BH_EXIT_FAILED);
}

static void test_find_cell(void **state)
{
	int id = -1;

	(void)state;
	assert_int_equal(bh_find_cell("rtos", &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(bh_find_cell("12", &id), 0);
	assert_int_equal(id, 12);
	assert_int_equal(bh_find_cell("uart-demo", &id), 0);
	assert_int_equal(id, 12);
	assert_int_equal(bh_find_cell("0", &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(bh_find_cell("7", &id), 0); /* no id 7: by name */
	assert_int_equal(id, 2);
	assert_int_equal(bh_find_cell("nothing", &id), -ENOENT);
	assert_int_equal(bh_find_cell("99", &id), -ENOENT);
	assert_int_equal(bh_find_cell("rto", &id), -ENOENT);
}

static void test_list_cell_ids(void **state)
{
	int ids[8];

	(void)state;
	assert_int_equal(bh_list_cell_ids(ids, 8), 4);
	assert_int_equal(ids[0], 0);
	assert_int_equal(ids[1], 1);
	assert_int_equal(ids[2], 2);
	assert_int_equal(ids[3], 12);
}

static void test_read_attr(void **state)
{
	char buf[64], path[512];

	(void)state;
	assert_int_equal(bh_read_cell_attr(1, "cpus", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "3");
	snprintf(path, sizeof(path), "%s/last_error", sysfs_dir);
	assert_int_equal(bh_read_attr(path, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "cell 'x': something");
	assert_int_equal(bh_read_attr(path, buf, 5), 0);
	assert_string_equal(buf, "cell");
	assert_int_equal(bh_read_cell_attr(5, "name", buf, sizeof(buf)),
			 -ENOENT);
}

static void test_no_sysfs(void **state)
{
	int id, ids[4];

	(void)state;
	setenv("BULKHEAD_SYSFS", "/nonexistent/bulkhead", 1);
	assert_int_equal(bh_find_cell("rtos", &id), -ENOENT);
	assert_int_equal(bh_list_cell_ids(ids, 4), -ENOENT);
	setenv("BULKHEAD_SYSFS", sysfs_dir, 1);
}

/* ---- facts from a device tree ------------------------------------------- */

static void fdt_cpu(void *fdt, int n, const char *status)
{
	char name[16];

	snprintf(name, sizeof(name), "cpu@%d", n);
	assert_int_equal(fdt_begin_node(fdt, name), 0);
	fdt_property_string(fdt, "device_type", "cpu");
	fdt_property_u32(fdt, "reg", (uint32_t)n);
	if (status)
		fdt_property_string(fdt, "status", status);
	fdt_end_node(fdt);
}

/* A virt-like tree: 2 RAM banks, 3 usable CPUs of 4, plus noise. */
static void *build_fdt(void)
{
	const fdt32_t mem[] = {
		cpu_to_fdt32(0), cpu_to_fdt32(0x40000000),
		cpu_to_fdt32(0), cpu_to_fdt32(0x40000000),
		cpu_to_fdt32(8), cpu_to_fdt32(0),
		cpu_to_fdt32(0), cpu_to_fdt32(0x80000000),
	};
	void *fdt = malloc(4096);

	assert_int_equal(fdt_create(fdt, 4096), 0);
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_begin_node(fdt, "memory@40000000");
	fdt_property_string(fdt, "device_type", "memory");
	fdt_property(fdt, "reg", mem, sizeof(mem));
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "cpus");
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 0);
	fdt_cpu(fdt, 0, NULL);
	fdt_cpu(fdt, 1, "okay");
	fdt_cpu(fdt, 2, "disabled");
	fdt_cpu(fdt, 3, NULL);
	fdt_begin_node(fdt, "cpu-map");
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "pl011@9000000");
	fdt_property_string(fdt, "device_type", "serial");
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void test_env_from_fdt(void **state)
{
	struct bh_check_env env;
	void *fdt = build_fdt();

	(void)state;
	assert_int_equal(bh_env_from_fdt(fdt, &env), 0);
	assert_int_equal(env.num_ram, 2);
	assert_int_equal(env.ram[0].start, 0x40000000);
	assert_int_equal(env.ram[0].size, 0x40000000);
	assert_int_equal(env.ram[1].start, 0x800000000ULL);
	assert_int_equal(env.ram[1].size, 0x80000000);
	assert_int_equal(env.num_cpus, 3);
	assert_int_equal(env.possible_cpus, 0x7);
	assert_int_equal(env.calling_cpu, -1);
	free(fdt);
}

static void test_env_from_bad_fdt(void **state)
{
	struct bh_check_env env;
	char junk[64] = "not a device tree";

	(void)state;
	assert_int_equal(bh_env_from_fdt(junk, &env), -EINVAL);
	assert_int_equal(env.num_ram, 0);
	setenv("BULKHEAD_FDT", "/nonexistent.dtb", 1);
	assert_int_equal(bh_env_from_running_board(&env), -ENOENT);
	unsetenv("BULKHEAD_FDT");
}

int main(void)
{
	const struct CMUnitTest parse[] = {
		cmocka_unit_test(test_parse_simple),
		cmocka_unit_test(test_parse_cell),
		cmocka_unit_test(test_parse_load),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_u64),
		cmocka_unit_test(test_cpulist_parse),
		cmocka_unit_test(test_cpulist_format),
		cmocka_unit_test(test_errno_hints),
	};
	const struct CMUnitTest sysfs[] = {
		cmocka_unit_test(test_find_cell),
		cmocka_unit_test(test_exit_kinds),
		cmocka_unit_test(test_list_cell_ids),
		cmocka_unit_test(test_read_attr),
		cmocka_unit_test(test_no_sysfs),
	};
	const struct CMUnitTest fdt[] = {
		cmocka_unit_test(test_env_from_fdt),
		cmocka_unit_test(test_env_from_bad_fdt),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("cli: arguments and formats",
					      parse, NULL, NULL);
	failed += cmocka_run_group_tests_name("cli: cells in sysfs", sysfs,
					      sysfs_setup, sysfs_teardown);
	failed += cmocka_run_group_tests_name("cli: device tree", fdt, NULL,
					      NULL);
	return failed ? 1 : 0;
}
