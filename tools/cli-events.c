// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead events [-f]`: what the hypervisor's health monitor did to the
 * cells (failures, restarts, state changes), from the driver's
 * /sys/devices/bulkhead/events; with -f, as it happens (poll() on it).
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_IDS 64

struct cell_event {
	int present;
	char state[32];
	unsigned int restarts;
	unsigned long long events;
	char kind[16];
	char reason[128];
};

static int read_events(char *text, size_t len)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/events", bh_sysfs_root());
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, text, len - 1);
	text[n > 0 ? n : 0] = '\0';
	return fd;
}

static void parse(char *text, struct cell_event *cells)
{
	char *line, *save = NULL;
	struct cell_event e;
	int id, used;

	memset(cells, 0, sizeof(*cells) * MAX_IDS);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		memset(&e, 0, sizeof(e));
		if (sscanf(line, "%d %31s %u %llu %15s %n", &id, e.state,
			   &e.restarts, &e.events, e.kind, &used) < 5 ||
		    id < 0 || id >= MAX_IDS)
			continue;
		snprintf(e.reason, sizeof(e.reason), "%s", line + used);
		e.present = 1;
		cells[id] = e;
	}
}

static void print_change(int id, const struct cell_event *e)
{
	char name[64] = "?", stamp[32];
	time_t now = time(NULL);

	strftime(stamp, sizeof(stamp), "%H:%M:%S", localtime(&now));
	if (!e->present) {
		printf("%s cell %d: destroyed\n", stamp, id);
		return;
	}
	bh_read_cell_attr(id, "name", name, sizeof(name));
	printf("%s cell %d '%s': %s, restarts %u", stamp, id, name, e->state,
	       e->restarts);
	if (e->events)
		printf(", last failure (%s): %s", e->kind, e->reason);
	printf("\n");
}

static int changed(const struct cell_event *a, const struct cell_event *b)
{
	return a->present != b->present || strcmp(a->state, b->state) ||
	       a->restarts != b->restarts || a->events != b->events;
}

int bh_cmd_events(const struct bh_cmd *cmd)
{
	static struct cell_event last[MAX_IDS], now[MAX_IDS];
	char text[8192];
	struct pollfd pfd;
	int id, fd;

	fd = read_events(text, sizeof(text));
	if (fd < 0) {
		fprintf(stderr,
			"bulkhead: events: %s/events: cannot read it (load the driver and enable the hypervisor first)\n",
			bh_sysfs_root());
		return -1;
	}
	for (;;) {
		parse(text, now);
		for (id = 0; id < MAX_IDS; id++)
			if (changed(&now[id], &last[id]))
				print_change(id, &now[id]);
		fflush(stdout);
		memcpy(last, now, sizeof(last));
		if (!cmd->follow)
			break;
		/* sysfs wakes POLLPRI on a change; look again each second */
		pfd.fd = fd;
		pfd.events = POLLPRI | POLLERR;
		poll(&pfd, 1, 1000);
		close(fd);
		fd = read_events(text, sizeof(text));
		if (fd < 0)
			return 0; /* the driver went */
	}
	close(fd);
	return 0;
}
