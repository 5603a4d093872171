// SPDX-License-Identifier: GPL-2.0
/*
 * The text config format (issue 13): every shipped config round-trips byte
 * for byte (text -> binary equals the C-compiled .cell, binary -> text ->
 * binary too), and malformed files get one error naming line, column, the
 * key and the fix -- also the shared checker's errors, pointed at the line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "cli.h"
#include "textconf.h"

#define CONFIGS_DIR TEXTCONF_SRC "/configs/arm64"

static void *read_all(const char *path, size_t *size)
{
	void *buf = NULL;

	if (bh_read_file(path, &buf, size))
		fail_msg("cannot read %s", path);
	return buf;
}

static char *emit_to_string(const void *buf, size_t size)
{
	char *text = NULL, err[200];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	if (bh_text_emit(f, buf, size, err, sizeof(err)))
		fail_msg("emit: %s", err);
	fclose(f);
	return text;
}

static void parse_ok(const char *what, const char *text, size_t len,
		     struct bh_text_result *res)
{
	if (bh_text_parse(text, len, NULL, NULL, res))
		fail_msg("%s:%u:%u: %s", what, res->pos.line, res->pos.col,
			 res->msg);
	if (bh_text_check(res, NULL))
		fail_msg("%s:%u:%u: %s", what, res->pos.line, res->pos.col,
			 res->msg);
}

static void assert_same(const char *what, const void *a, size_t na,
			const void *b, size_t nb)
{
	size_t i;

	if (na != nb)
		fail_msg("%s: %zu bytes, the .cell has %zu", what, na, nb);
	for (i = 0; i < na; i++)
		if (((const unsigned char *)a)[i] !=
		    ((const unsigned char *)b)[i])
			fail_msg("%s: byte %zu (0x%zx) differs", what, i, i);
}

/* One shipped config: its .conf, its .cell and the way back. */
static void round_trip(const char *name)
{
	char path[512], *text, *again;
	struct bh_text_result res, res2;
	size_t cell_size, conf_size;
	void *cell, *conf;

	snprintf(path, sizeof(path), "%s/%s.cell", TEXTCONF_CELLS, name);
	cell = read_all(path, &cell_size);
	snprintf(path, sizeof(path), "%s/%s.conf", CONFIGS_DIR, name);
	conf = read_all(path, &conf_size);
	parse_ok(path, conf, conf_size, &res);
	assert_same(path, res.buf, res.size, cell, cell_size);

	text = emit_to_string(cell, cell_size);
	parse_ok("config show output", text, strlen(text), &res2);
	assert_same(name, res2.buf, res2.size, cell, cell_size);
	again = emit_to_string(res2.buf, res2.size);
	assert_string_equal(text, again);

	bh_text_free(&res);
	bh_text_free(&res2);
	free(text);
	free(again);
	free(cell);
	free(conf);
}

/* Every configs/arm64/<name>.c has a <name>.conf and round-trips. */
static void test_every_shipped_config(void **state)
{
	DIR *d = opendir(CONFIGS_DIR);
	struct dirent *de;
	char name[256];
	int n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len < 3 || strcmp(de->d_name + len - 2, ".c"))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(len - 2), de->d_name);
		round_trip(name);
		n++;
	}
	closedir(d);
	print_message("%d shipped configs round-trip\n", n);
	assert_true(n >= 21);
}

/* ---- malformed files ------------------------------------------------- */

#define CELL_OK                \
	"[cell]\n"             \
	"name = rtos\n"        \
	"cpus = 3\n"           \
	"entry = 0x40000000\n" \
	"\n"                   \
	"[region]\n"           \
	"phys = 0x73000000\n"  \
	"virt = 0x40000000\n"  \
	"size = 1M\n"          \
	"flags = rwx, loadable\n"

