// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to the driver: /dev/bulkhead ioctls, and on failure one line: the
 * driver's own explanation from sysfs, or the errno and a hint.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

static enum bh_exit exit_status;

/* The first failure is the one reported, so its kind is the one kept. */
void bh_note_exit(enum bh_exit status)
{
	if (!exit_status)
		exit_status = status;
}

int bh_exit_status(void)
{
	return exit_status ? (int)exit_status : BH_EXIT_FAILED;
}

static bool hypervisor_enabled(void)
{
	char path[512], val[8];

	snprintf(path, sizeof(path), "%s/enabled", bh_sysfs_root());
	return !bh_read_attr(path, val, sizeof(val)) && !strcmp(val, "1");
}

/* The kind of a failed driver call, from its errno and the state. */
enum bh_exit bh_exit_for(enum bh_cmd_id cmd, int err)
{
	if (cmd != BH_CMD_ENABLE && !hypervisor_enabled())
		return BH_EXIT_NOT_THERE;
	switch (err) {
	case EBUSY:
	case EEXIST:
		return BH_EXIT_BUSY;
	case ENOENT:
		return cmd == BH_CMD_ENABLE ? BH_EXIT_FAILED : BH_EXIT_NO_CELL;
	case EACCES:
		return BH_EXIT_PERMISSION;
	default:
		return BH_EXIT_FAILED;
	}
}

/*
 * In a non-root cell the driver only serves channels: say so once, in its
 * words, before a command trips over the missing cells directory.
 * Return: 1 if this Linux runs in a cell (the message is printed), else 0.
 */
int bh_refused_in_cell(void)
{
	char path[512], msg[512];

	snprintf(path, sizeof(path), "%s/in_cell", bh_sysfs_root());
	if (bh_read_attr(path, msg, sizeof(msg)) || strcmp(msg, "1"))
		return 0;
	snprintf(path, sizeof(path), "%s/last_error", bh_sysfs_root());
	if (bh_read_attr(path, msg, sizeof(msg)) || !msg[0])
		snprintf(msg, sizeof(msg), "this Linux runs in a Bulkhead cell");
	fprintf(stderr, "bulkhead: %s\n", msg);
	bh_note_exit(BH_EXIT_IN_CELL);
	return 1;
}

int bh_dev_open(void)
{
	const char *path = bh_device_path();
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		int err = errno;

		fprintf(stderr, "bulkhead: cannot open %s: %s\n", path,
			strerror(err));
		if (err == ENOENT || err == ENODEV || err == ENXIO) {
			fprintf(stderr,
				"bulkhead: hint: load the driver first: insmod bulkhead.ko\n");
			bh_note_exit(BH_EXIT_NOT_THERE);
		} else if (err == EACCES || err == EPERM) {
			fprintf(stderr, "bulkhead: hint: run as root\n");
			bh_note_exit(BH_EXIT_PERMISSION);
		}
		errno = err;
	}
	return fd;
}

/*
 * One line: the driver's own explanation when it has one (it says what
 * to do), else the errno and what a user can do about it.
 */
void bh_report_failure(const char *op, enum bh_cmd_id cmd, int err)
{
	char path[512], msg[512];
	const char *hint = bh_errno_hint(cmd, err);

	bh_note_exit(bh_exit_for(cmd, err));
	snprintf(path, sizeof(path), "%s/last_error", bh_sysfs_root());
	if (!bh_read_attr(path, msg, sizeof(msg)) && msg[0]) {
		fprintf(stderr, "bulkhead: %s: %s\n", op, msg);
		return;
	}
	fprintf(stderr, "bulkhead: %s: %s%s%s\n", op, strerror(err),
		hint ? ": " : "", hint ? hint : "");
}

static int do_ioctl(enum bh_cmd_id cmd, const char *op, unsigned long req,
		    unsigned long arg)
{
	int fd, ret, err;

	fd = bh_dev_open();
	if (fd < 0)
		return -1;
	ret = ioctl(fd, req, arg);
	err = errno;
	close(fd);
	if (ret < 0) {
		bh_report_failure(op, cmd, err);
		return -1;
	}
	return ret;
}

int bh_ioctl_ptr(enum bh_cmd_id cmd, const char *op, unsigned long req,
		 void *arg)
{
	return do_ioctl(cmd, op, req, (unsigned long)arg);
}

/* ENABLE and CELL_CREATE: the config bytes as struct bh_user_buf. */
int bh_ioctl_buf(enum bh_cmd_id cmd, const char *op, unsigned long req,
		 const void *data, size_t size)
{
	struct bh_user_buf ub = {
		.addr = (__u64)(unsigned long)data,
		.size = size,
	};

	return bh_ioctl_ptr(cmd, op, req, &ub);
}

/* START, SHUTDOWN, DESTROY (and DISABLE, with 0): the id is the argument. */
int bh_ioctl_id(enum bh_cmd_id cmd, const char *op, unsigned long req, int id)
{
	return do_ioctl(cmd, op, req, (unsigned long)id);
}
