/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the bulkhead CLI.  cli-args.c and cli-util.c are
 * pure (no device, no libfdt) so the host unit tests link them directly.
 */
#ifndef _BULKHEAD_CLI_H
#define _BULKHEAD_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <bulkhead/abi.h>
#include <bulkhead/config_check.h>

#include "confgen.h"

enum bh_cmd_id {
	BH_CMD_HELP,
	BH_CMD_VERSION,
	BH_CMD_ENABLE,
	BH_CMD_DISABLE,
	BH_CMD_CONSOLE,
	BH_CMD_INFO,
	BH_CMD_CELL_CREATE,
	BH_CMD_CELL_LOAD,
	BH_CMD_CELL_START,
	BH_CMD_CELL_SHUTDOWN,
	BH_CMD_CELL_DESTROY,
	BH_CMD_CELL_LIST,
	BH_CMD_CELL_STATS,
	BH_CMD_CONFIG_CHECK,
	BH_CMD_CONFIG_COMPILE,
	BH_CMD_CONFIG_SHOW,
	BH_CMD_CONFIG_CREATE,
	BH_CMD_CHANNEL_LIST,
	BH_CMD_EVENTS,
	BH_CMD_CELL_CONSOLE,
	BH_CMD_CELL_LINUX,
};

#define BH_CMD_ERR_LEN 160

/* A parsed command line: pointers point into argv. */
struct bh_cmd {
	enum bh_cmd_id id;
	const char *file;  /* config file or image */
	const char *file2; /* config check: system config;
					 * cell linux: the kernel */
	const char *cell;  /* NAME or ID */
	int follow;	   /* console -f */
	int send;	   /* cell console --send */
	int has_address;
	int keep;		  /* cell load -k */
	__u64 address;		  /* cell load -a */
	const char *cmdline;	  /* cell load -s, cell linux -c */
	const char *cmdline_file; /* cell load -f */
	const char *output;	  /* config compile -o, cell linux -o */
	const char *dtb;	  /* config compile/show/create --dtb,
					 * cell linux -d */
	const char *initrd;	  /* cell linux -i */
	const char *root_dtb;	  /* cell linux --root-dtb */
	int dry_run;		  /* cell linux -n */
	int format_c;		  /* config create --format c */
	int linux_cell;		  /* config create --linux */
	struct bh_gen_opts gen;	  /* config create */
	char err[BH_CMD_ERR_LEN]; /* why parsing failed */
};

/* cli-args.c */
int bh_parse_args(int argc, char *const argv[], struct bh_cmd *cmd);
extern const char bh_usage[];

/* cli-util.c: parsing and formatting */
int bh_parse_u64(const char *s, __u64 *val);
int bh_parse_cpulist(const char *s, __u64 *mask);
void bh_format_cpulist(__u64 mask, char *buf, size_t len);
int bh_is_number(const char *s);

/* cli-util.c: files and sysfs (root overridable for tests) */
const char *bh_sysfs_root(void);
const char *bh_device_path(void);
int bh_read_file(const char *path, void **buf, size_t *size);
int bh_read_attr(const char *path, char *buf, size_t len);
int bh_read_cell_attr(int id, const char *attr, char *buf, size_t len);
int bh_find_cell(const char *arg, int *id);
int bh_list_cell_ids(int *ids, int max);
const char *bh_errno_hint(enum bh_cmd_id cmd, int err);

/* cli-device.c: the driver */
int bh_refused_in_cell(void);
int bh_dev_open(void);
void bh_report_failure(const char *op, enum bh_cmd_id cmd, int err);
int bh_ioctl_buf(enum bh_cmd_id cmd, const char *op, unsigned long req,
		 const void *data, size_t size);
int bh_ioctl_ptr(enum bh_cmd_id cmd, const char *op, unsigned long req,
		 void *arg);
int bh_ioctl_id(enum bh_cmd_id cmd, const char *op, unsigned long req, int id);

/* cli-fdt.c: facts about the running board */
int bh_env_from_fdt(const void *fdt, struct bh_check_env *env);
int bh_env_from_running_board(struct bh_check_env *env);

/* cli-vuart.c */
int bh_cmd_cell_console(const struct bh_cmd *cmd);

/* cli-linux.c */
int bh_cmd_cell_linux(const struct bh_cmd *cmd);

/* cli-events.c */
int bh_cmd_events(const struct bh_cmd *cmd);

/* cli-channel.c */
int bh_cmd_channel_list(void);

/* cli-check.c */
int bh_check_file(const char *op, const char *path, const void *buf,
		  size_t size, const struct bh_check_env *env);
int bh_cmd_config_check(const struct bh_cmd *cmd);

/*
 * Exit statuses, one per kind of failure, so that a script can tell them
 * apart (Documentation/bulkhead.1, EXIT STATUS).  A command returns -1 or
 * BH_EXIT_CONFIG; what failed notes its kind with bh_note_exit().
 */
enum bh_exit {
	BH_EXIT_FAILED = 1,	/* refused for any other reason */
	BH_EXIT_CONFIG = 2,	/* a usage error, a config with an error */
	BH_EXIT_NOT_THERE = 3,	/* no driver, or the hypervisor not enabled */
	BH_EXIT_PERMISSION = 4, /* not root */
	BH_EXIT_NO_CELL = 5,	/* no such cell */
	BH_EXIT_BUSY = 6, /* in use: a CPU, a running cell, enabled already */
	BH_EXIT_IN_CELL = 7, /* this Linux runs in a non-root cell */
};
void bh_note_exit(enum bh_exit status);
enum bh_exit bh_exit_for(enum bh_cmd_id cmd, int err);
int bh_exit_status(void);

/* cli-config.c: text or binary configs */
struct bh_text_device;
int bh_load_config(const char *op, const char *path, const char *dtb,
		   const struct bh_check_env *env, void **buf, size_t *size);
int bh_cmd_config_compile(const struct bh_cmd *cmd);
int bh_cmd_config_show(const struct bh_cmd *cmd);

/* cli-create.c */
int bh_cmd_config_create(const struct bh_cmd *cmd);
int bh_emit_c(FILE *f, const void *buf, size_t size);

/* cli-dtdev.c: a device by its device-tree path */
int bh_dt_device(const void *fdt, const char *path, struct bh_text_device *dev,
		 char *why, size_t len);
int bh_dt_reg(const void *fdt, int node, int index, __u64 *addr, __u64 *size);
void bh_dt_spis(const void *fdt, int node, struct bh_text_device *dev);

/* cli-system.c */
int bh_cmd_enable(const struct bh_cmd *cmd);
int bh_cmd_disable(void);
int bh_cmd_console(const struct bh_cmd *cmd);
int bh_cmd_info(void);
void bh_print_exit_header(void);
void bh_print_cpu_exits(int cpu, int with_state);

/* cli-cell.c */
int bh_cmd_cell(const struct bh_cmd *cmd);

#endif /* _BULKHEAD_CLI_H */