#define SYS_OK                   \
	"[system]\n"             \
	"[hypervisor]\n"         \
	"phys = 0x7fc00000\n"    \
	"size = 4M\n"            \
	"flags = rwx\n"          \
	"[gic]\n"                \
	"version = 3\n"          \
	"maintenance_irq = 25\n" \
	"gicd = 0x8000000\n"     \
	"gicr = 0x80a0000\n"     \
	"[root-cell]\n"          \
	"name = linux\n"         \
	"cpus = 0-3\n"           \
	"irqs = 32-287\n"        \
	"[region]\n"             \
	"phys = 0x40000000\n"    \
	"size = 768M\n"          \
	"flags = rwx, dma\n"     \
	"[region]\n"             \
	"phys = 0x70000000\n"    \
	"size = 252M\n"          \
	"flags = rwx, assignable\n"

#define CHANNEL(db0, db1)        \
	"[channel]\n"            \
	"name = link\n"          \
	"peers = linux, rtos\n"  \
	"address = 0x7e000000\n" \
	"out_size = 64K\n"       \
	"doorbell_irqs = " db0 ", " db1 "\n"

struct bad_case {
	const char *what;
	const char *text;
	unsigned int line, col;
	const char *words; /* in the message */
};

static const struct bad_case bad_cases[] = {
	{ "empty file", "", 1, 1, "no [cell] or [system]" },
	{ "only comments", "# nothing\n\n   # here\n", 1, 1,
	  "empty or only comments" },
	{ "unknown key", "[cell]\nname = rtos\ncpu = 3\n", 3, 1,
	  "unknown key 'cpu' in [cell]: did you mean 'cpus'? the keys are name, cpus" },
	{ "unknown key, nothing like it", "[cell]\nname = rtos\nxyzzy = 3\n", 3,
	  1, "unknown key 'xyzzy' in [cell]: the keys are name, cpus" },
	{ "duplicate key", CELL_OK "flags = rw\n", 11, 1,
	  "set twice in this [region] (first on line 10)" },
	{ "duplicate key in [cell]", "[cell]\nname = a\ncpus = 1\ncpus = 2\n",
	  4, 1, "cpus is set twice" },
	{ "bad number", "[cell]\nname = rtos\ncpus = 3\nentry = 0x4g\n", 4, 9,
	  "entry: '0x4g' is not a number" },
	{ "overflow",
	  "[cell]\nname = r\ncpus = 3\nentry = 0x10000000000000000\n", 4, 9,
	  "does not fit in 64 bits" },
	{ "overflow by a suffix",
	  "[cell]\nname = r\ncpus = 3\nentry = 0\n[region]\nsize = 17179869184G\n",
	  6, 8, "does not fit in 64 bits" },
	{ "too large for the field",
	  "[cell]\nname = r\ncpus = 3\nrestart_budget = 65536\n", 4, 18,
	  "at most 65535" },
	{ "missing entry", "[cell]\nname = rtos\ncpus = 3\n", 1, 1,
	  "has no entry: add entry = " },
	{ "missing name", "[cell]\ncpus = 3\nentry = 0\n", 1, 1, "has no name" },
	{ "region without size",
	  "[cell]\nname = r\ncpus = 3\nentry = 0\n[region]\nphys = 0x1000\nflags = rw\n",
	  5, 1, "size: [region] on line 5 has no size" },
	{ "region without flags",
	  "[cell]\nname = r\ncpus = 3\nentry = 0\n[region]\nphys = 0x1000\nsize = 4K\n",
	  5, 1, "has no flags" },
	{ "CPU 64", "[cell]\nname = r\ncpus = 64\n", 3, 8, "at most 63" },
	{ "unterminated string", "[cell]\nname = \"rtos\ncpus = 3\n", 2, 8,
	  "unterminated string: add the closing \"" },
	{ "ELF garbage",
	  "\x7f"
	  "ELF\x02\x01\x01",
	  1, 1, "byte 0x7f" },
	{ "a NUL byte", "[cell]\nname = rtos\ncpus\0 = 3\n", 3, 5,
	  "byte 0x00: this is not a text config" },
	{ "no value", "[cell]\nname = rtos\ncpus =\n", 3, 7, "cpus: no value" },
	{ "no =", "[cell]\nname = rtos\ncpus 3\n", 3, 6,
	  "expected 'key = value'" },
	{ "key before any section", "name = rtos\n[cell]\n", 1, 1,
	  "before any section" },
	{ "unknown section", "[cell]\nname = a\n[regoin]\n", 3, 2,
	  "unknown section [regoin]" },
	{ "channel in a cell", CELL_OK "[channel]\n", 11, 1,
	  "[channel] belongs in a system config" },
	{ "second [cell]", CELL_OK "[cell]\n", 11, 1, "a second [cell]" },
	{ "unclosed section", "[cell\n", 1, 6, "closing ]" },
	{ "region first", "[region]\nphys = 0\n", 1, 1,
	  "[region] before [cell] or [system]" },
	{ "name too long", "[cell]\nname = abcdefghijklmnopqrstuvwxyz0123456\n",
	  2, 8, "too long: at most 31 characters" },
	{ "unknown flag",
	  "[cell]\nname = r\ncpus = 3\nentry = 0\n[region]\nflags = rwx, loadabel\n",
	  6, 14, "unknown flag 'loadabel': use read, write" },
	{ "unknown action", "[cell]\nname = r\non_trap = reboot\n", 3, 11,
	  "unknown value 'reboot': use stop, restart, notify" },
	{ "backwards range", "[cell]\nname = r\ncpus = 3-1\n", 3, 8,
	  "goes backwards" },
	{ "INTID 1024", "[cell]\nname = r\nirqs = 54, 1024\n", 3, 12,
	  "at most 1023" },
	{ "negative number", "[cell]\nname = r\ncpus = 1\nentry = -4\n", 4, 9,
	  "negative" },
	{ "junk after a string", "[cell]\nname = \"rtos\" x\n", 2, 15,
	  "expected a comma" },
	/* fuzz finding: it parsed, and no tool took its binary back */
	{ "foreign signature", "[cell]\nname = r\nsignature = ole\n", 3, 13,
	  "must be \"BHCELCFG\"" },
	{ "bad escape", "[cell]\nname = \"a\\q\"\n", 2, 10, "unknown escape" },
	{ "trailing comma", "[cell]\nname = r\ncpus = 1,\n", 3, 10,
	  "ends with a comma" },
	{ "empty list item", "[cell]\nname = r\ncpus = 1,,2\n", 3, 10,
	  "empty item" },
	{ "three peers", SYS_OK "[channel]\npeers = a, b, c\n", 24, 15,
	  "too many values" },
	{ "one doorbell", SYS_OK "[channel]\ndoorbell_irqs = 248\n", 24, 17,
	  "2 values needed" },
	{ "system without [gic]",
	  "[system]\n[hypervisor]\nphys = 0x7fc00000\nsize = 4M\nflags = rwx\n",
	  1, 1, "no [gic] section" },
	{ "device without a device tree", CELL_OK "[region]\ndevice = /uart\n",
	  12, 10, "no device tree" },
	{ "quoted number", "[cell]\nname = r\ncpus = 1\nentry = \"0x40\"\n", 4,
	  9, "not a string: drop the quotes" },
	{ "a 33-character peer",
	  SYS_OK "[channel]\npeers = linux, abcdefghijklmnopqrstuvwxyz0123456\n",
	  24, 16, "too long" },
	{ "size suffix typo",
	  "[cell]\nname = r\ncpus = 3\nentry = 0\n[region]\nsize = 1Q\n", 6, 8,
	  "write it in decimal, in hex (0x1000) or as a size" },
	{ "a 300-character device path",
	  CELL_OK "[region]\ndevice = /"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789\n",
	  12, 10, "is too long: at most 255 characters" },
	{ "byte out of range", "[cell]\nname = r\nhealth_reserved = 256\n", 3,
	  19, "at most 255" },
	/* the shared checker, pointed at the line of the field */
	{ "overlapping regions",
	  CELL_OK
	  "[region]\nphys = 0x73000000\nvirt = 0x50000000\nsize = 4K\nflags = rw\n",
	  12, 1, "overlaps region 0" },
	{ "entry not aligned",
	  "[cell]\nname = r\ncpus = 3\nentry = 0x40000002\n"
	  "[region]\nphys = 0x73000000\nvirt = 0x40000000\nsize = 1M\nflags = rwx\n",
	  4, 1, "entry: cell 'r': entry 0x40000002 is not 4-byte aligned" },
	{ "entry outside the RAM",
	  "[cell]\nname = r\ncpus = 3\nentry = 0x50000000\n"
	  "[region]\nphys = 0x73000000\nvirt = 0x40000000\nsize = 1M\nflags = rwx\n",
	  4, 1, "not inside an EXECUTE memory region" },
	{ "region not page aligned",
	  "[cell]\nname = r\ncpus = 3\nentry = 0\n[region]\nphys = 0x1000\nsize = 100\nflags = rwx\n",
	  7, 1,
	  "size: cell 'r': memory region 0 (phys 0x1000, virt 0x1000, size 0x64) is not 4 KiB aligned" },
	{ "comm region too big",
	  CELL_OK "[region]\nsize = 8K\nflags = rw, comm\n", 13, 1,
	  "the comm region must be virt_start" },
	{ "console on RAM",
	  CELL_OK
	  "[region]\nphys = 0x09000000\nsize = 4K\nflags = rw, console\n",
	  14, 1, "flags: cell 'rtos': memory region 1 is CONSOLE but not IO" },
	{ "two consoles",
	  CELL_OK
	  "[region]\nphys = 0x09000000\nsize = 4K\nflags = rw, io, console\n"
	  "[region]\nphys = 0x09010000\nsize = 4K\nflags = rw, io, console\n",
	  18, 1,
	  "memory region 2 is a second CONSOLE region (region 1 is one)" },
	{ "no CPU", "[cell]\nname = r\ncpus = none\nentry = 0\n", 3, 1,
	  "cpus: cell 'r': cpu_set is empty" },
	{ "doorbell is a PPI", SYS_OK CHANNEL("248", "27"), 28, 1,
	  "doorbell_irqs: channel 'link': doorbell_irq[1] is INTID 27" },
	{ "channel outside the cells' RAM",
	  SYS_OK
	  "[channel]\nname = x\npeers = linux, rtos\naddress = 0x50000000\n"
	  "out_size = 4K\ndoorbell_irqs = 250, 251\n",
	  26, 1, "not inside RAM the system config keeps for cells" },
	{ "root region mapping the GIC",
	  SYS_OK "[region]\nphys = 0x8000000\nsize = 64K\nflags = rw, io\n", 24,
	  1, "maps the GIC" },
};

