// SPDX-License-Identifier: BSD-2-Clause
/* "key=value" command line from the comm region (or a bare-run blob) */
#include <inmate.h>

void cmdline_init(void);

static char cmdline[BH_CMDLINE_MAX];

static void copy_bounded(const volatile char *src, size_t max)
{
	size_t i;

	for (i = 0; i < max && i < sizeof(cmdline) - 1 && src[i]; i++)
		cmdline[i] = src[i];
	cmdline[i] = '\0';
}

/*
 * Copied once at start-up: the comm region page is shared with the
 * hypervisor and must not be parsed while it might change.
 */
void cmdline_init(void)
{
	const volatile char *bare = (const volatile char *)BARE_CMDLINE_ADDR;
	size_t mlen = sizeof(BARE_CMDLINE_MAGIC) - 1;
	size_t i;

	if (comm_region) {
		copy_bounded(comm_region->cmdline, BH_CMDLINE_MAX);
		return;
	}
	for (i = 0; i < mlen; i++)
		if (bare[i] != BARE_CMDLINE_MAGIC[i])
			return;
	copy_bounded(bare + mlen, BH_CMDLINE_MAX);
	/* A file loaded by QEMU usually ends in a newline */
	for (i = 0; cmdline[i]; i++)
		if (cmdline[i] == '\n' || cmdline[i] == '\r')
			cmdline[i] = ' ';
}

const char *cmdline_get(void)
{
	return cmdline;
}

/* Value of key (points into cmdline), "" for a bare flag, NULL if absent */
static const char *find_key(const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, klen) &&
		    (p[klen] == '=' || p[klen] == ' ' || !p[klen])) {
			const char *v = p + klen + (p[klen] == '=');

			*len = 0;
			while (v[*len] && v[*len] != ' ')
				(*len)++;
			return v;
		}
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

unsigned long cmdline_parse_int(const char *key, unsigned long def)
{
	const char *v;
	char *end;
	size_t len;
	unsigned long val;

	v = find_key(key, &len);
	if (!v || !len)
		return def;
	val = strtoul(v, &end, 0);
	return end == v ? def : val;
}

bool cmdline_parse_bool(const char *key, bool def)
{
	const char *v;
	size_t len;

	v = find_key(key, &len);
	if (!v)
		return def;
	if (!len)
		return true;
	return !(!strncmp(v, "0", len) || !strncmp(v, "off", len) ||
		 !strncmp(v, "no", len) || !strncmp(v, "false", len));
}

const char *cmdline_parse_str(const char *key, char *buf, size_t size,
			      const char *def)
{
	const char *v;
	size_t len;

	if (!size)
		return buf;
	v = find_key(key, &len);
	if (!v) {
		v = def ? def : "";
		len = strlen(v);
	}
	if (len > size - 1)
		len = size - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}
