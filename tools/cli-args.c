// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing.  Hand-written rather than getopt(): getopt keeps
 * global state between calls, which the unit tests would have to reset, and
 * the grammar (command words, then a few options) is small.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char bh_usage[] =
	"Usage: bulkhead COMMAND [ARGS]\n"
	"\n"
	"  enable SYSTEM_CONFIG          start the hypervisor under Linux\n"
	"  disable                       stop it (no cells but the root)\n"
	"  console [-f]                  print the hypervisor console (-f: follow)\n"
	"  events [-f]                   cells' failures and restarts (-f: follow)\n"
	"  info                          hypervisor, CPU and exit statistics\n"
	"  cell create CELL_CONFIG       create a cell (takes its CPUs from Linux)\n"
	"  cell load NAME|ID IMAGE [-a ADDRESS] [-s STRING | -f CMDLINE_FILE] [-k]\n"
	"                                copy IMAGE into the cell (default: its\n"
	"                                first loadable region), with a command line;\n"
	"                                -k: the driver keeps a copy, and the cell's\n"
	"                                own reset (PSCI SYSTEM_RESET) reloads it\n"
	"  cell start NAME|ID            run the cell from its entry\n"
	"  cell shutdown NAME|ID         stop it (asks the cell first)\n"
	"  cell destroy NAME|ID          give its resources back to Linux\n"
	"  cell list                     id, name, state, CPUs, failed CPUs\n"
	"  cell stats NAME|ID            exit statistics of the cell's CPUs\n"
	"  cell linux CELL_CONFIG KERNEL [-i INITRD] [-c CMDLINE] [-d DTB] [-n]\n"
	"             [--root-dtb DTB] [-o DTB_OUT]\n"
	"                                create a cell and boot an arm64 Linux\n"
	"                                Image in it, with a device tree made for\n"
	"                                it (-n: print the layout, do nothing;\n"
	"                                -o: write that device tree to DTB_OUT)\n"
	"  cell console NAME|ID [-f | --send]\n"
	"                                the cell's virtual UART: what it printed\n"
	"                                (-f: follow); on a terminal also type to\n"
	"                                it, Ctrl-] leaves; --send: stdin to it\n"
	"  channel list                  channels: each side's state and rings\n"
	"  config check CONFIG [SYSTEM_CONFIG]\n"
	"                                check a config file without using it\n"
	"  config compile TEXT_CONFIG -o CELL_FILE [--dtb DTB]\n"
	"                                text config to binary (.conf to .cell)\n"
	"  config show CONFIG [--dtb DTB]\n"
	"                                print a config (.cell or .conf) as text\n"
	"  config create [--dtb DTB] [--device DT_PATH]... [-o FILE] [--format c]\n"
	"                                a system config from the device tree\n"
	"                                (devices given: kept for cells)\n"
	"  config create --cell NAME --cpus LIST --mem SIZE [--device DT_PATH]...\n"
	"                                a cell config (more: bulkhead(1))\n"
	"\n"
	"Every CONFIG may be binary (.cell, from C) or text (.conf): see\n"
	"Documentation/config-format.md.  A config with an error exits with 2.\n"
	"  --help, --version\n";

#define MAX_POS 3

struct parse_state {
	struct bh_cmd *cmd;
	const char *pos[MAX_POS];
	int n_pos;
};

static int fail(struct bh_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct bh_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd->err, sizeof(cmd->err), fmt, ap);
	va_end(ap);
	return -1;
}

/* Options of `cell load`; everything else is positional. */
static int parse_load_option(struct bh_cmd *cmd, int argc, char *const argv[],
			     int *i)
{
	const char *opt = argv[*i];
	const char *val;

	if (*i + 1 >= argc)
		return fail(cmd, "option %s needs a value", opt);
	val = argv[++*i];
	if (!strcmp(opt, "-a") || !strcmp(opt, "--address")) {
		if (bh_parse_u64(val, &cmd->address))
			return fail(cmd, "invalid address '%s'", val);
		cmd->has_address = 1;
	} else if (!strcmp(opt, "-s") || !strcmp(opt, "--string")) {
		cmd->cmdline = val;
	} else {
		cmd->cmdline_file = val;
	}
	if (cmd->cmdline && cmd->cmdline_file)
		return fail(cmd, "-s and -f exclude each other");
	return 0;
}