static void check_bad(const struct bad_case *c, size_t len,
		      const struct bh_check_env *env)
{
	struct bh_text_result res;
	int err = bh_text_parse(c->text, len, NULL, NULL, &res);

	if (!err) {
		err = bh_text_check(&res, env);
		if (!err)
			fail_msg("%s: accepted", c->what);
		bh_text_free(&res);
	} else {
		assert_null(res.buf);
	}
	if (res.pos.line != c->line || res.pos.col != c->col ||
	    !strstr(res.msg, c->words))
		fail_msg("%s: got %u:%u: %s\nwanted %u:%u: ...%s...", c->what,
			 res.pos.line, res.pos.col, res.msg, c->line, c->col,
			 c->words);
	assert_null(strchr(res.msg, '\n'));
}

static void test_malformed(void **state)
{
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		size_t len = strlen(c->text);

		if (!strcmp(c->what, "a NUL byte"))
			len = sizeof("[cell]\nname = rtos\ncpus\0 = 3\n") - 1;
		check_bad(c, len, NULL);
		n++;
	}
	print_message("%zu malformed files refused at the right place\n", n);
	assert_true(n >= 30);
}

/* GIC version 4: the line of `version` in [gic] */
static void test_checker_points_at_gic_version(void **state)
{
	static const char text[] = SYS_OK;
	struct bad_case c = {
		"GIC version 4", NULL, 7, 1,
		"version: system config: platform.gic_version is 4"
	};
	char *t = strdup(text), *v = strstr(t, "version = 3");

	(void)state;
	v[strlen("version = ")] = '4';
	c.text = t;
	check_bad(&c, strlen(t), NULL);
	free(t);
}

