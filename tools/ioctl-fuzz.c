// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl-fuzz: every ioctl of /dev/bulkhead with hostile arguments, from
 * several processes at once.  Bad pointers (NULL, kernel, unmapped, the
 * last bytes of a page), sizes (0, one short, huge), ids and flags, real
 * configs with bits flipped, unknown ioctl numbers.  Everything a fuzzed
 * call manages to create is destroyed again, so the driver and the
 * hypervisor must end as they began; the test around it checks that, and
 * that the kernel logged no oops.
 *
 *   ioctl-fuzz CALLS SEED PROCESSES CELL_CONFIG...
 *
 * Disable is left out: it is valid whatever its argument, and would end
 * the run.  Prints one line per process with the results by errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bulkhead/abi.h>

#define MAX_CONFIGS 8
#define MAX_ERRNO   140

struct blob {
	void *data;
	size_t size;
};

static struct blob configs[MAX_CONFIGS];
static unsigned int num_configs;
static uint8_t *page_end; /* the last byte before an unmapped page */
static uint8_t scratch[2 * 4096];
static uint64_t rng_state;
static unsigned long by_errno[MAX_ERRNO], succeeded, created;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint64_t pick(const uint64_t *choices, size_t n)
{
	return choices[rnd() % n];
}

#define PICK(...)                               \
	pick((const uint64_t[]){ __VA_ARGS__ }, \
	     sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t))

static int read_file(const char *path, struct blob *b)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	if (!f || fstat(fileno(f), &st))
		return -1;
	b->size = st.st_size;
	b->data = malloc(b->size);
	if (!b->data || fread(b->data, 1, b->size, f) != b->size) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* A user address: mostly bad, sometimes good memory with bad contents */
static uint64_t hostile_pointer(size_t want)
{
	switch (rnd() % 6) {
	case 0:
		return 0;
	case 1:
		return PICK(0xffff000000000000ULL, 0xffff800008000000ULL,
			    0xfffffffffffff000ULL);
	case 2:
		return (uint64_t)(uintptr_t)(page_end - (rnd() % 16));
	case 3:
		return PICK(0x10, 0x1000, 0x7fffffff000ULL, 1ULL << 47);
	default:
		if (want > sizeof(scratch))
			want = sizeof(scratch);
		for (size_t i = 0; i < want; i += 8)
			*(uint64_t *)(scratch + i) = rnd();
		return (uint64_t)(uintptr_t)scratch;
	}
}

static uint64_t hostile_size(uint64_t real)
{
	return PICK(0, 1, 7, real ? real - 1 : 0, real, real + 1, 4096,
		    1ULL << 20, 1ULL << 32, ~0ULL);
}

/* A real config, some bits flipped: mostly refused, sometimes created */
static void mutated_config(struct bh_user_buf *buf)
{
	const struct blob *c = &configs[rnd() % num_configs];
	static uint8_t copy[64 * 1024];
	unsigned int flips = rnd() % 4;

	if (c->size > sizeof(copy))
		return;
	memcpy(copy, c->data, c->size);
	while (flips--)
		copy[rnd() % c->size] ^= 1u << (rnd() % 8);
	buf->addr = (uint64_t)(uintptr_t)copy;
	buf->size = rnd() % 4 ? c->size : hostile_size(c->size);
}

static uint64_t hostile_id(void)
{
	return PICK(0, 1, 2, 3, 7, 63, 64, 255, 0x80000000ULL, ~0ULL, rnd());
}