/* -o and --dtb of `config compile` and `config show` */
static int parse_config_option(struct bh_cmd *cmd, int argc, char *const argv[],
			       int *i)
{
	const char *opt = argv[*i];

	if (*i + 1 >= argc)
		return fail(cmd, "option %s needs a value", opt);
	if (!strcmp(opt, "--dtb"))
		cmd->dtb = argv[++*i];
	else if (cmd->id != BH_CMD_CONFIG_SHOW)
		cmd->output = argv[++*i];
	else
		return fail(cmd, "unknown option '%s'", opt);
	return 0;
}

static int is_config_option(const struct bh_cmd *cmd, const char *a)
{
	return (cmd->id == BH_CMD_CONFIG_COMPILE ||
		cmd->id == BH_CMD_CONFIG_SHOW ||
		cmd->id == BH_CMD_CONFIG_CREATE) &&
	       (!strcmp(a, "-o") || !strcmp(a, "--output") ||
		!strcmp(a, "--dtb"));
}

/* A size or address with an optional K, M or G. */
static int parse_size(const char *s, __u64 *val)
{
	static const char units[] = "KMG";
	size_t n = strlen(s);
	const char *u = n ? strchr(units, s[n - 1]) : NULL;
	char num[32];

	if (!u || !s[n - 1])
		return bh_parse_u64(s, val);
	if (n >= sizeof(num))
		return -1;
	snprintf(num, sizeof(num), "%.*s", (int)n - 1, s);
	if (bh_parse_u64(num, val) || *val > (~0ULL >> (10 * (u - units + 1))))
		return -1;
	*val <<= 10 * (u - units + 1);
	return 0;
}

struct create_opt {
	const char *name;
	int kind;   /* 0 string, 1 size, 2 CPU list, 3 flag */
	size_t off; /* in struct bh_cmd */
};

#define CO(nm, kd, fld)                              \
	{                                            \
		nm, kd, offsetof(struct bh_cmd, fld) \
	}
static const struct create_opt create_opts[] = {
	CO("--cell", 0, gen.cell),	 CO("--cpus", 2, gen.cpus),
	CO("--mem", 1, gen.mem),	 CO("--phys", 1, gen.phys),
	CO("--virt", 1, gen.virt),	 CO("--linux-mem", 1, gen.linux_mem),
	CO("--hv-base", 1, gen.hv_base), CO("--hv-size", 1, gen.hv_size),
	CO("--linux", 3, linux_cell),	 CO("--device", 4, gen),
	CO("--format", 5, format_c),
};

static int set_create_opt(struct bh_cmd *cmd, const struct create_opt *o,
			  const char *val)
{
	char *field = (char *)cmd + o->off;

	switch (o->kind) {
	case 0:
		*(const char **)field = val;
		return 0;
	case 1:
		return parse_size(val, (__u64 *)field) ?
			       fail(cmd, "%s: '%s' is not a number or size",
				    o->name, val) :
			       0;
	case 2:
		return bh_parse_cpulist(val, (__u64 *)field) ?
			       fail(cmd, "%s: '%s' is not a CPU list", o->name,
				    val) :
			       0;
	case 4:
		if (cmd->gen.num_devices == BH_GEN_MAX_DEVICES)
			return fail(cmd, "at most %d --device",
				    BH_GEN_MAX_DEVICES);
		cmd->gen.devices[cmd->gen.num_devices++] = val;
		return 0;
	default:
		if (strcmp(val, "c") && strcmp(val, "text"))
			return fail(cmd, "--format: text or c");
		cmd->format_c = !strcmp(val, "c");
		return 0;
	}
}

/* 1: it was one of config create's options, 0: not, -1: an error */
static int parse_create_option(struct bh_cmd *cmd, int argc, char *const argv[],
			       int *i)
{
	size_t k;

	if (cmd->id != BH_CMD_CONFIG_CREATE)
		return 0;
	for (k = 0; k < sizeof(create_opts) / sizeof(create_opts[0]); k++) {
		if (strcmp(argv[*i], create_opts[k].name))
			continue;
		if (create_opts[k].kind == 3) {
			cmd->linux_cell = 1;
			return 1;
		}
		if (*i + 1 >= argc)
			return fail(cmd, "option %s needs a value", argv[*i]);
		++*i;
		return set_create_opt(cmd, &create_opts[k], argv[*i]) ? -1 : 1;
	}
	return 0;
}