/* A CPU the board does not have: only the running board knows. */
static void test_cpu_the_board_lacks(void **state)
{
	static const char text[] = CELL_OK;
	struct bad_case c = {
		"CPU 5 of 4", NULL, 3, 1,
		"cpus: cell 'rtos': cpu_set 0x20 names CPU 5, which this machine does not have"
	};
	char *t = strdup(text);
	struct bh_check_env env;

	(void)state;
	bh_check_env_init(&env);
	env.possible_cpus = 0xf;
	env.num_cpus = 4;
	t[strlen("[cell]\nname = rtos\ncpus = ")] = '5';
	c.text = t;
	check_bad(&c, strlen(t), &env);
	free(t);
}

static char *repeat(const char *head, char fill, size_t n, const char *tail)
{
	size_t h = strlen(head), t = strlen(tail);
	char *s = malloc(h + n + t + 1);

	assert_non_null(s);
	memcpy(s, head, h);
	memset(s + h, fill, n);
	memcpy(s + h + n, tail, t + 1);
	return s;
}

static void test_one_mib_lines(void **state)
{
	struct bad_case c = { "1 MiB name", NULL, 2, 8, "too long" };
	struct bh_text_result res;
	char *s;

	(void)state;
	s = repeat("[cell]\nname = ", 'a', 1 << 20, "\ncpus = 3\n");
	c.text = s;
	check_bad(&c, strlen(s), NULL);
	free(s);
	/* the same length of comment is fine */
	s = repeat(CELL_OK "# ", 'a', 1 << 20, "\n");
	parse_ok("1 MiB comment", s, strlen(s), &res);
	bh_text_free(&res);
	free(s);
	/* and a 1 MiB list of CPUs is refused at its first bad item */
	s = repeat("[cell]\nname = r\ncpus = ", '7', 1 << 20, "\n");
	c = (struct bad_case){ "1 MiB number", s, 3, 8,
			       "does not fit in 64 bits" };
	check_bad(&c, strlen(s), NULL);
	free(s);
}