static long fuzz_one(int fd)
{
	struct bh_user_buf buf;
	struct bh_cell_load ld;
	struct bh_vuart_io vio;
	unsigned long cmd;
	long ret;

	switch (rnd() % 8) {
	case 0: /* enabled already: every enable must be refused */
		buf.addr = hostile_pointer(256);
		buf.size = hostile_size(256);
		return ioctl(fd, BH_IOCTL_ENABLE, &buf);
	case 1:
		if (rnd() % 2 && num_configs) {
			mutated_config(&buf);
		} else {
			buf.addr = hostile_pointer(512);
			buf.size = hostile_size(512);
		}
		ret = ioctl(fd, BH_IOCTL_CELL_CREATE,
			    rnd() % 8 ? (void *)&buf :
					(void *)(uintptr_t)hostile_pointer(16));
		if (ret > 0) { /* valid after all: its states too, then go */
			created++;
			ioctl(fd, BH_IOCTL_CELL_START, ret); /* no image */
			ld.cell_id = ret;
			ld.flags = 0;
			ld.image_addr = hostile_pointer(64);
			ld.image_size = hostile_size(64);
			ld.load_address = rnd();
			ld.cmdline_addr = 0;
			ld.cmdline_size = 0;
			ioctl(fd, BH_IOCTL_CELL_LOAD, &ld);
			ioctl(fd, BH_IOCTL_CELL_SHUTDOWN, ret);
			ioctl(fd, BH_IOCTL_CELL_DESTROY, ret);
		}
		return ret;
	case 2:
		ld.cell_id = hostile_id();
		ld.flags = PICK(0, BH_LOAD_DEFAULT_ADDRESS,
				BH_LOAD_VALID_FLAGS + 1, ~0u);
		ld.image_addr = hostile_pointer(64);
		ld.image_size = hostile_size(64);
		ld.load_address = PICK(0, 0x40000000, 0x7fc00000, ~0ULL);
		ld.cmdline_addr = rnd() % 2 ? 0 : hostile_pointer(32);
		ld.cmdline_size = hostile_size(32);
		return ioctl(fd, BH_IOCTL_CELL_LOAD,
			     rnd() % 8 ? (void *)&ld :
					 (void *)(uintptr_t)hostile_pointer(48));
	case 3: /* ids of cells that do not exist, or of no cell */
		return ioctl(fd, BH_IOCTL_CELL_START, hostile_id() | 8);
	case 4:
		return ioctl(fd, BH_IOCTL_CELL_SHUTDOWN, hostile_id() | 8);
	case 5:
		return ioctl(fd, BH_IOCTL_CELL_DESTROY, hostile_id() | 8);
	case 6: /* a cell's vUART: any id, flags, position, buffer */
		vio.cell_id = hostile_id();
		vio.flags = PICK(0, 0, 1, ~0u);
		vio.pos = PICK(0, 1, 1ULL << 40, ~0ULL);
		vio.start = vio.head = rnd();
		vio.buf = hostile_pointer(2048);
		vio.size = hostile_size(64);
		cmd = rnd() % 2 ? BH_IOCTL_VUART_READ : BH_IOCTL_VUART_WRITE;
		if (rnd() % 8 == 0)
			return ioctl(fd, cmd, hostile_pointer(48));
		return ioctl(fd, cmd, &vio);
	default: /* numbers the driver does not know */
		cmd = PICK(_IO(BH_IOCTL_MAGIC, 7), _IO(BH_IOCTL_MAGIC, 255),
			   _IOW(BH_IOCTL_MAGIC, 2, struct bh_cell_load),
			   _IOR(BH_IOCTL_MAGIC, 0, struct bh_user_buf),
			   _IO('T', 1), rnd());
		return ioctl(fd, cmd, hostile_pointer(64));
	}
}

static int run(unsigned long calls, unsigned int id)
{
	int fd = open("/dev/bulkhead", O_RDWR);
	unsigned long n;
	int e;

	if (fd < 0) {
		perror("ioctl-fuzz: /dev/bulkhead");
		return 1;
	}
	for (n = 0; n < calls; n++) {
		if (fuzz_one(fd) >= 0)
			succeeded++;
		else if (errno < MAX_ERRNO)
			by_errno[errno]++;
	}
	close(fd);
	printf("ioctl-fuzz: process %u: %lu calls, %lu succeeded (%lu cells "
	       "created and destroyed), failed:",
	       id, calls, succeeded, created);
	for (e = 0; e < MAX_ERRNO; e++)
		if (by_errno[e])
			printf(" %s %lu", strerror(e), by_errno[e]);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long calls;
	unsigned int procs, p;
	int status, failed = 0;
	uint64_t seed;
	uint8_t *two;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: ioctl-fuzz CALLS SEED PROCESSES [CELL_CONFIG...]\n"
		       "Every ioctl of /dev/bulkhead with hostile arguments from PROCESSES\n"
		       "processes, CALLS each; one line of results by errno per process.\n");
		return 0;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: ioctl-fuzz CALLS SEED PROCESSES "
				"[CELL_CONFIG...]\n");
		return 2;
	}
	calls = strtoul(argv[1], NULL, 0);
	seed = strtoull(argv[2], NULL, 0);
	procs = strtoul(argv[3], NULL, 0);
	for (int i = 4; i < argc && num_configs < MAX_CONFIGS; i++)
		if (!read_file(argv[i], &configs[num_configs]))
			num_configs++;
	/* two pages, the second unmapped: reads run off the end */
	two = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two == MAP_FAILED || munmap(two + 4096, 4096))
		return 1;
	page_end = two + 4095;
	for (p = 0; p < procs; p++) {
		if (fork() == 0) {
			rng_state = seed * 2654435761u + p + 1;
			return run(calls / procs, p);
		}
	}
	for (p = 0; p < procs; p++)
		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			failed = 1;
	return failed;
}
