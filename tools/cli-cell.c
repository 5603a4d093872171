// SPDX-License-Identifier: GPL-2.0
/* The `cell` commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cell_create(const struct bh_cmd *cmd)
{
	struct bh_check_env env;
	size_t size;
	void *buf;
	int id, err;

	/* text configs are checked here, against the board's CPUs and RAM */
	bh_env_from_running_board(&env);
	err = bh_load_config("cell create", cmd->file, NULL, &env, &buf, &size);
	if (err)
		return err;
	if (bh_config_kind(buf, size) == BH_CONFIG_KIND_SYSTEM) {
		fprintf(stderr,
			"bulkhead: cell create: %s is a system config: use 'bulkhead enable'\n",
			cmd->file);
		free(buf);
		return -1;
	}
	id = bh_check_file("cell create", cmd->file, buf, size, NULL) ?
		     -1 :
		     bh_ioctl_buf(BH_CMD_CELL_CREATE, "cell create",
				  BH_IOCTL_CELL_CREATE, buf, size);
	if (id >= 0) {
		printf("cell '%s' created with id %d\n",
		       ((const struct bh_cell_desc *)buf)->name, id);
	}
	free(buf);
	return id < 0 ? -1 : 0;
}

static int resolve(const char *op, const char *arg, int *id)
{
	int err = bh_find_cell(arg, id);

	if (!err)
		return 0;
	bh_note_exit(BH_EXIT_NO_CELL);
	if (err == -ENOENT)
		fprintf(stderr,
			"bulkhead: %s: no cell '%s' (see 'bulkhead cell list')\n",
			op, arg);
	else
		fprintf(stderr,
			"bulkhead: %s: cannot list cells in %s/cells: %s\n", op,
			bh_sysfs_root(), strerror(-err));
	return -1;
}

static int read_cmdline(const struct bh_cmd *cmd, void **buf, size_t *size)
{
	int err;

	*buf = NULL;
	*size = 0;
	if (cmd->cmdline) {
		*size = strlen(cmd->cmdline) + 1;
		*buf = strdup(cmd->cmdline);
		return *buf ? 0 : -1;
	}
	if (!cmd->cmdline_file)
		return 0;
	err = bh_read_file(cmd->cmdline_file, buf, size);
	if (err) {
		fprintf(stderr, "bulkhead: cell load: %s: %s\n",
			cmd->cmdline_file, strerror(-err));
		return -1;
	}
	/* The comm region holds a NUL-terminated string: strip a final newline. */
	while (*size && ((char *)*buf)[*size - 1] == '\n')
		(*size)--;
	((char *)*buf)[*size] = '\0';
	(*size)++;
	return 0;
}

static int cell_load(const struct bh_cmd *cmd, int id)
{
	struct bh_cell_load load = { .cell_id = (__u32)id };
	void *image = NULL, *cmdline = NULL;
	size_t image_size, cmdline_size;
	int err, ret = -1;

	err = bh_read_file(cmd->file, &image, &image_size);
	if (err) {
		fprintf(stderr, "bulkhead: cell load: %s: %s\n", cmd->file,
			strerror(-err));
		return -1;
	}
	if (read_cmdline(cmd, &cmdline, &cmdline_size))
		goto out;
	if (cmdline_size > BH_CMDLINE_MAX) {
		fprintf(stderr,
			"bulkhead: cell load: command line of %zu bytes, the limit is %d\n",
			cmdline_size, BH_CMDLINE_MAX);
		goto out;
	}
	load.image_addr = (__u64)(unsigned long)image;
	load.image_size = image_size;
	load.cmdline_addr = (__u64)(unsigned long)cmdline;
	load.cmdline_size = cmdline_size;
	/* without -a the driver loads at the first LOADABLE region */
	if (cmd->has_address)
		load.load_address = cmd->address;
	else
		load.flags |= BH_LOAD_DEFAULT_ADDRESS;
	if (cmd->keep)
		load.flags |= BH_LOAD_KEEP;
	ret = bh_ioctl_ptr(BH_CMD_CELL_LOAD, "cell load", BH_IOCTL_CELL_LOAD,
			   &load) < 0 ?
		      -1 :
		      0;
out:
	free(image);
	free(cmdline);
	return ret;
}