static void test_too_many_sections(void **state)
{
	char *s = malloc(65536), *p;
	struct bad_case c = { "65 regions", NULL, 0, 1,
			      "more than 64 [region]s" };
	int i;

	(void)state;
	assert_non_null(s);
	p = s + sprintf(s, "[cell]\nname = r\ncpus = 3\nentry = 0\n");
	for (i = 0; i < 65; i++)
		p += sprintf(p, "[region]\nphys = 0x%x\nsize = 4K\nflags = rw\n",
			     0x10000000 + i * 0x1000);
	c.text = s;
	c.line = 5 + 64 * 4;
	check_bad(&c, strlen(s), NULL);
	p = s + sprintf(s, "%s", SYS_OK);
	for (i = 0; i < 17; i++)
		p += sprintf(p, "%s", CHANNEL("248", "249"));
	c = (struct bad_case){ "17 channels", s, 23 + 16 * 6, 1,
			       "more than 16 [channel]s" };
	check_bad(&c, strlen(s), NULL);
	free(s);
}

/* Windows line ends and blanks anywhere are fine. */
static void test_crlf_and_blanks(void **state)
{
	static const char text[] =
		"\t[ cell ]  \r\n  name=rtos\r\ncpus\t=\t3 # CPU 3\r\n"
		"entry = 0x40000000\r\n[region]\r\nphys = 0x73000000\r\n"
		"virt = 0x40000000\r\nsize = 1024K\r\nflags = loadable, r, w x\r\n";
	struct bh_text_result a, b;

	(void)state;
	parse_ok("crlf", text, strlen(text), &a);
	parse_ok("plain", CELL_OK, strlen(CELL_OK), &b);
	assert_same("crlf", a.buf, a.size, b.buf, b.size);
	bh_text_free(&a);
	bh_text_free(&b);
}

