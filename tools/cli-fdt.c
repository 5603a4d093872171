// SPDX-License-Identifier: GPL-2.0
/*
 * Facts about the running board from the device tree the firmware handed to
 * Linux (/sys/firmware/fdt): which CPUs exist and where RAM is.  These are
 * what a system config must agree with, and only the running board knows
 * them.  /sys/firmware/fdt is the tree as booted, so RAM hidden from Linux
 * with mem= is still listed: exactly the memory a config may use.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include "cli.h"

#define FDT_PATH "/sys/firmware/fdt"

static __u64 read_cells(const fdt32_t *p, int n)
{
	__u64 v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

static int root_cells(const void *fdt, const char *name, int def)
{
	const fdt32_t *p = fdt_getprop(fdt, 0, name, NULL);

	return p ? (int)fdt32_to_cpu(*p) : def;
}

static int is_device_type(const void *fdt, int node, const char *type)
{
	int len;
	const char *t = fdt_getprop(fdt, node, "device_type", &len);

	return t && len > 0 && !strcmp(t, type);
}

static int is_disabled(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return s && strcmp(s, "okay") && strcmp(s, "ok");
}

static void add_memory_node(const void *fdt, int node, int ac, int sc,
			    struct bh_check_env *env)
{
	const fdt32_t *reg;
	int len, step = (ac + sc) * 4, off;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || step <= 0)
		return;
	for (off = 0; off + step <= len && env->num_ram < BH_CHECK_MAX_RAM;
	     off += step) {
		const fdt32_t *p = reg + off / 4;
		__u64 size = read_cells(p + ac, sc);

		if (!size)
			continue;
		env->ram[env->num_ram].start = read_cells(p, ac);
		env->ram[env->num_ram].size = size;
		env->num_ram++;
	}
}

/*
 * Linux numbers CPUs in the order of the /cpus nodes it boots: count them
 * the same way, so bit n of cpu_set is Linux CPU n.
 */
static void add_cpus(const void *fdt, struct bh_check_env *env)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, n = 0;

	if (cpus < 0)
		return;
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!is_device_type(fdt, node, "cpu") || is_disabled(fdt, node))
			continue;
		if (n < 64)
			env->possible_cpus |= 1ULL << n;
		n++;
	}
	env->num_cpus = (__u32)n;
}

int bh_env_from_fdt(const void *fdt, struct bh_check_env *env)
{
	int ac, sc, node;

	bh_check_env_init(env);
	if (fdt_check_header(fdt))
		return -EINVAL;
	ac = root_cells(fdt, "#address-cells", 2);
	sc = root_cells(fdt, "#size-cells", 1);
	fdt_for_each_subnode(node, fdt, 0)
		if (is_device_type(fdt, node, "memory") &&
		    !is_disabled(fdt, node))
			add_memory_node(fdt, node, ac, sc, env);
	add_cpus(fdt, env);
	return 0;
}

/* Missing /sys/firmware/fdt (ACPI, old kernels) just means fewer checks. */
int bh_env_from_running_board(struct bh_check_env *env)
{
	const char *path = getenv("BULKHEAD_FDT");
	size_t size;
	void *fdt;
	int err;

	bh_check_env_init(env);
	err = bh_read_file(path && *path ? path : FDT_PATH, &fdt, &size);
	if (err)
		return err;
	err = size >= sizeof(struct fdt_header) && fdt_totalsize(fdt) <= size ?
		      bh_env_from_fdt(fdt, env) :
		      -EINVAL;
	free(fdt);
	return err;
}
