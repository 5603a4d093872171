// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing, formatting, file and sysfs helpers of the CLI: everything here
 * runs on the host too, so the unit tests point BULKHEAD_SYSFS at a fake tree.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_SYSFS  "/sys/devices/bulkhead"
#define DEFAULT_DEVICE "/dev/bulkhead"
#define MAX_FILE_SIZE  (256UL << 20)

int bh_parse_u64(const char *s, __u64 *val)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*val = v;
	return 0;
}

int bh_is_number(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int parse_cpu(const char **s, unsigned int *cpu)
{
	unsigned int v = 0;

	if (!isdigit((unsigned char)**s))
		return -1;
	while (isdigit((unsigned char)**s)) {
		v = v * 10 + (unsigned int)(**s - '0');
		if (v >= BH_MAX_CPUS)
			return -1;
		(*s)++;
	}
	*cpu = v;
	return 0;
}

/* Linux list format: "0-2,5", an empty string (or "\n") is the empty set. */
int bh_parse_cpulist(const char *s, __u64 *mask)
{
	unsigned int lo, hi, c;
	__u64 m = 0;

	while (*s && *s != '\n') {
		if (parse_cpu(&s, &lo))
			return -1;
		hi = lo;
		if (*s == '-') {
			s++;
			if (parse_cpu(&s, &hi) || hi < lo)
				return -1;
		}
		for (c = lo; c <= hi; c++)
			m |= 1ULL << c;
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -1;
	}
	*mask = m;
	return 0;
}

void bh_format_cpulist(__u64 mask, char *buf, size_t len)
{
	size_t pos = 0;
	int c = 0, lo;

	if (len)
		buf[0] = '\0';
	while (c < 64 && len) {
		if (!(mask & (1ULL << c))) {
			c++;
			continue;
		}
		lo = c;
		while (c + 1 < 64 && (mask & (1ULL << (c + 1))))
			c++;
		pos += (size_t)snprintf(buf + pos, pos < len ? len - pos : 0,
					lo == c ? "%s%d" : "%s%d-%d",
					pos ? "," : "", lo, c);
		if (pos >= len)
			return;
		c++;
	}
}

const char *bh_sysfs_root(void)
{
	const char *e = getenv("BULKHEAD_SYSFS");

	return e && *e ? e : DEFAULT_SYSFS;
}

const char *bh_device_path(void)
{
	const char *e = getenv("BULKHEAD_DEVICE");

	return e && *e ? e : DEFAULT_DEVICE;
}

/*
 * The whole file in one malloc()ed buffer: malloc's alignment is what the
 * checker needs for the config structures.  There is always at least one
 * spare byte after the data, so callers may NUL-terminate text.
 */
int bh_read_file(const char *path, void **buf, size_t *size)
{
	size_t cap = 4096, n = 0, r;
	char *p, *q;
	FILE *f;
	int err = 0;

	p = malloc(cap);
	if (!p)
		return -ENOMEM;
	f = fopen(path, "rb");
	if (!f) {
		err = -errno;
		free(p);
		return err;
	}
	while ((r = fread(p + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n < cap)
			continue;
		if (cap * 2 > MAX_FILE_SIZE) {
			err = -EFBIG;
			goto out;
		}
		q = realloc(p, cap * 2);
		if (!q) {
			err = -ENOMEM;
			goto out;
		}
		p = q;
		cap *= 2;
	}
	if (ferror(f))
		err = -EIO;
out:
	fclose(f);
	if (err) {
		free(p);
		return err;
	}
	*buf = p;
	*size = n;
	return 0;
}

/* One sysfs value without its trailing newline. */
int bh_read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -errno;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int bh_read_cell_attr(int id, const char *attr, char *buf, size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/cells/%d/%s", bh_sysfs_root(), id,
		 attr);
	return bh_read_attr(path, buf, len);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Ids of all cells, sorted; returns how many (at most max) or -errno. */
int bh_list_cell_ids(int *ids, int max)
{
	char path[512];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "%s/cells", bh_sysfs_root());
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d)) && n < max)
		if (bh_is_number(de->d_name))
			ids[n++] = atoi(de->d_name);
	closedir(d);
	qsort(ids, (size_t)n, sizeof(*ids), cmp_int);
	return n;
}

/* A cell by id (a number that exists as cells/<id>) or else by name. */
int bh_find_cell(const char *arg, int *id)
{
	char name[BH_CELL_NAME_LEN + 8];
	int ids[256], n, i;

	n = bh_list_cell_ids(ids, 256);
	if (n < 0)
		return n;
	if (bh_is_number(arg)) {
		for (i = 0; i < n; i++)
			if (ids[i] == atoi(arg)) {
				*id = ids[i];
				return 0;
			}
	}
	for (i = 0; i < n; i++) {
		if (bh_read_cell_attr(ids[i], "name", name, sizeof(name)))
			continue;
		if (!strcmp(name, arg)) {
			*id = ids[i];
			return 0;
		}
	}
	return -ENOENT;
}

/* What a user can do about the errors the driver is known to return. */
const char *bh_errno_hint(enum bh_cmd_id cmd, int err)
{
	switch (err) {
	case ENODEV:
		if (cmd == BH_CMD_ENABLE)
			return "EL2 is not free: boot Linux with kvm-arm.mode=none";
		return "the hypervisor is not enabled: run 'bulkhead enable' first";
	case ENOENT:
		if (cmd == BH_CMD_ENABLE)
			return "the hypervisor image is missing from /lib/firmware: install it (the driver message names the file)";
		return NULL;
	case EBUSY:
		if (cmd == BH_CMD_ENABLE)
			return "the hypervisor is already enabled";
		if (cmd == BH_CMD_DISABLE)
			return "destroy all cells first ('bulkhead cell list')";
		return "the resource is in use: see 'bulkhead cell list'";
	case EPERM:
	case EACCES:
		return "run as root";
	case ENOMEM:
		return "the hypervisor's memory pool is exhausted or the config needs too much";
	case EEXIST:
		return "a cell with that name or those resources exists already";
	case ENOSYS:
		return "the hypervisor does not implement this call";
	default:
		return NULL;
	}
}
