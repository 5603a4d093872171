// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead: the user's command to enable the hypervisor and manage cells.
 * Every command is one function in cli-*.c; this file only dispatches.
 */
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

/* what also works in a non-root cell: nothing there asks the driver */
static bool works_in_a_cell(enum bh_cmd_id id)
{
	return id == BH_CMD_HELP || id == BH_CMD_VERSION ||
	       id == BH_CMD_CONFIG_CHECK || id == BH_CMD_CONFIG_COMPILE ||
	       id == BH_CMD_CONFIG_SHOW || id == BH_CMD_CONFIG_CREATE;
}

static int run(const struct bh_cmd *cmd)
{
	if (!works_in_a_cell(cmd->id) && bh_refused_in_cell())
		return 1;
	switch (cmd->id) {
	case BH_CMD_HELP:
		fputs(bh_usage, stdout);
		return 0;
	case BH_CMD_VERSION:
		printf("bulkhead %s\n", BH_VERSION_STRING);
		return 0;
	case BH_CMD_ENABLE:
		return bh_cmd_enable(cmd);
	case BH_CMD_DISABLE:
		return bh_cmd_disable();
	case BH_CMD_CONSOLE:
		return bh_cmd_console(cmd);
	case BH_CMD_INFO:
		return bh_cmd_info();
	case BH_CMD_CONFIG_CHECK:
		return bh_cmd_config_check(cmd);
	case BH_CMD_CONFIG_COMPILE:
		return bh_cmd_config_compile(cmd);
	case BH_CMD_CONFIG_SHOW:
		return bh_cmd_config_show(cmd);
	case BH_CMD_CONFIG_CREATE:
		return bh_cmd_config_create(cmd);
	case BH_CMD_CHANNEL_LIST:
		return bh_cmd_channel_list();
	case BH_CMD_EVENTS:
		return bh_cmd_events(cmd);
	case BH_CMD_CELL_CONSOLE:
		return bh_cmd_cell_console(cmd);
	case BH_CMD_CELL_LINUX:
		return bh_cmd_cell_linux(cmd);
	default:
		return bh_cmd_cell(cmd);
	}
}

int main(int argc, char **argv)
{
	struct bh_cmd cmd;
	int err;

	if (bh_parse_args(argc, argv, &cmd)) {
		fprintf(stderr, "bulkhead: %s\n", cmd.err);
		fprintf(stderr, "Try 'bulkhead --help'.\n");
		return BH_EXIT_CONFIG;
	}
	err = run(&cmd);
	if (err == BH_EXIT_CONFIG)
		return BH_EXIT_CONFIG;
	return err ? bh_exit_status() : 0;
}