/* A text config changes nothing until it is complete: no buffer on error. */
static void test_strings_round_trip(void **state)
{
	static const char text[] =
		"[cell]\nname = \"a b\\\"c\\\\\\x01\\x00z\"\ncpus = 0\nentry = 0\n";
	struct bh_text_result a, b;
	char *shown;

	(void)state;
	assert_int_equal(bh_text_parse(text, strlen(text), NULL, NULL, &a), 0);
	assert_memory_equal(((struct bh_cell_desc *)a.buf)->name,
			    "a b\"c\\\x01\0z", 9);
	shown = emit_to_string(a.buf, a.size);
	assert_int_equal(bh_text_parse(shown, strlen(shown), NULL, NULL, &b), 0);
	assert_same("strings", a.buf, a.size, b.buf, b.size);
	bh_text_free(&a);
	bh_text_free(&b);
	free(shown);
}

/*
 * Fuzz finding: a channel peer "rtos", NUL, then a byte in the field's
 * last place passes the checker (the name ends at the NUL) and printed as
 * 32 bytes, which the parser refused as too long.  A field may be full
 * when an explicit \x00 ends the name inside it.
 */
static void test_name_filling_its_field(void **state)
{
	static const char full[] =
		"[cell]\nname = \"rtos\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
		"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
		"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00z\"\n"
		"cpus = 3\nentry = 0\n";
	static const char too_long[] =
		"[cell]\nname = abcdefghijklmnopqrstuvwxyz012345\n";
	struct bh_text_result a, b;
	char *shown;

	(void)state;
	assert_int_equal(bh_text_parse(full, strlen(full), NULL, NULL, &a), 0);
	assert_int_equal(((struct bh_cell_desc *)a.buf)->name[31], 'z');
	shown = emit_to_string(a.buf, a.size);
	assert_int_equal(bh_text_parse(shown, strlen(shown), NULL, NULL, &b), 0);
	assert_same("full name field", a.buf, a.size, b.buf, b.size);
	bh_text_free(&a);
	bh_text_free(&b);
	free(shown);
	assert_int_equal(bh_text_parse(too_long, strlen(too_long), NULL, NULL,
				       &a),
			 -1);
	assert_non_null(strstr(a.msg, "too long: at most 31 characters"));
}

/* The CLI adds a fix to checker messages that name none. */
static void test_fixes_for_checker_messages(void **state)
{
	(void)state;
	assert_string_equal(
		bh_text_fix(
			"cell 'r': memory region 1 [0x73000000-0x73001000) overlaps region 0 [0x73000000-0x73100000) in physical memory"),
		"give each region its own memory (phys)");
	assert_string_equal(
		bh_text_fix(
			"cell 'r': cpu_set 0x80 names CPU 7, which this machine does not have"),
		"use CPUs this board has (cat /sys/devices/system/cpu/possible)");
	assert_string_equal(bh_text_fix("channel 'x': peer 1 is empty"),
			    "give two cell names: peers = linux, rtos");
	/* messages with a fix of their own get none */
	assert_null(bh_text_fix(
		"cell 'r': cpu_set is empty: a cell needs at least one CPU"));
	assert_null(bh_text_fix(
		"cell 'r': memory region 0 has size 0: remove it or give it a size"));
}

static int fake_dt(void *ctx, const char *path, struct bh_text_device *dev,
		   char *why, size_t len)
{
	(void)ctx;
	if (strcmp(path, "/axi/serial@ff010000")) {
		snprintf(why, len, "no such node");
		return -1;
	}
	dev->address = 0xff010000;
	dev->size = 0x30; /* rounded up to a page */
	dev->num_irqs = 1;
	dev->irqs[0] = 54;
	return 0;
}

