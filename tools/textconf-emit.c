// SPDX-License-Identifier: GPL-2.0
/*
 * Printing a binary config as text (`bulkhead config show`).  What it
 * prints parses back into the same bytes: a key is left out only when the
 * parser would fill in exactly the value the binary has.
 */
#include <string.h>

#include "textconf-keys.h"

struct tc_emit {
	FILE *f;
	int sec_id;
	const void *base;
};

/* ---- values ------------------------------------------------------------ */

static void put_size(FILE *f, __u64 v)
{
	static const char units[] = "TGMK";
	int i;

	for (i = 0; i < 4 && v; i++) {
		unsigned int shift = 10 * (4 - (unsigned int)i);

		if (!(v & ((1ULL << shift) - 1))) {
			fprintf(f, "%llu%c", (unsigned long long)(v >> shift),
				units[i]);
			return;
		}
	}
	fprintf(f, v ? "0x%llx" : "%llu", (unsigned long long)v);
}

static void put_number(FILE *f, const struct tc_key *k, __u64 v)
{
	if (k->type == TC_SIZE)
		put_size(f, v);
	else if (k->type == TC_ADDR && v)
		fprintf(f, "0x%llx", (unsigned long long)v);
	else
		fprintf(f, "%llu", (unsigned long long)v);
}

static int is_safe(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("._+-/:@", c);
}

/* Up to the last non-NUL byte: bare if it can be, else quoted. */
static void put_string(FILE *f, const char *s, size_t width)
{
	size_t n = width, i;
	int bare;

	while (n && !s[n - 1])
		n--;
	bare = n > 0;
	for (i = 0; i < n; i++)
		bare = bare && s[i] && is_safe(s[i]);
	if (bare) {
		fprintf(f, "%.*s", (int)n, s);
		return;
	}
	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* Set bits as ranges: "0-3", "32-287", "3,54"; "none" if empty. */
static void put_set(FILE *f, const __u32 *words, unsigned int bits)
{
	unsigned int n = 0, lo;
	int first = 1;

#define BIT(i) (words[(i) / 32] & (1U << ((i) % 32)))
	while (n < bits) {
		if (!BIT(n)) {
			n++;
			continue;
		}
		lo = n;
		while (n + 1 < bits && BIT(n + 1))
			n++;
		fprintf(f, lo == n ? "%s%u" : "%s%u-%u", first ? "" : ",", lo,
			n);
		first = 0;
		n++;
	}
#undef BIT
	if (first)
		fputs("none", f);
}

static void put_flags(FILE *f, const struct tc_key *k, __u64 v)
{
	const struct tc_name *n = k->names;
	const char *sep = "";

	if (n == tc_mem_flags && (v & 7)) {
		fprintf(f, "%s%s%s", v & BH_MEM_READ ? "r" : "",
			v & BH_MEM_WRITE ? "w" : "",
			v & BH_MEM_EXECUTE ? "x" : "");
		v &= ~7ULL;
		sep = ", ";
	}
	for (; n && n->name; n++)
		if (n->val && (v & n->val) == n->val) {
			fprintf(f, "%s%s", sep, n->name);
			v &= ~n->val;
			sep = ", ";
		}
	if (v)
		fprintf(f, "%s0x%llx", sep, (unsigned long long)v);
	else if (!*sep)
		fputs("none", f);
}

static void put_enum(FILE *f, const struct tc_key *k, __u64 v)
{
	const struct tc_name *n;

	for (n = k->names; n && n->name; n++)
		if (n->val == v) {
			fputs(n->name, f);
			return;
		}
	fprintf(f, "%llu", (unsigned long long)v);
}

/* ---- which keys to print ------------------------------------------------ */

static int region_is_comm(const struct tc_emit *e)
{
	const struct bh_memory_region *r = e->base;

	return (e->sec_id == SEC_REGION || e->sec_id == SEC_HYPERVISOR) &&
	       (r->flags & BH_MEM_COMM_REGION);
}

/* What the parser fills in when the key is left out (numbers). */
static __u64 default_value(const struct tc_emit *e, const struct tc_key *k)
{
	const struct bh_memory_region *r = e->base;

	if (!strcmp(k->name, "revision"))
		return BH_CONFIG_REVISION;
	if (e->sec_id != SEC_REGION && e->sec_id != SEC_HYPERVISOR)
		return 0;
	if (k->off == offsetof(struct bh_memory_region, virt_start))
		return region_is_comm(e) ? BH_COMM_REGION_ADDR : r->phys_start;
	if (k->off == offsetof(struct bh_memory_region, size))
		return BH_PAGE_SIZE;
	return 0; /* phys of the comm region */
}

/* phys and size are required, except in the comm region. */
static int region_needs(const struct tc_emit *e, const struct tc_key *k)
{
	if (e->sec_id != SEC_REGION && e->sec_id != SEC_HYPERVISOR)
		return 0;
	if (region_is_comm(e))
		return 0;
	return k->off == offsetof(struct bh_memory_region, phys_start) ||
	       k->off == offsetof(struct bh_memory_region, size);
}

static int is_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		if (*c++)
			return 0;
	return 1;
}

