// SPDX-License-Identifier: GPL-2.0
/*
 * Running the shared checker on files: before enable and cell create (so
 * nothing malformed reaches the kernel) and for `bulkhead config check`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static int check_cell(const void *buf, size_t size, const void *sys,
		      const struct bh_check_env *env,
		      struct bh_check_report *rep)
{
	return bh_check_cell_config(buf, size, sys, NULL, 0, env, rep);
}

/*
 * Check one config of either kind; sys (may be NULL) is a checked system
 * config a cell is checked against.  Prints the report and returns 0 or -1.
 */
static int check_any(const char *op, const char *path, const void *buf,
		     size_t size, const void *sys,
		     const struct bh_check_env *env)
{
	struct bh_check_report rep = { 0 };
	int err;

	switch (bh_config_kind(buf, size)) {
	case BH_CONFIG_KIND_SYSTEM:
		err = bh_check_system_config(buf, size, env, &rep);
		break;
	case BH_CONFIG_KIND_CELL:
		err = check_cell(buf, size, sys, env, &rep);
		break;
	default:
		fprintf(stderr,
			"bulkhead: %s: %s: not a Bulkhead config (no BHSYSCFG/BHCELCFG signature)\n",
			op, path);
		return -1;
	}
	if (err) {
		fprintf(stderr, "bulkhead: %s: %s: %s\n", op, path, rep.msg);
		return -1;
	}
	return 0;
}

/*
 * BULKHEAD_NO_PRECHECK=1 sends a config unchecked, so tests can show that
 * the driver and the hypervisor refuse it on their own.
 */
int bh_check_file(const char *op, const char *path, const void *buf,
		  size_t size, const struct bh_check_env *env)
{
	const char *skip = getenv("BULKHEAD_NO_PRECHECK");

	if (skip && *skip == '1')
		return 0;
	return check_any(op, path, buf, size, NULL, env);
}

static void describe(const char *path, const void *buf)
{
	const struct bh_system_config *sys = buf;
	const struct bh_cell_desc *cell = buf;
	char cpus[128];

	if (bh_config_kind(buf, BH_SIGNATURE_LEN) == BH_CONFIG_KIND_SYSTEM) {
		bh_format_cpulist(sys->root_cell.cpu_set, cpus, sizeof(cpus));
		printf("%s: system config OK: GICv%u, hypervisor at 0x%llx (%llu KiB), root cell '%s' on CPUs %s, %u memory regions\n",
		       path, sys->platform.gic_version,
		       (unsigned long long)sys->hypervisor_memory.phys_start,
		       (unsigned long long)sys->hypervisor_memory.size >> 10,
		       sys->root_cell.name, cpus,
		       sys->root_cell.num_memory_regions);
		return;
	}
	bh_format_cpulist(cell->cpu_set, cpus, sizeof(cpus));
	printf("%s: cell config OK: '%s' on CPUs %s, %u memory regions, entry 0x%llx\n",
	       path, cell->name, cpus, cell->num_memory_regions,
	       (unsigned long long)cell->entry);
}

static int load(const char *path, const struct bh_check_env *env, void **buf,
		size_t *size)
{
	return bh_load_config("config check", path, NULL, env, buf, size);
}

int bh_cmd_config_check(const struct bh_cmd *cmd)
{
	struct bh_check_env env;
	void *buf = NULL, *sys = NULL;
	size_t size, sys_size;
	int ret = -1;

	if (bh_env_from_running_board(&env))
		printf("note: no device tree at /sys/firmware/fdt (or $BULKHEAD_FDT): CPUs and RAM not checked against the board\n");
	ret = load(cmd->file, &env, &buf, &size);
	if (!ret && cmd->file2)
		ret = load(cmd->file2, &env, &sys, &sys_size);
	if (ret)
		goto out;
	ret = -1;
	if (cmd->file2) {
		if (bh_config_kind(sys, sys_size) != BH_CONFIG_KIND_SYSTEM) {
			fprintf(stderr,
				"bulkhead: config check: %s: not a system config\n",
				cmd->file2);
			goto out;
		}
		if (check_any("config check", cmd->file2, sys, sys_size, NULL,
			      &env))
			goto out;
	}
	if (check_any("config check", cmd->file, buf, size, sys, &env))
		goto out;
	describe(cmd->file, buf);
	if (!sys && bh_config_kind(buf, size) == BH_CONFIG_KIND_CELL)
		printf("note: give the system config as a second argument to check the cell against it\n");
	ret = 0;
out:
	free(buf);
	free(sys);
	return ret;
}