/* Options of `cell linux`: 1 taken, 0 not one, -1 an error */
static int parse_linux_option(struct bh_cmd *cmd, int argc, char *const argv[],
			      int *i)
{
	static const char *const opts[] = {
		"-i", "-c", "-d", "--root-dtb", "-o",
	};
	const char *opt = argv[*i];
	const char **field[] = {
		&cmd->initrd,	&cmd->cmdline, &cmd->dtb,
		&cmd->root_dtb, &cmd->output,
	};
	size_t k;

	if (cmd->id != BH_CMD_CELL_LINUX)
		return 0;
	if (!strcmp(opt, "-n") || !strcmp(opt, "--dry-run")) {
		cmd->dry_run = 1;
		return 1;
	}
	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		if (strcmp(opt, opts[k]))
			continue;
		if (*i + 1 >= argc)
			return fail(cmd, "option %s needs a value", opt);
		*field[k] = argv[++*i];
		return 1;
	}
	return 0;
}

static int is_load_option(const char *a)
{
	static const char *const opts[] = {
		"-a", "--address", "-s", "--string", "-f", "--file",
	};
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(a, opts[i]))
			return 1;
	return 0;
}

/* Collect the words after the command, handling the options it allows. */
static int collect(struct parse_state *ps, int argc, char *const argv[],
		   int first)
{
	struct bh_cmd *cmd = ps->cmd;
	int i, r;

	for (i = first; i < argc; i++) {
		const char *a = argv[i];

		r = parse_create_option(cmd, argc, argv, &i);
		if (!r)
			r = parse_linux_option(cmd, argc, argv, &i);
		if (r < 0)
			return -1;
		if (r)
			continue;
		if (cmd->id == BH_CMD_CELL_LOAD && is_load_option(a)) {
			if (parse_load_option(cmd, argc, argv, &i))
				return -1;
		} else if (is_config_option(cmd, a)) {
			if (parse_config_option(cmd, argc, argv, &i))
				return -1;
		} else if ((cmd->id == BH_CMD_CONSOLE ||
			    cmd->id == BH_CMD_EVENTS ||
			    cmd->id == BH_CMD_CELL_CONSOLE) &&
			   (!strcmp(a, "-f") || !strcmp(a, "--follow"))) {
			cmd->follow = 1;
		} else if (cmd->id == BH_CMD_CELL_CONSOLE &&
			   !strcmp(a, "--send")) {
			cmd->send = 1;
		} else if (cmd->id == BH_CMD_CELL_LOAD &&
			   (!strcmp(a, "-k") || !strcmp(a, "--keep"))) {
			cmd->keep = 1;
		} else if (a[0] == '-' && a[1]) {
			return fail(cmd, "unknown option '%s'", a);
		} else if (ps->n_pos == MAX_POS) {
			return fail(cmd, "too many arguments");
		} else {
			ps->pos[ps->n_pos++] = a;
		}
	}
	return 0;
}

struct cmd_word {
	const char *word;
	enum bh_cmd_id id;
	int min_args;
	int max_args;
	const char *args; /* for "missing ..." messages */
};

static const struct cmd_word top_cmds[] = {
	{ "enable", BH_CMD_ENABLE, 1, 1, "SYSTEM_CONFIG" },
	{ "disable", BH_CMD_DISABLE, 0, 0, "" },
	{ "console", BH_CMD_CONSOLE, 0, 0, "" },
	{ "info", BH_CMD_INFO, 0, 0, "" },
	{ "events", BH_CMD_EVENTS, 0, 0, "" },
};

static const struct cmd_word cell_cmds[] = {
	{ "create", BH_CMD_CELL_CREATE, 1, 1, "CELL_CONFIG" },
	{ "load", BH_CMD_CELL_LOAD, 2, 2, "NAME|ID IMAGE" },
	{ "start", BH_CMD_CELL_START, 1, 1, "NAME|ID" },
	{ "shutdown", BH_CMD_CELL_SHUTDOWN, 1, 1, "NAME|ID" },
	{ "destroy", BH_CMD_CELL_DESTROY, 1, 1, "NAME|ID" },
	{ "list", BH_CMD_CELL_LIST, 0, 0, "" },
	{ "stats", BH_CMD_CELL_STATS, 1, 1, "NAME|ID" },
	{ "console", BH_CMD_CELL_CONSOLE, 1, 1, "NAME|ID" },
	{ "linux", BH_CMD_CELL_LINUX, 2, 2, "CELL_CONFIG KERNEL" },
};

static const struct cmd_word channel_cmds[] = {
	{ "list", BH_CMD_CHANNEL_LIST, 0, 0, "" },
};

