// SPDX-License-Identifier: BSD-2-Clause
/*
 * channel-poke: read or write one 64-bit word of a channel's UIO map, the
 * way any UIO program reaches a channel (and the system tests do).
 *
 *   channel-poke /dev/uioN MAP OFFSET           print the word
 *   channel-poke /dev/uioN MAP OFFSET VALUE     write it
 *
 * MAP is the UIO map index: 0 header, 1 doorbell (any write rings the
 * peer), 2 own output area, 3 the peer's (read-only), 4 common.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned long map, offset;
	volatile uint64_t *word;
	int fd, write_it = argc == 5;
	void *base;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: channel-poke /dev/uioN MAP OFFSET [VALUE]\n"
		       "Print (or write) one 64-bit word of a channel's UIO map: MAP 0 header,\n"
		       "1 doorbell (a write rings the peer), 2 own area, 3 the peer's, 4 common.\n");
		return 0;
	}
	if (argc != 4 && argc != 5) {
		fprintf(stderr,
			"usage: channel-poke /dev/uioN MAP OFFSET [VALUE]\n");
		return 2;
	}
	map = strtoul(argv[2], NULL, 0);
	offset = strtoul(argv[3], NULL, 0);
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "channel-poke: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	base = mmap(NULL, (offset & ~(page - 1)) + page,
		    PROT_READ | (write_it ? PROT_WRITE : 0), MAP_SHARED, fd,
		    map * page);
	if (base == MAP_FAILED) {
		fprintf(stderr, "channel-poke: mmap map %lu%s: %s\n", map,
			write_it ? " for writing" : "", strerror(errno));
		return 1;
	}
	word = (volatile uint64_t *)((char *)base + offset);
	if (write_it) {
		*word = strtoull(argv[4], NULL, 0);
		/* the peer must see what we wrote before it rings back */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} else {
		printf("0x%llx\n", (unsigned long long)*word);
	}
	return 0;
}