static int wanted(const struct tc_emit *e, const struct tc_key *k)
{
	const char *field = (const char *)e->base + k->off;
	unsigned int i;

	if (k->flags & TK_REQUIRED)
		return 1;
	if (e->sec_id == SEC_CELL && !strcmp(k->name, "entry"))
		return 1;
	if (k->type != TC_DEVICE && region_needs(e, k))
		return 1;
	switch (k->type) {
	case TC_DEVICE:
		return 0;
	case TC_SIG:
		if (e->sec_id == SEC_SYSTEM)
			return memcmp(field, BH_SYSTEM_SIGNATURE,
				      BH_SIGNATURE_LEN);
		return memcmp(field, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN);
	case TC_STR:
	case TC_CPUS:
	case TC_IRQS:
	case TC_BYTES:
		return !is_zero(field, (size_t)k->width * tc_count(k));
	default:
		for (i = 0; i < tc_count(k); i++)
			if (tc_get(e->base, k, i) != default_value(e, k))
				return 1;
		return 0;
	}
}

static void put_elements(FILE *f, const struct tc_emit *e,
			 const struct tc_key *k)
{
	const char *field = (const char *)e->base + k->off;
	unsigned int i, n = tc_count(k);

	if ((k->flags & TK_ONE_FOR_ALL) && n == 2 &&
	    tc_get(e->base, k, 0) == tc_get(e->base, k, 1))
		n = 1;
	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		if (k->type == TC_STR || k->type == TC_SIG)
			put_string(f, field + i * k->width, k->width);
		else if (k->type == TC_ENUM)
			put_enum(f, k, tc_get(e->base, k, i));
		else
			put_number(f, k, tc_get(e->base, k, i));
	}
}

static void put_key(FILE *f, const struct tc_emit *e, const struct tc_key *k)
{
	const void *field = (const char *)e->base + k->off;

	fprintf(f, "%s = ", k->name);
	if (k->type == TC_CPUS)
		put_set(f, field, BH_MAX_CPUS);
	else if (k->type == TC_IRQS)
		put_set(f, field, BH_MAX_IRQS);
	else if (k->type == TC_FLAGS)
		put_flags(f, k, tc_get(e->base, k, 0));
	else
		put_elements(f, e, k);
	fputc('\n', f);
}

static void put_section(FILE *f, int sec_id, const void *base,
			const char *comment)
{
	const struct tc_section *sec = &tc_sections[sec_id];
	struct tc_emit e = { .f = f, .sec_id = sec_id, .base = base };
	unsigned int i;

	fprintf(f, "\n[%s]%s%s\n", sec->name, comment ? "\t# " : "",
		comment ? comment : "");
	for (i = 0; i < sec->num_keys; i++)
		if (wanted(&e, &sec->keys[i]))
			put_key(f, &e, &sec->keys[i]);
}

/* ---- whole configs ------------------------------------------------------ */

static void put_regions(FILE *f, const struct bh_cell_desc *cell)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	char comment[32];
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++) {
		snprintf(comment, sizeof(comment), "memory region %u", i);
		put_section(f, SEC_REGION, &mem[i], comment);
	}
}

static int emit_system(FILE *f, const struct bh_system_config *sys)
{
	const struct bh_channel_desc *ch = bh_system_channels(sys);
	unsigned int i;

	fputs("# Bulkhead system config (Documentation/config-format.md)\n", f);
	put_section(f, SEC_SYSTEM, sys, NULL);
	put_section(f, SEC_HYPERVISOR, &sys->hypervisor_memory, NULL);
	if (!is_zero(&sys->debug_console, sizeof(sys->debug_console)))
		put_section(f, SEC_CONSOLE, &sys->debug_console, NULL);
	put_section(f, SEC_GIC, &sys->platform, NULL);
	put_section(f, SEC_ROOT_CELL, &sys->root_cell, NULL);
	put_regions(f, &sys->root_cell);
	for (i = 0; i < sys->num_channels; i++)
		put_section(f, SEC_CHANNEL, &ch[i], NULL);
	return 0;
}

static int malformed(char *err, size_t len, const char *what)
{
	snprintf(err, len, "%s", what);
	return -1;
}

int bh_text_emit(FILE *f, const void *buf, size_t size, char *err,
		 size_t err_len)
{
	const struct bh_system_config *sys = buf;
	const struct bh_cell_desc *cell = buf;

	switch (bh_config_kind(buf, size)) {
	case BH_CONFIG_KIND_SYSTEM:
		if (size < sizeof(*sys) ||
		    sys->root_cell.num_memory_regions > BH_MAX_MEM_REGIONS ||
		    sys->num_channels > BH_MAX_CHANNELS ||
		    bh_system_config_size(sys) != size)
			return malformed(
				err, err_len,
				"a system config whose size does not match its num_memory_regions and num_channels (truncated or corrupt): run 'bulkhead config check' on it");
		return emit_system(f, sys);
	case BH_CONFIG_KIND_CELL:
		if (size < sizeof(*cell) ||
		    cell->num_memory_regions > BH_MAX_MEM_REGIONS ||
		    bh_cell_config_size(cell) != size)
			return malformed(
				err, err_len,
				"a cell config whose size does not match its num_memory_regions (truncated or corrupt): run 'bulkhead config check' on it");
		fputs("# Bulkhead cell config (Documentation/config-format.md)\n",
		      f);
		put_section(f, SEC_CELL, cell, NULL);
		put_regions(f, cell);
		return 0;
	default:
		return malformed(
			err, err_len,
			"not a binary Bulkhead config (no BHSYSCFG or BHCELCFG signature)");
	}
}
