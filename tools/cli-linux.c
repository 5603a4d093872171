// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead cell linux CELL_CONFIG KERNEL [-i INITRD] [-c CMDLINE] [-d DTB]
 * [-n] [--root-dtb DTB]`: create a cell and boot an arm64 Linux Image in
 * it.  Everything is read and checked first (the config, the kernel's
 * header, the device tree made for the cell, where it all goes: see
 * linux-layout.c and linux-dtb.c); only then is the cell created, loaded
 * and started.  A failure after the create destroys the cell again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include "cli.h"
#include "linux-dtb.h"

#define OP	   "cell linux"
#define FDT_PATH   "/sys/firmware/fdt"
#define LOW_MEMORY (32ULL << 20)

/* What is read from files, and what is made from it. */
struct linux_boot {
	void *cfg, *kernel, *initrd, *root, *base;
	size_t cfg_size, kernel_size, initrd_size;
	const char *root_path;
	struct bh_linux_image img;
	struct bh_linux_dtb dtb;
	struct bh_linux_layout l;
	unsigned char stub[BH_LINUX_STUB_SIZE];
};

static int read_any(const char *path, void **buf, size_t *size)
{
	int err = bh_read_file(path, buf, size);

	if (err)
		fprintf(stderr, "bulkhead: %s: %s: %s\n", OP, path,
			strerror(-err));
	return err ? -1 : 0;
}

/* A device tree file: read, and its header checked. */
static int read_fdt(const char *path, void **fdt)
{
	size_t size;

	if (read_any(path, fdt, &size))
		return -1;
	if (size < sizeof(struct fdt_header) || fdt_magic(*fdt) != FDT_MAGIC) {
		fprintf(stderr,
			"bulkhead: %s: %s: not a flattened device tree (bad magic)\n",
			OP, path);
		return -1;
	}
	if (fdt_check_header(*fdt) || fdt_totalsize(*fdt) > size) {
		fprintf(stderr,
			"bulkhead: %s: %s: a damaged device tree (header or size)\n",
			OP, path);
		return -1;
	}
	return 0;
}

/* --root-dtb, else $BULKHEAD_FDT, else the running board's */
static const char *root_dtb_path(const struct bh_cmd *cmd)
{
	const char *e = getenv("BULKHEAD_FDT");

	if (cmd->root_dtb)
		return cmd->root_dtb;
	return e && *e ? e : FDT_PATH;
}

static int read_config(const struct bh_cmd *cmd, struct linux_boot *b)
{
	struct bh_check_env env;
	int err;

	if (bh_env_from_fdt(b->root, &env))
		bh_check_env_init(&env);
	err = bh_load_config(OP, cmd->file, b->root_path, &env, &b->cfg,
			     &b->cfg_size);
	if (err)
		return err;
	if (bh_config_kind(b->cfg, b->cfg_size) == BH_CONFIG_KIND_SYSTEM) {
		fprintf(stderr,
			"bulkhead: %s: %s is a system config: give a cell config\n",
			OP, cmd->file);
		return BH_EXIT_CONFIG;
	}
	return bh_check_file(OP, cmd->file, b->cfg, b->cfg_size, NULL) ?
		       BH_EXIT_CONFIG :
		       0;
}

static int read_kernel(const struct bh_cmd *cmd, struct linux_boot *b)
{
	char why[BH_LINUX_MSG_LEN];

	if (read_any(cmd->file2, &b->kernel, &b->kernel_size))
		return -1;
	if (bh_linux_image_parse(b->kernel, b->kernel_size, &b->img, why,
				 sizeof(why))) {
		fprintf(stderr, "bulkhead: %s: %s: %s\n", OP, cmd->file2, why);
		return -1;
	}
	if (!cmd->initrd)
		return 0;
	if (read_any(cmd->initrd, &b->initrd, &b->initrd_size))
		return -1;
	if (!b->initrd_size) {
		fprintf(stderr, "bulkhead: %s: %s: the initrd is empty\n", OP,
			cmd->initrd);
		return -1;
	}
	return 0;
}

/* The device tree, where everything goes, and the stub. */
static int make_boot(const struct bh_cmd *cmd, struct linux_boot *b)
{
	struct bh_linux_dtb_in in = {
		.cell = b->cfg,
		.cfg_size = b->cfg_size,
		.root_fdt = b->root,
		.base_fdt = b->base,
		.bootargs = cmd->cmdline,
		.has_initrd = !!b->initrd,
	};
	char why[BH_LINUX_MSG_LEN];
	unsigned int i;

	if (bh_linux_dtb_build(&in, &b->dtb, why, sizeof(why))) {
		fprintf(stderr, "bulkhead: %s: %s\n", OP, why);
		return -1;
	}
	for (i = 0; i < b->dtb.num_warnings; i++)
		fprintf(stderr, "bulkhead: %s: warning: %s\n", OP,
			b->dtb.warnings[i]);
	if (bh_linux_layout(b->cfg, b->cfg_size, &b->img, b->kernel_size,
			    b->initrd_size, b->dtb.size, &b->l, why,
			    sizeof(why))) {
		fprintf(stderr, "bulkhead: %s: %s\n", OP, why);
		return -1;
	}
	if (b->initrd)
		bh_linux_dtb_set_initrd(b->dtb.fdt, b->l.initrd,
					b->l.initrd + b->l.initrd_size);
	bh_linux_stub(b->stub, b->l.dtb, b->l.kernel);
	if (b->l.free < LOW_MEMORY)
		fprintf(stderr,
			"bulkhead: %s: warning: only %llu MiB of the cell's RAM are left for Linux to run in\n",
			OP, (unsigned long long)(b->l.free >> 20));
	return 0;
}

static int read_all(const struct bh_cmd *cmd, struct linux_boot *b)
{
	size_t size;
	int err;

	b->root_path = root_dtb_path(cmd);
	if (bh_read_file(b->root_path, &b->root, &size) ||
	    size < sizeof(struct fdt_header) || fdt_check_header(b->root) ||
	    fdt_totalsize(b->root) > size) {
		fprintf(stderr,
			"bulkhead: %s: %s: no readable device tree of the root cell's board (give one with --root-dtb)\n",
			OP, b->root_path);
		return -1;
	}
	err = read_config(cmd, b);
	if (err)
		return err;
	if (read_kernel(cmd, b) || (cmd->dtb && read_fdt(cmd->dtb, &b->base)))
		return -1;
	return make_boot(cmd, b);
}

static void print_layout(const struct linux_boot *b)
{
	const struct bh_linux_layout *l = &b->l;

	printf("cell '%.*s': RAM 0x%llx-0x%llx (%llu MiB)\n", BH_CELL_NAME_LEN,
	       ((const struct bh_cell_desc *)b->cfg)->name,
	       (unsigned long long)l->ram_start,
	       (unsigned long long)(l->ram_start + l->ram_size),
	       (unsigned long long)(l->ram_size >> 20));
	printf("  stub    0x%-12llx %llu bytes\n", (unsigned long long)l->stub,
	       (unsigned long long)BH_LINUX_STUB_SIZE);
	printf("  kernel  0x%-12llx %llu bytes (%llu with .bss)\n",
	       (unsigned long long)l->kernel, (unsigned long long)l->kernel_file,
	       (unsigned long long)l->kernel_size);
	if (l->initrd_size)
		printf("  initrd  0x%-12llx %llu bytes\n",
		       (unsigned long long)l->initrd,
		       (unsigned long long)l->initrd_size);
	printf("  dtb     0x%-12llx %llu bytes\n", (unsigned long long)l->dtb,
	       (unsigned long long)l->dtb_size);
	printf("  free    %llu MiB\n", (unsigned long long)(l->free >> 20));
	printf("  bootargs \"%s\"\n", b->dtb.bootargs);
}

static int write_dtb(const char *path, const struct linux_boot *b)
{
	FILE *f = fopen(path, "wb");
	int err;

	if (!f) {
		fprintf(stderr, "bulkhead: %s: %s: %s\n", OP, path,
			strerror(errno));
		return -1;
	}
	err = fwrite(b->dtb.fdt, 1, b->dtb.size, f) != b->dtb.size;
	err |= fclose(f) != 0;
	if (err)
		fprintf(stderr, "bulkhead: %s: %s: write failed\n", OP, path);
	return err ? -1 : 0;
}

static int load(int id, __u64 addr, const void *buf, size_t size)
{
	struct bh_cell_load ld = {
		.cell_id = (__u32)id,
		.image_addr = (__u64)(unsigned long)buf,
		.image_size = size,
		.load_address = addr,
	};

	/* the driver keeps a copy: a reboot in the cell (PSCI SYSTEM_RESET)
	 * writes them all back and starts it again */
	ld.flags |= BH_LOAD_KEEP;
	return bh_ioctl_ptr(BH_CMD_CELL_LINUX, OP, BH_IOCTL_CELL_LOAD, &ld) < 0 ?
		       -1 :
		       0;
}

/* Load everything and start; the cell is destroyed again on a failure. */
static int boot(const struct linux_boot *b)
{
	const struct bh_cell_desc *cell = b->cfg;
	const struct bh_linux_layout *l = &b->l;
	int id;

	id = bh_ioctl_buf(BH_CMD_CELL_LINUX, OP, BH_IOCTL_CELL_CREATE, b->cfg,
			  b->cfg_size);
	if (id < 0)
		return -1;
	if (load(id, l->stub, b->stub, sizeof(b->stub)) ||
	    load(id, l->kernel, b->kernel, b->kernel_size) ||
	    (b->initrd && load(id, l->initrd, b->initrd, b->initrd_size)) ||
	    load(id, l->dtb, b->dtb.fdt, b->dtb.size) ||
	    bh_ioctl_id(BH_CMD_CELL_LINUX, OP, BH_IOCTL_CELL_START, id) < 0) {
		if (bh_ioctl_id(BH_CMD_CELL_LINUX,
				"cell linux: destroying the cell again",
				BH_IOCTL_CELL_DESTROY, id) < 0)
			fprintf(stderr,
				"bulkhead: %s: cell %d is left behind: 'bulkhead cell destroy %d'\n",
				OP, id, id);
		return -1;
	}
	printf("cell '%.*s' (id %d) booting Linux: kernel at 0x%llx, device tree at 0x%llx; its console: bulkhead cell console %.*s\n",
	       BH_CELL_NAME_LEN, cell->name, id, (unsigned long long)l->kernel,
	       (unsigned long long)l->dtb, BH_CELL_NAME_LEN, cell->name);
	return 0;
}

int bh_cmd_cell_linux(const struct bh_cmd *cmd)
{
	struct linux_boot *b = calloc(1, sizeof(*b));
	int err = -1;

	if (!b) {
		fprintf(stderr, "bulkhead: %s: out of memory\n", OP);
		return -1;
	}
	err = read_all(cmd, b);
	if (!err && cmd->output)
		err = write_dtb(cmd->output, b);
	if (!err) {
		if (cmd->dry_run)
			print_layout(b);
		else
			err = boot(b);
	}
	free(b->cfg);
	free(b->kernel);
	free(b->initrd);
	free(b->root);
	free(b->base);
	free(b->dtb.fdt);
	free(b);
	return err;
}
