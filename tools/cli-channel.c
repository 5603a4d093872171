// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead channel list`: every channel of the system config with each
 * side's state and the doorbells it has rung, from the driver's
 * /sys/devices/bulkhead/channels (which asks the hypervisor).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct channel_row {
	char name[BH_CHANNEL_NAME_LEN];
	char peer[2][BH_CELL_NAME_LEN];
	char state[2][16];
	unsigned long long rings[2];
	unsigned int starts[2];
	unsigned long long out[2], common, address;
};

static int parse_row(const char *line, struct channel_row *r)
{
	return sscanf(line,
		      "%31s %31s %15s %llu %u %31s %15s %llu %u %llx %llx %llx %llx",
		      r->name, r->peer[0], r->state[0], &r->rings[0],
		      &r->starts[0], r->peer[1], r->state[1], &r->rings[1],
		      &r->starts[1], &r->out[0], &r->out[1], &r->common,
		      &r->address) == 13 ?
		       0 :
		       -1;
}

static void print_row(const struct channel_row *r)
{
	int n;

	for (n = 0; n < 2; n++)
		printf("%-16s %-16s %-10s %12llu %7u %10llu KiB\n",
		       n ? "" : r->name, r->peer[n], r->state[n], r->rings[n],
		       r->starts[n], r->out[n] >> 10);
	if (r->common)
		printf("%-16s %-16s %-10s %12s %7s %10llu KiB\n", "",
		       "(common)", "", "", "", r->common >> 10);
}

int bh_cmd_channel_list(void)
{
	char path[256], text[8192], *line, *save = NULL;
	struct channel_row row;
	int err;

	snprintf(path, sizeof(path), "%s/channels", bh_sysfs_root());
	err = bh_read_attr(path, text, sizeof(text));
	if (err) {
		fprintf(stderr,
			"bulkhead: channel list: %s: %s (is bulkhead.ko loaded?)\n",
			path, strerror(-err));
		return -1;
	}
	if (!text[0]) {
		printf("no channels (hypervisor not enabled, or none in its system config)\n");
		return 0;
	}
	printf("%-16s %-16s %-10s %12s %7s %14s\n", "CHANNEL", "PEER", "STATE",
	       "RINGS", "STARTS", "OUTPUT AREA");
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (parse_row(line, &row)) {
			fprintf(stderr,
				"bulkhead: channel list: cannot read '%s'\n",
				line);
			return -1;
		}
		print_row(&row);
	}
	return 0;
}