static const struct cmd_word config_cmds[] = {
	{ "check", BH_CMD_CONFIG_CHECK, 1, 2, "CONFIG [SYSTEM_CONFIG]" },
	{ "compile", BH_CMD_CONFIG_COMPILE, 1, 1, "TEXT_CONFIG" },
	{ "show", BH_CMD_CONFIG_SHOW, 1, 1, "CONFIG" },
	{ "create", BH_CMD_CONFIG_CREATE, 0, 0, "" },
};

static const struct cmd_word *lookup(const struct cmd_word *t, size_t n,
				     const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].word, w))
			return &t[i];
	return NULL;
}

/* Put the positional words where the command expects them. */
static void assign(struct parse_state *ps)
{
	struct bh_cmd *cmd = ps->cmd;

	switch (cmd->id) {
	case BH_CMD_ENABLE:
	case BH_CMD_CELL_CREATE:
	case BH_CMD_CONFIG_COMPILE:
	case BH_CMD_CONFIG_SHOW:
		cmd->file = ps->pos[0];
		break;
	case BH_CMD_CONFIG_CHECK:
		cmd->file = ps->pos[0];
		cmd->file2 = ps->n_pos > 1 ? ps->pos[1] : NULL;
		break;
	case BH_CMD_CELL_LOAD:
		cmd->cell = ps->pos[0];
		cmd->file = ps->pos[1];
		break;
	case BH_CMD_CELL_LINUX:
		cmd->file = ps->pos[0];
		cmd->file2 = ps->pos[1];
		break;
	case BH_CMD_CELL_START:
	case BH_CMD_CELL_SHUTDOWN:
	case BH_CMD_CELL_DESTROY:
	case BH_CMD_CELL_STATS:
	case BH_CMD_CELL_CONSOLE:
		cmd->cell = ps->pos[0];
		break;
	default:
		break;
	}
}

/*
 * argv[1] is the command word of this group (argv[0] is the program or the
 * group word), its arguments follow from argv[2].
 */
static int parse_group(struct parse_state *ps, int argc, char *const argv[],
		       const struct cmd_word *t, size_t n, const char *group)
{
	struct bh_cmd *cmd = ps->cmd;
	const struct cmd_word *w;
	const char *sep = group ? " " : "";

	if (!group)
		group = "";
	if (argc < 2)
		return fail(cmd, "missing command after '%s'", group);
	w = lookup(t, n, argv[1]);
	if (!w)
		return fail(cmd, "unknown command '%s%s%s'", group, sep,
			    argv[1]);
	cmd->id = w->id;
	if (collect(ps, argc, argv, 2))
		return -1;
	if (ps->n_pos < w->min_args)
		return fail(cmd, "%s%s%s: missing %s", group, sep, w->word,
			    w->args);
	if (ps->n_pos > w->max_args)
		return fail(cmd, "%s%s%s: too many arguments", group, sep,
			    w->word);
	assign(ps);
	if (cmd->follow && cmd->send)
		return fail(cmd,
			    "cell console: -f and --send exclude each other");
	if (cmd->id == BH_CMD_CONFIG_COMPILE && !cmd->output)
		return fail(cmd, "config compile: missing -o CELL_FILE");
	return 0;
}

#define N(t) (sizeof(t) / sizeof((t)[0]))

int bh_parse_args(int argc, char *const argv[], struct bh_cmd *cmd)
{
	struct parse_state ps = { .cmd = cmd };
	const char *w;

	memset(cmd, 0, sizeof(*cmd));
	cmd->gen.virt = ~0ULL;
	if (argc < 2)
		return fail(cmd, "missing command");
	w = argv[1];
	if (!strcmp(w, "--help") || !strcmp(w, "-h") || !strcmp(w, "help")) {
		cmd->id = BH_CMD_HELP;
		return 0;
	}
	if (!strcmp(w, "--version") || !strcmp(w, "-V")) {
		cmd->id = BH_CMD_VERSION;
		return 0;
	}
	if (!strcmp(w, "cell"))
		return parse_group(&ps, argc - 1, argv + 1, cell_cmds,
				   N(cell_cmds), "cell");
	if (!strcmp(w, "channel"))
		return parse_group(&ps, argc - 1, argv + 1, channel_cmds,
				   N(channel_cmds), "channel");
	if (!strcmp(w, "config"))
		return parse_group(&ps, argc - 1, argv + 1, config_cmds,
				   N(config_cmds), "config");
	return parse_group(&ps, argc, argv, top_cmds, N(top_cmds), NULL);
}