/* device = a DT path: its page-rounded registers and its SPIs */
static void test_device_by_path(void **state)
{
	static const char text[] = CELL_OK
		"[region]\ndevice = /axi/serial@ff010000\n";
	static const char bad[] = CELL_OK "[region]\ndevice = /axi/nothing\n";
	const struct bh_memory_region *mem;
	const struct bh_cell_desc *cell;
	struct bh_text_result res;

	(void)state;
	assert_int_equal(bh_text_parse(text, strlen(text), fake_dt, NULL, &res),
			 0);
	cell = res.buf;
	mem = bh_cell_mem_regions(cell);
	assert_int_equal(cell->num_memory_regions, 2);
	assert_int_equal(mem[1].phys_start, 0xff010000);
	assert_int_equal(mem[1].virt_start, 0xff010000);
	assert_int_equal(mem[1].size, 0x1000);
	assert_int_equal(mem[1].flags, BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	assert_int_equal(cell->irq_bitmap[1], 1U << 22);
	bh_text_free(&res);
	assert_int_equal(bh_text_parse(bad, strlen(bad), fake_dt, NULL, &res),
			 -1);
	assert_int_equal(res.pos.line, 12);
	assert_non_null(strstr(res.msg, "device: '/axi/nothing': no such node"));
}

/* config show refuses binaries whose size does not match their counts. */
static void test_show_truncated(void **state)
{
	struct bh_text_result res;
	char err[200];
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	assert_int_equal(bh_text_parse(CELL_OK, strlen(CELL_OK), NULL, NULL,
				       &res),
			 0);
	assert_int_equal(bh_text_emit(f, res.buf, res.size - 1, err,
				      sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "does not match"));
	assert_int_equal(bh_text_emit(f, "BHXXXXXX", 8, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a binary Bulkhead config"));
	((struct bh_cell_desc *)res.buf)->num_memory_regions = 1000;
	assert_int_equal(bh_text_emit(f, res.buf, res.size, err, sizeof(err)),
			 -1);
	fclose(f);
	bh_text_free(&res);
}

/* Run the host-built CLI in dir: its exit status and its stderr. */
static int cli(const char *dir, const char *args, char *err, size_t len)
{
	char cmd[1024], path[512];
	FILE *f;
	size_t n;
	int rc;

	snprintf(cmd, sizeof(cmd),
		 "cd %s && (BULKHEAD_FDT=/nonexistent %s %s) >out.txt 2>err.txt",
		 dir, TEXTCONF_CLI, args);
	rc = system(cmd);
	snprintf(path, sizeof(path), "%s/err.txt", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(err, 1, len - 1, f);
	err[n] = '\0';
	fclose(f);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void put_file(const char *dir, const char *name, const void *data,
		     size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static int one_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl && !nl[1];
}

/* The command as a user runs it: exit 2, one line, no file written. */
static void test_cli_exit_status(void **state)
{
	static const char garbage[] = "\x7f"
				      "ELF\0\x01\x02\xff\xfe";
	char dir[] = "/tmp/textconf-XXXXXX", err[4096], args[512];

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_file(dir, "bad.conf", "[cell]\nname = r\ncpus = 99\n", 26);
	assert_int_equal(cli(dir, "config compile bad.conf -o bad.cell", err,
			     sizeof(err)),
			 2);
	assert_true(one_line(err));
	assert_non_null(strstr(err, "bad.conf:3:8: cpus: 99: at most 63"));
	assert_int_equal(cli(dir, "config check bad.conf", err, sizeof(err)), 2);
	assert_int_equal(cli(dir, "cell create bad.conf", err, sizeof(err)), 2);
	assert_true(one_line(err));
	put_file(dir, "empty.conf", "", 0);
	assert_int_equal(cli(dir, "config compile empty.conf -o e.cell", err,
			     sizeof(err)),
			 2);
	assert_non_null(strstr(err, "empty.conf:1:1: no [cell] or [system]"));
	put_file(dir, "garbage", garbage, sizeof(garbage) - 1);
	assert_int_equal(cli(dir, "config show garbage", err, sizeof(err)), 2);
	assert_true(one_line(err));
	assert_int_equal(cli(dir, "config compile garbage -o g.cell", err,
			     sizeof(err)),
			 2);
	assert_true(one_line(err));
	/* nothing was written */
	snprintf(args, sizeof(args),
		 "test ! -e %s/bad.cell -a ! -e %s/e.cell -a ! -e %s/g.cell",
		 dir, dir, dir);
	assert_int_equal(system(args), 0);
	/* and a good one compiles to the C config's bytes */
	snprintf(args, sizeof(args),
		 "config compile %s/qemu-virt-rtos.conf -o ok.cell && cmp ok.cell %s/qemu-virt-rtos.cell",
		 CONFIGS_DIR, TEXTCONF_CELLS);
	assert_int_equal(cli(dir, args, err, sizeof(err)), 0);
	snprintf(args, sizeof(args), "rm -r %s", dir);
	assert_int_equal(system(args), 0);
}

#define ARGV(...) ((char *const[]){ "bulkhead", __VA_ARGS__, NULL })
#define ARGC(...) \
	((int)(sizeof((char *[]){ "bulkhead", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(cmd, ...) bh_parse_args(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), cmd)

static void test_cli_words(void **state)
{
	struct bh_cmd c;

	(void)state;
	assert_int_equal(PARSE(&c, "config", "compile", "a.conf", "-o",
			       "a.cell"),
			 0);
	assert_int_equal(c.id, BH_CMD_CONFIG_COMPILE);
	assert_string_equal(c.file, "a.conf");
	assert_string_equal(c.output, "a.cell");
	assert_int_equal(PARSE(&c, "config", "compile", "--dtb", "b.dtb",
			       "a.conf", "--output", "x"),
			 0);
	assert_string_equal(c.dtb, "b.dtb");
	assert_string_equal(c.output, "x");
	assert_int_equal(PARSE(&c, "config", "compile", "a.conf"), -1);
	assert_non_null(strstr(c.err, "missing -o"));
	assert_int_equal(PARSE(&c, "config", "show", "a.cell"), 0);
	assert_int_equal(c.id, BH_CMD_CONFIG_SHOW);
	assert_int_equal(PARSE(&c, "config", "show", "a.cell", "-o", "x"), -1);
	assert_int_equal(PARSE(&c, "config", "compile", "a.conf", "-o"), -1);
	assert_int_equal(PARSE(&c, "config", "create", "--cell", "rtos",
			       "--cpus", "2-3", "--mem", "1M", "--device", "/a",
			       "--device", "/b", "-o", "x.conf", "--format",
			       "c", "--phys", "0x73000000", "--dtb", "b.dtb"),
			 0);
	assert_int_equal(c.id, BH_CMD_CONFIG_CREATE);
	assert_string_equal(c.gen.cell, "rtos");
	assert_int_equal(c.gen.cpus, 0xc);
	assert_int_equal(c.gen.mem, 1 << 20);
	assert_int_equal(c.gen.phys, 0x73000000);
	assert_int_equal(c.gen.virt, ~0ULL);
	assert_int_equal(c.gen.num_devices, 2);
	assert_string_equal(c.gen.devices[1], "/b");
	assert_string_equal(c.output, "x.conf");
	assert_string_equal(c.dtb, "b.dtb");
	assert_true(c.format_c);
	assert_int_equal(PARSE(&c, "config", "create", "--mem", "1Q"), -1);
	assert_non_null(strstr(c.err, "--mem: '1Q' is not a number or size"));
	assert_int_equal(PARSE(&c, "config", "create", "--format", "xml"), -1);
	assert_int_equal(PARSE(&c, "config", "create", "--cpus", "x"), -1);
	assert_int_equal(PARSE(&c, "config", "create", "--linux"), 0);
	assert_true(c.linux_cell);
	assert_non_null(strstr(bh_usage, "config create"));
	assert_non_null(strstr(bh_usage, "config compile"));
	assert_non_null(strstr(bh_usage, "config show"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_shipped_config),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_checker_points_at_gic_version),
		cmocka_unit_test(test_cpu_the_board_lacks),
		cmocka_unit_test(test_one_mib_lines),
		cmocka_unit_test(test_too_many_sections),
		cmocka_unit_test(test_crlf_and_blanks),
		cmocka_unit_test(test_strings_round_trip),
		cmocka_unit_test(test_name_filling_its_field),
		cmocka_unit_test(test_fixes_for_checker_messages),
		cmocka_unit_test(test_device_by_path),
		cmocka_unit_test(test_show_truncated),
		cmocka_unit_test(test_cli_words),
		cmocka_unit_test(test_cli_exit_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