/* A second line when the health monitor did something to the cell */
static void print_health(int id)
{
	char restarts[32] = "", reason[128] = "";

	bh_read_cell_attr(id, "restarts", restarts, sizeof(restarts));
	bh_read_cell_attr(id, "reason", reason, sizeof(reason));
	if ((!restarts[0] || !strcmp(restarts, "0")) && !reason[0])
		return;
	printf("     restarts %s%s%s\n", restarts[0] ? restarts : "?",
	       reason[0] ? ", last failure: " : "", reason);
}

static int cell_list(void)
{
	char name[64], state[64], cpus[128], failed[128];
	int ids[256], n, i;

	n = bh_list_cell_ids(ids, 256);
	if (n < 0) {
		fprintf(stderr, "bulkhead: cell list: %s/cells: %s\n",
			bh_sysfs_root(), strerror(-n));
		fprintf(stderr,
			"bulkhead: hint: load the driver and enable the hypervisor first\n");
		return -1;
	}
	printf("%-4s %-24s %-16s %-12s %s\n", "ID", "NAME", "STATE", "CPUS",
	       "FAILED CPUS");
	for (i = 0; i < n; i++) {
		if (bh_read_cell_attr(ids[i], "name", name, sizeof(name)))
			continue; /* destroyed while we looked */
		bh_read_cell_attr(ids[i], "state", state, sizeof(state));
		bh_read_cell_attr(ids[i], "cpus", cpus, sizeof(cpus));
		bh_read_cell_attr(ids[i], "failed_cpus", failed, sizeof(failed));
		printf("%-4d %-24s %-16s %-12s %s\n", ids[i], name, state,
		       cpus[0] ? cpus : "-", failed[0] ? failed : "-");
		print_health(ids[i]);
	}
	return 0;
}

static int cell_stats(int id)
{
	char name[64], cpus[128];
	__u64 mask;
	int cpu;

	if (bh_read_cell_attr(id, "name", name, sizeof(name)) ||
	    bh_read_cell_attr(id, "cpus", cpus, sizeof(cpus)) ||
	    bh_parse_cpulist(cpus, &mask)) {
		fprintf(stderr,
			"bulkhead: cell stats: cannot read cell %d from %s/cells\n",
			id, bh_sysfs_root());
		return -1;
	}
	printf("cell %d '%s', CPUs %s\n\n", id, name, cpus[0] ? cpus : "none");
	bh_print_exit_header();
	for (cpu = 0; cpu < 64; cpu++)
		if (mask & (1ULL << cpu))
			bh_print_cpu_exits(cpu, 1);
	return 0;
}

static const char *op_name(enum bh_cmd_id id)
{
	switch (id) {
	case BH_CMD_CELL_LOAD:
		return "cell load";
	case BH_CMD_CELL_START:
		return "cell start";
	case BH_CMD_CELL_SHUTDOWN:
		return "cell shutdown";
	case BH_CMD_CELL_DESTROY:
		return "cell destroy";
	default:
		return "cell stats";
	}
}

int bh_cmd_cell(const struct bh_cmd *cmd)
{
	int id;

	switch (cmd->id) {
	case BH_CMD_CELL_CREATE:
		return cell_create(cmd);
	case BH_CMD_CELL_LIST:
		return cell_list();
	default:
		break;
	}
	if (resolve(op_name(cmd->id), cmd->cell, &id))
		return -1;
	switch (cmd->id) {
	case BH_CMD_CELL_LOAD:
		return cell_load(cmd, id);
	case BH_CMD_CELL_START:
		return bh_ioctl_id(cmd->id, "cell start", BH_IOCTL_CELL_START,
				   id) < 0 ?
			       -1 :
			       0;
	case BH_CMD_CELL_SHUTDOWN:
		return bh_ioctl_id(cmd->id, "cell shutdown",
				   BH_IOCTL_CELL_SHUTDOWN, id) < 0 ?
			       -1 :
			       0;
	case BH_CMD_CELL_DESTROY:
		return bh_ioctl_id(cmd->id, "cell destroy",
				   BH_IOCTL_CELL_DESTROY, id) < 0 ?
			       -1 :
			       0;
	case BH_CMD_CELL_STATS:
		return cell_stats(id);
	default:
		return -1;
	}
}
