// SPDX-License-Identifier: GPL-2.0
/*
 * For the tests: make Linux refuse to take a CPU offline.
 *
 *   dl-reserve TASKS RUNTIME_US PERIOD_US
 *
 * Starts TASKS sleeping SCHED_DEADLINE tasks.  Their bandwidth stays
 * reserved while they sleep, and Linux refuses to offline a CPU when the
 * CPUs left could not honour it (sched_cpu_deactivate: -EBUSY).  A disable
 * of the hypervisor, which cycles every CPU, then fails half way.  Kill the
 * process group (the pid printed) to release them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SCHED_DEADLINE 6

/* the kernel's struct sched_attr (uapi/linux/sched/types.h), version 1 */
struct dl_attr {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
};

static int become_deadline(uint64_t runtime_us, uint64_t period_us)
{
	struct dl_attr attr = {
		.size = sizeof(attr),
		.sched_policy = SCHED_DEADLINE,
		.sched_runtime = runtime_us * 1000,
		.sched_deadline = period_us * 1000,
		.sched_period = period_us * 1000,
	};

	return (int)syscall(SYS_sched_setattr, 0, &attr, 0);
}

int main(int argc, char **argv)
{
	unsigned long tasks, runtime, period, i;
	int ready[2];
	pid_t pid;
	char c;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: dl-reserve TASKS RUNTIME_US PERIOD_US\n"
		       "Start TASKS sleeping SCHED_DEADLINE tasks, whose reserved bandwidth\n"
		       "makes Linux refuse to take a CPU offline (a test of a disable that\n"
		       "fails half way).  Kill the printed process group to release them.\n");
		return 0;
	}
	if (argc != 4) {
		fprintf(stderr,
			"usage: dl-reserve TASKS RUNTIME_US PERIOD_US\n");
		return 2;
	}
	tasks = strtoul(argv[1], NULL, 0);
	runtime = strtoul(argv[2], NULL, 0);
	period = strtoul(argv[3], NULL, 0);
	setpgid(0, 0);
	/* each task says when its bandwidth is reserved: only then do we */
	if (pipe(ready))
		return 1;
	for (i = 0; i < tasks; i++) {
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid)
			continue;
		if (become_deadline(runtime, period)) {
			fprintf(stderr, "dl-reserve: task %lu: %s\n", i,
				strerror(errno));
			return 1;
		}
		if (write(ready[1], "r", 1) != 1)
			return 1;
		for (;;)
			pause();
	}
	close(ready[1]);
	for (i = 0; i < tasks; i++)
		if (read(ready[0], &c, 1) != 1) {
			fprintf(stderr,
				"dl-reserve: only %lu of %lu tasks reserved their bandwidth\n",
				i, tasks);
			return 1;
		}
	printf("dl-reserve: %lu tasks of %lu/%lu us, group %d\n", tasks,
	       runtime, period, (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
