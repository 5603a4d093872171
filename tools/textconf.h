/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text config format (Documentation/config-format.md, "Writing configs
 * as text"): a parser that builds exactly the bytes a C config compiles to,
 * and the reverse, which prints any well-formed binary config as text.
 *
 * Pure code: no device, no libfdt, no global state, so the unit tests and
 * the fuzzer link it directly.  Devices named by device-tree path are
 * resolved by a callback the caller passes (the CLI reads the board's
 * device tree).
 */
#ifndef _BULKHEAD_TEXTCONF_H
#define _BULKHEAD_TEXTCONF_H

#include <stddef.h>
#include <stdio.h>
#include <bulkhead/abi.h>
#include <bulkhead/config_check.h>

#define BH_TEXT_MSG_LEN	     400
#define BH_TEXT_MAX_KEYS     24
#define BH_TEXT_MAX_DEV_IRQS 16

/* 1-based line and byte column; line 0 means "nowhere in particular". */
struct bh_text_pos {
	unsigned int line;
	unsigned int col;
};

/* Where one section and each of its keys were written. */
struct bh_text_secmap {
	struct bh_text_pos sec;
	struct bh_text_pos key[BH_TEXT_MAX_KEYS];
};

/* Where every item of the binary came from, for the checker's messages. */
struct bh_text_map {
	struct bh_text_secmap system;
	struct bh_text_secmap hypervisor;
	struct bh_text_secmap console;
	struct bh_text_secmap gic;
	struct bh_text_secmap cell; /* [cell] or [root-cell] */
	struct bh_text_secmap region[BH_MAX_MEM_REGIONS];
	struct bh_text_secmap channel[BH_MAX_CHANNELS];
};

/* A device found by its device-tree path: its first register window. */
struct bh_text_device {
	__u64 address;
	__u64 size;
	unsigned int num_irqs;
	__u32 irqs[BH_TEXT_MAX_DEV_IRQS]; /* INTIDs of its SPIs */
};

/*
 * Look up a device-tree path; 0 or -1 with a reason (one phrase) in why.
 * NULL for the parser: then a `device =` key is an error.
 */
typedef int bh_text_resolve_fn(void *ctx, const char *path,
			       struct bh_text_device *dev, char *why,
			       size_t why_len);

struct bh_text_result {
	void *buf; /* the binary config, malloc()ed */
	size_t size;
	int kind; /* BH_CONFIG_KIND_* */
	struct bh_text_map map;
	struct bh_text_pos pos;	   /* of the error */
	char msg[BH_TEXT_MSG_LEN]; /* "field: what is wrong: the fix" */
};

/* A binary config starts with one of the two signatures. */
int bh_text_is_binary(const void *buf, size_t size);

/*
 * Parse text (len bytes, need not be NUL-terminated) into res->buf.
 * 0 on success; -1 with res->pos and res->msg set, res->buf NULL.
 */
int bh_text_parse(const char *text, size_t len, bh_text_resolve_fn *resolve,
		  void *ctx, struct bh_text_result *res);

/*
 * Run the shared checker on a parsed config (a cell alone, without the
 * system config) and point its message at the offending line: 0, or the
 * checker's error with res->pos and res->msg set.
 */
int bh_text_check(struct bh_text_result *res, const struct bh_check_env *env);

/* The position a checker message is about, and the key it names. */
struct bh_text_pos bh_text_locate(const struct bh_text_result *res,
				  const char *check_msg, const char **key);

/* The fix for a checker message that names none, or NULL. */
const char *bh_text_fix(const char *check_msg);

void bh_text_free(struct bh_text_result *res);

/*
 * Print a binary config as text.  0, or -1 with a reason in err when it is
 * not a well-formed config (wrong size, too many regions or channels).
 */
int bh_text_emit(FILE *f, const void *buf, size_t size, char *err,
		 size_t err_len);

#endif /* _BULKHEAD_TEXTCONF_H */
