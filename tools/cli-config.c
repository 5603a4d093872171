// SPDX-License-Identifier: GPL-2.0
/*
 * Config files in either form: binary (.cell, from C) or text (.conf).
 * Every command that takes a config reads it through bh_load_config(), so
 * `enable`, `cell create` and `config check` accept both, told apart by
 * content (a binary config starts with its signature), not by extension.
 * Also `config compile` (text to binary) and `config show` (to text).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include "cli.h"
#include "textconf.h"

/* The device tree `device =` keys are looked up in, read on first use. */
struct dt_source {
	const char *path; /* --dtb, or NULL: the running board */
	void *fdt;
	int tried;
};

static int dt_resolve(void *ctx, const char *path, struct bh_text_device *dev,
		      char *why, size_t len)
{
	struct dt_source *src = ctx;
	const char *env = getenv("BULKHEAD_FDT");
	const char *file = src->path   ? src->path :
			   env && *env ? env :
					 "/sys/firmware/fdt";
	size_t size;

	if (!src->tried) {
		src->tried = 1;
		if (bh_read_file(file, &src->fdt, &size) == 0 &&
		    (size < sizeof(struct fdt_header) ||
		     fdt_check_header(src->fdt) ||
		     fdt_totalsize(src->fdt) > size)) {
			free(src->fdt);
			src->fdt = NULL;
		}
	}
	if (!src->fdt) {
		snprintf(why, len,
			 "no device tree in %s: give phys and size, or a DTB with --dtb",
			 file);
		return -1;
	}
	return bh_dt_device(src->fdt, path, dev, why, len);
}

/* Print a text error as FILE:LINE:COL: MESSAGE, one line. */
static void text_error(const char *path, const struct bh_text_result *res)
{
	fprintf(stderr, "%s:%u:%u: %s\n", path, res->pos.line, res->pos.col,
		res->msg);
}

/* The checker's message, and the fix when it names none. */
static void add_fix(struct bh_text_result *res)
{
	const char *fix = bh_text_fix(res->msg);
	size_t n = strlen(res->msg);

	if (fix)
		snprintf(res->msg + n, sizeof(res->msg) - n, ": %s", fix);
}

static int parse_text(const char *path, const char *dtb, const void *text,
		      size_t size, const struct bh_check_env *env,
		      struct bh_text_result *res)
{
	struct dt_source src = { .path = dtb };
	int err;

	err = bh_text_parse(text, size, dt_resolve, &src, res);
	free(src.fdt);
	if (!err && bh_text_check(res, env)) {
		add_fix(res);
		bh_text_free(res);
		err = -1;
	}
	if (err) {
		text_error(path, res);
		return BH_EXIT_CONFIG;
	}
	return 0;
}

/*
 * A config from a file, as binary: 0, -1 (cannot read it) or
 * BH_EXIT_CONFIG (a text config with an error, printed with its line).
 * Binary configs are returned unchecked: the caller checks them as before.
 */
int bh_load_config(const char *op, const char *path, const char *dtb,
		   const struct bh_check_env *env, void **buf, size_t *size)
{
	struct bh_text_result *res;
	void *raw;
	size_t raw_size;
	int err;

	err = bh_read_file(path, &raw, &raw_size);
	if (err) {
		fprintf(stderr, "bulkhead: %s: %s: %s\n", op, path,
			strerror(-err));
		return -1;
	}
	/* a text config never holds a NUL: anything that does goes to the
	 * binary checks (and, with BULKHEAD_NO_PRECHECK, to the driver's) */
	if (bh_text_is_binary(raw, raw_size) || memchr(raw, '\0', raw_size)) {
		*buf = raw;
		*size = raw_size;
		return 0;
	}
	res = malloc(sizeof(*res));
	err = res ? parse_text(path, dtb, raw, raw_size, env, res) : -1;
	free(raw);
	if (!err) {
		*buf = res->buf;
		*size = res->size;
	}
	free(res);
	return err;
}

static int write_file(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");
	int err;

	if (!f) {
		fprintf(stderr, "bulkhead: config compile: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	err = fwrite(buf, 1, size, f) != size;
	err |= fclose(f) != 0;
	if (err) {
		fprintf(stderr, "bulkhead: config compile: %s: write failed\n",
			path);
		remove(path);
		return -1;
	}
	return 0;
}

int bh_cmd_config_compile(const struct bh_cmd *cmd)
{
	struct bh_check_env env;
	size_t size;
	void *buf;
	int err;

	bh_env_from_running_board(&env);
	err = bh_load_config("config compile", cmd->file, cmd->dtb, &env, &buf,
			     &size);
	if (err)
		return err;
	err = bh_check_file("config compile", cmd->file, buf, size, &env);
	if (!err)
		err = write_file(cmd->output, buf, size);
	if (!err)
		printf("%s: %s config '%s', %zu bytes\n", cmd->output,
		       bh_config_kind(buf, size) == BH_CONFIG_KIND_SYSTEM ?
			       "system" :
			       "cell",
		       bh_config_kind(buf, size) == BH_CONFIG_KIND_SYSTEM ?
			       ((struct bh_system_config *)buf)->root_cell.name :
			       ((struct bh_cell_desc *)buf)->name,
		       size);
	free(buf);
	return err ? BH_EXIT_CONFIG : 0;
}

int bh_cmd_config_show(const struct bh_cmd *cmd)
{
	char why[200];
	size_t size;
	void *buf;
	int err;

	err = bh_load_config("config show", cmd->file, cmd->dtb, NULL, &buf,
			     &size);
	if (err)
		return err;
	err = bh_text_emit(stdout, buf, size, why, sizeof(why));
	if (err)
		fprintf(stderr, "bulkhead: config show: %s: %s\n", cmd->file,
			why);
	free(buf);
	return err ? BH_EXIT_CONFIG : 0;
}
