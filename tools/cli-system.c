// SPDX-License-Identifier: GPL-2.0
/* enable, disable, console and info: the hypervisor as a whole. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define POLL_US 100000

int bh_cmd_enable(const struct bh_cmd *cmd)
{
	struct bh_check_env env;
	size_t size;
	void *buf;
	int err;

	bh_env_from_running_board(&env);
	err = bh_load_config("enable", cmd->file, NULL, &env, &buf, &size);
	if (err)
		return err;
	if (bh_config_kind(buf, size) == BH_CONFIG_KIND_CELL) {
		fprintf(stderr,
			"bulkhead: enable: %s is a cell config: use 'bulkhead cell create'\n",
			cmd->file);
		err = -1;
	} else {
		err = bh_check_file("enable", cmd->file, buf, size, &env);
	}
	if (!err)
		err = bh_ioctl_buf(BH_CMD_ENABLE, "enable", BH_IOCTL_ENABLE,
				   buf, size) < 0 ?
			      -1 :
			      0;
	free(buf);
	return err;
}

int bh_cmd_disable(void)
{
	return bh_ioctl_id(BH_CMD_DISABLE, "disable", BH_IOCTL_DISABLE, 0) < 0 ?
		       -1 :
		       0;
}

static int write_all(int fd, const char *p, ssize_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, (size_t)n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

/*
 * The driver returns console text from the file position on; at the end
 * read() returns 0, and with -f we poll for more like `tail -f`.
 */
int bh_cmd_console(const struct bh_cmd *cmd)
{
	char buf[4096];
	int fd = bh_dev_open();

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN) {
			bh_report_failure("console", BH_CMD_CONSOLE, errno);
			close(fd);
			return -1;
		}
		if (n > 0) {
			if (write_all(STDOUT_FILENO, buf, n))
				break;
			continue;
		}
		if (!cmd->follow)
			break;
		usleep(POLL_US);
	}
	close(fd);
	return 0;
}

static const char *const exit_names[BH_EXIT_COUNT] = {
	"total", "mmio",   "irq", "sgi",	 "hvc",
	"psci",	 "sysreg", "wfx", "maintenance", "other",
};

static void read_cpu_attr(int cpu, const char *attr, char *buf, size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/cpus/cpu%d/%s", bh_sysfs_root(), cpu,
		 attr);
	if (bh_read_attr(path, buf, len))
		snprintf(buf, len, "-");
}

void bh_print_exit_header(void)
{
	int i;

	printf("%-4s %-9s %-4s", "CPU", "STATE", "EL2");
	for (i = 0; i < BH_EXIT_COUNT; i++)
		printf(" %10s",
		       i == BH_EXIT_MAINTENANCE ? "maint" : exit_names[i]);
	printf("\n");
}

void bh_print_cpu_exits(int cpu, int with_state)
{
	char val[64], attr[64];
	int i;

	read_cpu_attr(cpu, "state", val, sizeof(val));
	printf("%-4d %-9s", cpu, with_state ? val : "");
	read_cpu_attr(cpu, "el2", val, sizeof(val));
	printf(" %-4s", val);
	for (i = 0; i < BH_EXIT_COUNT; i++) {
		snprintf(attr, sizeof(attr), "exits/%s", exit_names[i]);
		read_cpu_attr(cpu, attr, val, sizeof(val));
		printf(" %10s", val);
	}
	printf("\n");
}

static __u64 present_cpus(void)
{
	char path[512];
	struct dirent *de;
	__u64 mask = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/cpus", bh_sysfs_root());
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "cpu", 3) &&
		    bh_is_number(de->d_name + 3) && atoi(de->d_name + 3) < 64)
			mask |= 1ULL << atoi(de->d_name + 3);
	closedir(d);
	return mask;
}

static void print_attr_line(const char *label, const char *attr)
{
	char path[512], val[128];

	snprintf(path, sizeof(path), "%s/%s", bh_sysfs_root(), attr);
	if (bh_read_attr(path, val, sizeof(val)))
		snprintf(val, sizeof(val), "unknown");
	printf("%-18s %s\n", label, val);
}

int bh_cmd_info(void)
{
	char path[512], val[64];
	__u64 cpus;
	int ids[256], n, cpu;

	snprintf(path, sizeof(path), "%s/enabled", bh_sysfs_root());
	if (bh_read_attr(path, val, sizeof(val))) {
		fprintf(stderr, "bulkhead: info: %s: %s\n", path,
			strerror(errno));
		fprintf(stderr,
			"bulkhead: hint: load the driver first: insmod bulkhead.ko\n");
		return -1;
	}
	printf("%-18s %s\n", "version:", BH_VERSION_STRING);
	printf("%-18s %s\n", "enabled:", strcmp(val, "1") ? "no" : "yes");
	print_attr_line("memory pool:", "mem_pool_size");
	print_attr_line("memory pool used:", "mem_pool_used");
	n = bh_list_cell_ids(ids, 256);
	printf("%-18s %d\n", "cells:", n < 0 ? 0 : n);
	cpus = present_cpus();
	if (!cpus)
		return 0;
	printf("\n");
	bh_print_exit_header();
	for (cpu = 0; cpu < 64; cpu++)
		if (cpus & (1ULL << cpu))
			bh_print_cpu_exits(cpu, 1);
	return 0;
}
