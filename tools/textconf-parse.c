// SPDX-License-Identifier: GPL-2.0
/*
 * Text config parser: line by line, `[section]` and `key = value`, into the
 * same structures a C config compiles to.  Every error stops the parse with
 * the line, the column, the key and what to write instead.
 *
 * The input is never NUL-terminated nor trusted: every scan is bounded by
 * the end of the text, lines may be of any length, and nothing is copied
 * except into fixed fields whose limits are checked first.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "textconf-keys.h"

#define SHOW_MAX 40 /* characters of a bad value quoted in errors */

/* Every section's keys fit the position map and the `seen` mask. */
_Static_assert(CK_COUNT <= BH_TEXT_MAX_KEYS && RK_COUNT <= BH_TEXT_MAX_KEYS &&
		       SK_COUNT <= BH_TEXT_MAX_KEYS &&
		       OK_COUNT <= BH_TEXT_MAX_KEYS &&
		       GK_COUNT <= BH_TEXT_MAX_KEYS &&
		       HK_COUNT <= BH_TEXT_MAX_KEYS && BH_TEXT_MAX_KEYS <= 32,
	       "raise BH_TEXT_MAX_KEYS (at most 32)");

struct tc_build {
	union {
		struct bh_system_config sys;
		struct bh_cell_desc cell;
	} h;
	struct bh_memory_region mem[BH_MAX_MEM_REGIONS];
	struct bh_channel_desc ch[BH_MAX_CHANNELS];
};

struct tc_parser {
	const char *cur, *end; /* the rest of the text */
	const char *line_start;
	unsigned int line;
	struct bh_text_result *res;
	struct tc_build *b;
	bh_text_resolve_fn *resolve;
	void *ctx;
	int kind;		    /* BH_CONFIG_KIND_*, once known */
	int sec_id;		    /* current section, -1 before any */
	void *base;		    /* its structure */
	struct bh_text_secmap *map; /* its positions */
	__u32 seen;		    /* its keys given so far */
	int has_device;		    /* region: from the device tree */
	unsigned int secs_seen;	    /* singleton sections so far */
	unsigned int num_regions;
	unsigned int num_channels;
};

/* A value's item: a bare word or a "quoted string". */
struct tc_item {
	const char *s, *e;
	int quoted;
};

static int tc_error(struct tc_parser *p, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int tc_error(struct tc_parser *p, const char *at, const char *fmt, ...)
{
	va_list ap;

	p->res->pos.line = p->line ? p->line : 1;
	p->res->pos.col = at ? (unsigned int)(at - p->line_start) + 1 : 1;
	va_start(ap, fmt);
	vsnprintf(p->res->msg, sizeof(p->res->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* At most SHOW_MAX characters of an item, and "..." if it is longer. */
#define SHOW(it)                                                            \
	(int)((it)->e - (it)->s > SHOW_MAX ? SHOW_MAX : (it)->e - (it)->s), \
		(it)->s, (it)->e - (it)->s > SHOW_MAX ? "..." : ""

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	return s;
}

/* ---- lists of items ------------------------------------------------- */

static int scan_quoted(struct tc_parser *p, const struct tc_key *k,
		       const char **cur, const char *end)
{
	const char *s = *cur + 1;

	while (s < end && *s != '"')
		s += (*s == '\\' && s + 1 < end) ? 2 : 1;
	if (s >= end)
		return tc_error(p, *cur,
				"%s: unterminated string: add the closing \"",
				k->name);
	*cur = s + 1;
	return 0;
}

/*
 * The next item of a list; items are separated by commas and/or blanks.
 * 1: one more in it, 0: the end, -1: an error.
 */
static int next_item(struct tc_parser *p, const struct tc_key *k,
		     const char **cur, const char *end, struct tc_item *it)
{
	const char *s = skip_blanks(*cur, end);

	if (s >= end)
		return 0;
	if (*s == ',')
		return tc_error(p, s,
				"%s: an empty item in the list: remove the extra comma",
				k->name);
	it->s = s;
	it->quoted = *s == '"';
	if (it->quoted) {
		if (scan_quoted(p, k, &s, end))
			return -1;
	} else {
		while (s < end && *s != ',' && *s != '"' && !is_blank(*s))
			s++;
	}
	it->e = s;
	s = skip_blanks(s, end);
	if (s < end && *s == ',') {
		s = skip_blanks(s + 1, end);
		if (s >= end)
			return tc_error(p, s,
					"%s: the list ends with a comma: remove it or add the item",
					k->name);
	} else if (s < end && (*s == '"' || it->quoted)) {
		return tc_error(p, s,
				"%s: expected a comma or the end of the line here",
				k->name);
	}
	*cur = s;
	return 1;
}

static int item_is(const struct tc_item *it, const char *word)
{
	size_t n = strlen(word);

	return !it->quoted && (size_t)(it->e - it->s) == n &&
	       !memcmp(it->s, word, n);
}

/* ---- numbers --------------------------------------------------------- */

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* K, M, G, T (also KiB ...; k for K): the shift, or -1. */
static int suffix_shift(const char *s, const char *e)
{
	static const char units[] = "KMGT";
	const char *u;
	size_t n = (size_t)(e - s);

	if (!n)
		return 0;
	if (n != 1 && !(n == 3 && s[1] == 'i' && s[2] == 'B'))
		return -1;
	if (*s == 'k')
		return 10;
	u = memchr(units, *s, 4);
	return u ? 10 * (int)(u - units + 1) : -1;
}

static int bad_number(struct tc_parser *p, const struct tc_key *k,
		      const struct tc_item *it)
{
	return tc_error(p, it->s,
			"%s: '%.*s%s' is not a number: write it in decimal, in hex (0x1000) or as a size (4K, 16M, 1G); %s is %s",
			k->name, SHOW(it), k->name, k->hint);
}

static int too_big(struct tc_parser *p, const struct tc_key *k,
		   const struct tc_item *it)
{
	return tc_error(p, it->s,
			"%s: '%.*s%s' does not fit in 64 bits: check the digits",
			k->name, SHOW(it));
}

/* One number of an item between s and e (part of a range, or all of it). */
static int parse_u64(struct tc_parser *p, const struct tc_key *k,
		     const struct tc_item *it, const char *s, const char *e,
		     __u64 *val)
{
	unsigned int base = 10;
	const char *d;
	__u64 v = 0;
	int shift;

	if (it->quoted)
		return tc_error(p, it->s,
				"%s: a number, not a string: drop the quotes",
				k->name);
	if (s < e && *s == '-')
		return tc_error(p, s,
				"%s: negative numbers mean nothing here: %s",
				k->name, k->hint);
	if (e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (d = s; d < e && digit_value(*d) < (int)base; d++) {
		if (v > (~0ULL - (__u64)digit_value(*d)) / base)
			return too_big(p, k, it);
		v = v * base + (__u64)digit_value(*d);
	}
	shift = suffix_shift(d, e);
	if (d == s || shift < 0)
		return bad_number(p, k, it);
	if (shift && v > (~0ULL >> shift))
		return too_big(p, k, it);
	*val = v << shift;
	return 0;
}

static __u64 width_max(unsigned int width)
{
	return width >= 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
}

static int parse_number(struct tc_parser *p, const struct tc_key *k,
			const struct tc_item *it, __u64 *val)
{
	if (parse_u64(p, k, it, it->s, it->e, val))
		return -1;
	if (*val > width_max(k->width))
		return tc_error(p, it->s,
				"%s: %.*s%s is too large: at most %llu (0x%llx)",
				k->name, SHOW(it),
				(unsigned long long)width_max(k->width),
				(unsigned long long)width_max(k->width));
	return 0;
}

/* ---- strings --------------------------------------------------------- */

static int unescape(struct tc_parser *p, const struct tc_key *k, const char **s,
		    const char *e, char *c)
{
	const char *q = *s + 1;

	if (q < e && (*q == '\\' || *q == '"')) {
		*c = *q;
		*s = q + 1;
		return 0;
	}
	if (e - q >= 3 && *q == 'x' && digit_value(q[1]) < 16 &&
	    digit_value(q[2]) < 16) {
		*c = (char)(digit_value(q[1]) * 16 + digit_value(q[2]));
		*s = q + 3;
		return 0;
	}
	return tc_error(p, *s,
			"%s: unknown escape in a string: use \\\\, \\\" or \\xNN",
			k->name);
}

static int too_long(struct tc_parser *p, const struct tc_key *k,
		    const struct tc_item *it, size_t max)
{
	return tc_error(p, it->s,
			"%s: '%.*s%s' is too long: at most %zu characters",
			k->name, SHOW(it), k->type == TC_STR ? max - 1 : max);
}

/* Decode an item into dst (max bytes); the rest of dst stays zero. */
static int decode_string(struct tc_parser *p, const struct tc_key *k,
			 const struct tc_item *it, char *dst, size_t max)
{
	const char *s = it->s, *e = it->e;
	size_t n = 0;
	char c = 0;

	if (it->quoted) {
		s++;
		e--;
	}
	while (s < e) {
		if (it->quoted && *s == '\\') {
			if (unescape(p, k, &s, e, &c))
				return -1;
		} else {
			c = *s++;
		}
		if (n == max)
			return too_long(p, k, it, max);
		dst[n++] = c;
	}
	/* a name may fill its field only if a \x00 ends it before */
	if (k->type == TC_STR && n == max && !memchr(dst, 0, n))
		return too_long(p, k, it, max);
	if (!n && !it->quoted)
		return tc_error(p, it->s, "%s: empty: %s", k->name, k->hint);
	return 0;
}

/* ---- values of each type ----------------------------------------------- */

static int parse_list_num(struct tc_parser *p, const struct tc_key *k,
			  const struct tc_item *it, __u64 limit, __u64 *lo,
			  __u64 *hi)
{
	const char *dash = NULL;

	if (it->e - it->s > 1)
		dash = memchr(it->s + 1, '-', (size_t)(it->e - it->s - 1));

	if (parse_u64(p, k, it, it->s, dash ? dash : it->e, lo))
		return -1;
	*hi = *lo;
	if (dash && parse_u64(p, k, it, dash + 1, it->e, hi))
		return -1;
	if (*hi > limit)
		return tc_error(p, it->s, "%s: %.*s%s: at most %llu: %s",
				k->name, SHOW(it), (unsigned long long)limit,
				k->hint);
	if (*hi < *lo)
		return tc_error(p, it->s,
				"%s: the range %.*s%s goes backwards: write LOW-HIGH",
				k->name, SHOW(it));
	return 0;
}

/* cpus and irqs: "3", "1-2,5", or "none". */
static int parse_set(struct tc_parser *p, const struct tc_key *k, const char *v,
		     const char *e)
{
	__u64 limit = k->type == TC_CPUS ? BH_MAX_CPUS - 1 : BH_MAX_IRQS - 1;
	__u32 *bitmap = (__u32 *)((char *)p->base + k->off);
	struct tc_item it;
	__u64 lo, hi, n;
	int r;

	while ((r = next_item(p, k, &v, e, &it)) > 0) {
		if (item_is(&it, "none"))
			continue;
		if (parse_list_num(p, k, &it, limit, &lo, &hi))
			return -1;
		for (n = lo; n <= hi; n++)
			bitmap[n / 32] |= 1U << (n % 32);
	}
	return r;
}

static int lookup_name(const struct tc_name *names, const struct tc_item *it,
		       __u64 *val)
{
	for (; names && names->name; names++)
		if (item_is(it, names->name)) {
			*val = names->val;
			return 0;
		}
	return -1;
}

/* r, w, x in any order: the access bits. */
static int access_letters(const struct tc_item *it, __u64 *val)
{
	const char *s;

	*val = 0;
	for (s = it->s; s < it->e; s++) {
		if (*s == 'r')
			*val |= BH_MEM_READ;
		else if (*s == 'w')
			*val |= BH_MEM_WRITE;
		else if (*s == 'x')
			*val |= BH_MEM_EXECUTE;
		else
			return -1;
	}
	return it->quoted ? -1 : 0;
}

static void list_names(const struct tc_name *n, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (; n && n->name && pos < len; n++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s%s",
					pos ? ", " : "", n->name);
}

static int parse_name_or_number(struct tc_parser *p, const struct tc_key *k,
				const struct tc_item *it, __u64 *val)
{
	char names[160];

	if (it->e > it->s && digit_value(*it->s) < 10)
		return parse_number(p, k, it, val);
	if (!lookup_name(k->names, it, val))
		return 0;
	if (k->names == tc_mem_flags && !access_letters(it, val))
		return 0;
	list_names(k->names, names, sizeof(names));
	return tc_error(p, it->s, "%s: unknown %s '%.*s%s': use %s%s", k->name,
			k->type == TC_FLAGS ? "flag" : "value", SHOW(it), names,
			k->type == TC_FLAGS ? " or a number" : " or a number");
}

static int parse_flags(struct tc_parser *p, const struct tc_key *k,
		       const char *v, const char *e)
{
	struct tc_item it;
	__u64 all = 0, one;
	int r;

	while ((r = next_item(p, k, &v, e, &it)) > 0) {
		if (item_is(&it, "none"))
			continue;
		if (parse_name_or_number(p, k, &it, &one))
			return -1;
		all |= one;
	}
	if (r)
		return r;
	tc_put(p->base, k, 0, all);
	return 0;
}

/* The items of a key with count elements, into items[]. */
static int split(struct tc_parser *p, const struct tc_key *k, const char *v,
		 const char *e, struct tc_item *items, unsigned int *n)
{
	unsigned int max = tc_count(k);
	struct tc_item it;
	int r;

	*n = 0;
	while ((r = next_item(p, k, &v, e, &it)) > 0) {
		if (*n == max)
			return tc_error(p, it.s,
					"%s: too many values: it takes %u (%s)",
					k->name, max, k->hint);
		items[(*n)++] = it;
	}
	return r;
}

/*
 * A signature may be spelt out, but only as the one its section already
 * has: another would make a file whose binary no tool takes back.
 */
static int parse_string(struct tc_parser *p, const struct tc_key *k,
			const struct tc_item *item, unsigned int i)
{
	char *dst = (char *)p->base + k->off + i * k->width;
	char want[BH_SIGNATURE_LEN];

	if (k->type == TC_SIG)
		memcpy(want, dst, sizeof(want));
	memset(dst, 0, k->width);
	if (decode_string(p, k, item, dst, k->width))
		return -1;
	if (k->type == TC_SIG && memcmp(dst, want, sizeof(want))) {
		memcpy(dst, want, sizeof(want));
		return tc_error(p, item->s, "%s: must be %s", k->name, k->hint);
	}
	return 0;
}

static int parse_elements(struct tc_parser *p, const struct tc_key *k,
			  const char *v, const char *e)
{
	struct tc_item items[16];
	unsigned int n, i, count = tc_count(k);
	__u64 val;
	int err;

	if (split(p, k, v, e, items, &n))
		return -1;
	if (n < count && k->type != TC_BYTES &&
	    !(n == 1 && (k->flags & TK_ONE_FOR_ALL)))
		return tc_error(p, v, "%s: %u values needed, %u given: %s",
				k->name, count, n, k->hint);
	for (i = 0; i < count && i < n; i++) {
		if (k->type == TC_STR || k->type == TC_SIG) {
			if (parse_string(p, k, &items[i], i))
				return -1;
			continue;
		}
		if (k->type == TC_ENUM)
			err = parse_name_or_number(p, k, &items[i], &val);
		else
			err = parse_number(p, k, &items[i], &val);
		if (err)
			return -1;
		tc_put(p->base, k, i, val);
	}
	for (; i < count && k->type != TC_BYTES && n; i++)
		tc_put(p->base, k, i, tc_get(p->base, k, 0));
	return 0;
}

/* ---- devices by device-tree path --------------------------------------- */

static void add_irqs(struct tc_parser *p, const struct bh_text_device *dev)
{
	struct bh_cell_desc *cell = p->kind == BH_CONFIG_KIND_SYSTEM ?
					    &p->b->h.sys.root_cell :
					    &p->b->h.cell;
	unsigned int i;

	for (i = 0; i < dev->num_irqs && i < BH_TEXT_MAX_DEV_IRQS; i++)
		if (dev->irqs[i] < BH_MAX_IRQS)
			cell->irq_bitmap[dev->irqs[i] / 32] |=
				1U << (dev->irqs[i] % 32);
}

static int parse_device(struct tc_parser *p, const struct tc_key *k,
			const char *v, const char *e)
{
	struct bh_memory_region *r = p->base;
	struct bh_text_device dev = { 0 };
	struct tc_item it;
	char path[256] = "", why[160] = "";

	if (p->sec_id != SEC_REGION)
		return tc_error(p, v, "device: only a [region] can be a device");
	if (split(p, k, v, e, &it, &(unsigned int){ 0 }) ||
	    decode_string(p, k, &it, path, sizeof(path) - 1))
		return -1;
	if (!p->resolve)
		return tc_error(p, v,
				"device: no device tree to look '%s' up in: give phys and size instead, or compile on the board (or with --dtb)",
				path);
	if (p->resolve(p->ctx, path, &dev, why, sizeof(why)))
		return tc_error(p, v, "device: '%s': %s", path, why);
	r->phys_start = dev.address & ~(BH_PAGE_SIZE - 1);
	r->size = ((dev.address + dev.size + BH_PAGE_SIZE - 1) &
		   ~(BH_PAGE_SIZE - 1)) -
		  r->phys_start;
	p->has_device = 1;
	add_irqs(p, &dev);
	return 0;
}

static int parse_value(struct tc_parser *p, const struct tc_key *k,
		       const char *v, const char *e)
{
	switch (k->type) {
	case TC_CPUS:
	case TC_IRQS:
		return parse_set(p, k, v, e);
	case TC_FLAGS:
		return parse_flags(p, k, v, e);
	case TC_DEVICE:
		return parse_device(p, k, v, e);
	default:
		return parse_elements(p, k, v, e);
	}
}

/* ---- sections ---------------------------------------------------------- */

static const struct tc_key *sec_keys(const struct tc_parser *p)
{
	return tc_sections[p->sec_id].keys;
}

static int missing(struct tc_parser *p, const struct tc_key *k)
{
	p->res->pos = p->map->sec;
	snprintf(p->res->msg, sizeof(p->res->msg),
		 "%s: [%s] on line %u has no %s: add %s = ... (%s)", k->name,
		 tc_sections[p->sec_id].name, p->map->sec.line, k->name,
		 k->name, k->hint);
	return -1;
}

static int finish_region(struct tc_parser *p)
{
	struct bh_memory_region *r = p->base;
	const struct tc_key *k = sec_keys(p);
	int comm = !!(r->flags & BH_MEM_COMM_REGION);

	if (p->has_device && (p->seen & (1U << RK_PHYS | 1U << RK_SIZE)))
		return tc_error(p, NULL,
				"device: [%s] on line %u has a device and phys or size: keep one way",
				tc_sections[p->sec_id].name, p->map->sec.line);
	if (!(p->seen & (1U << RK_PHYS)) && !comm && !p->has_device)
		return missing(p, &k[RK_PHYS]);
	if (!(p->seen & (1U << RK_SIZE)) && !p->has_device) {
		if (!comm)
			return missing(p, &k[RK_SIZE]);
		r->size = BH_PAGE_SIZE;
	}
	if (!(p->seen & (1U << RK_VIRT)))
		r->virt_start = comm ? BH_COMM_REGION_ADDR : r->phys_start;
	return 0;
}

static int finish_section(struct tc_parser *p)
{
	const struct tc_section *sec = &tc_sections[p->sec_id];
	unsigned int i;

	if (p->sec_id == SEC_REGION && p->has_device &&
	    !(p->seen & (1U << RK_FLAGS))) {
		((struct bh_memory_region *)p->base)->flags = BH_MEM_READ |
							      BH_MEM_WRITE |
							      BH_MEM_IO;
		p->seen |= 1U << RK_FLAGS;
	}
	for (i = 0; i < sec->num_keys; i++)
		if ((sec->keys[i].flags & TK_REQUIRED) && !(p->seen & (1U << i)))
			return missing(p, &sec->keys[i]);
	if (p->sec_id == SEC_CELL && !(p->seen & (1U << CK_ENTRY)))
		return missing(p, &sec->keys[CK_ENTRY]);
	if (p->sec_id == SEC_REGION || p->sec_id == SEC_HYPERVISOR)
		return finish_region(p);
	return 0;
}

static void start_kind(struct tc_parser *p, int id)
{
	struct bh_cell_desc *cell = &p->b->h.cell;

	if (id == SEC_SYSTEM) {
		p->kind = BH_CONFIG_KIND_SYSTEM;
		memcpy(p->b->h.sys.signature, BH_SYSTEM_SIGNATURE,
		       BH_SIGNATURE_LEN);
		p->b->h.sys.revision = BH_CONFIG_REVISION;
		cell = &p->b->h.sys.root_cell;
	} else {
		p->kind = BH_CONFIG_KIND_CELL;
	}
	memcpy(cell->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN);
	cell->revision = BH_CONFIG_REVISION;
}

static void enter_section(struct tc_parser *p, int id, const char *at)
{
	struct bh_text_map *m = &p->res->map;
	struct bh_system_config *sys = &p->b->h.sys;
	void *bases[SEC_COUNT] = {
		[SEC_SYSTEM] = sys,
		[SEC_HYPERVISOR] = &sys->hypervisor_memory,
		[SEC_CONSOLE] = &sys->debug_console,
		[SEC_GIC] = &sys->platform,
		[SEC_ROOT_CELL] = &sys->root_cell,
		[SEC_CELL] = &p->b->h.cell,
	};
	struct bh_text_secmap *maps[SEC_COUNT] = {
		[SEC_SYSTEM] = &m->system,   [SEC_HYPERVISOR] = &m->hypervisor,
		[SEC_CONSOLE] = &m->console, [SEC_GIC] = &m->gic,
		[SEC_ROOT_CELL] = &m->cell,  [SEC_CELL] = &m->cell,
	};

	p->sec_id = id;
	p->seen = 0;
	p->has_device = 0;
	p->base = bases[id];
	p->map = maps[id];
	if (id == SEC_REGION) {
		p->base = &p->b->mem[p->num_regions];
		p->map = &m->region[p->num_regions++];
	} else if (id == SEC_CHANNEL) {
		p->base = &p->b->ch[p->num_channels];
		p->map = &m->channel[p->num_channels++];
	}
	p->secs_seen |= 1U << id;
	p->map->sec.line = p->line;
	p->map->sec.col = (unsigned int)(at - p->line_start) + 1;
}

static int find_section(const char *s, size_t n)
{
	int i;

	for (i = 0; i < SEC_COUNT; i++)
		if (strlen(tc_sections[i].name) == n &&
		    !memcmp(tc_sections[i].name, s, n))
			return i;
	return -1;
}

static int check_section(struct tc_parser *p, int id, const char *at)
{
	const struct tc_section *sec = &tc_sections[id];
	int kind_bit = p->kind == BH_CONFIG_KIND_SYSTEM ? TS_SYSTEM : TS_CELL;

	if (!(sec->kinds & kind_bit))
		return tc_error(p, at,
				"[%s] belongs in a %s config, and this is a %s config (it starts with [%s])",
				sec->name,
				sec->kinds & TS_SYSTEM ? "system" : "cell",
				kind_bit == TS_SYSTEM ? "system" : "cell",
				kind_bit == TS_SYSTEM ? "system" : "cell");
	if (!sec->multi && (p->secs_seen & (1U << id)))
		return tc_error(p, at, "a second [%s]: merge it into the first",
				sec->name);
	if (id == SEC_REGION && p->num_regions == BH_MAX_MEM_REGIONS)
		return tc_error(p, at,
				"more than %u [region]s: merge adjacent regions",
				BH_MAX_MEM_REGIONS);
	if (id == SEC_CHANNEL && p->num_channels == BH_MAX_CHANNELS)
		return tc_error(p, at, "more than %u [channel]s",
				BH_MAX_CHANNELS);
	return 0;
}

static int section_line(struct tc_parser *p, const char *s, const char *e)
{
	const char *name = skip_blanks(s + 1, e), *ne;
	int id;

	if (e[-1] != ']')
		return tc_error(p, e, "a section header needs its closing ]");
	for (ne = e - 1; ne > name && is_blank(ne[-1]); ne--)
		;
	id = find_section(name, (size_t)(ne - name));
	if (id < 0)
		return tc_error(p, name,
				"unknown section [%.*s]: use [cell] and [region] in a cell config; [system], [hypervisor], [console], [gic], [root-cell], [region] and [channel] in a system config",
				(int)(ne - name > SHOW_MAX ? SHOW_MAX :
							     ne - name),
				name);
	if (p->kind == BH_CONFIG_KIND_NONE) {
		if (id != SEC_SYSTEM && id != SEC_CELL)
			return tc_error(p, s,
					"[%s] before [cell] or [system]: a config starts with one of the two",
					tc_sections[id].name);
		start_kind(p, id);
	}
	if (check_section(p, id, s))
		return -1;
	if (p->sec_id >= 0 && finish_section(p))
		return -1;
	enter_section(p, id, s);
	return 0;
}

/* ---- keys -------------------------------------------------------------- */

/* Edit distance between a typed word and a key, for "did you mean". */
static unsigned int distance(const char *a, size_t na, const char *b)
{
	unsigned int row[SHOW_MAX + 1], i, j, diag, up;
	size_t nb = strlen(b);

	if (na > SHOW_MAX || nb > SHOW_MAX)
		return ~0U;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[nb];
}

static int unknown_key(struct tc_parser *p, const char *k, const char *ke)
{
	const struct tc_section *sec = &tc_sections[p->sec_id];
	const char *best = NULL;
	unsigned int i, d, best_d = 3;
	char keys[400], hint[64] = "";
	size_t pos = 0;

	keys[0] = '\0';
	for (i = 0; i < sec->num_keys && pos < sizeof(keys); i++) {
		pos += (size_t)snprintf(keys + pos, sizeof(keys) - pos, "%s%s",
					i ? ", " : "", sec->keys[i].name);
		d = distance(k, (size_t)(ke - k), sec->keys[i].name);
		if (d < best_d) {
			best_d = d;
			best = sec->keys[i].name;
		}
	}
	if (best)
		snprintf(hint, sizeof(hint), "did you mean '%s'? ", best);
	return tc_error(p, k, "unknown key '%.*s' in [%s]: %sthe keys are %s",
			(int)(ke - k > SHOW_MAX ? SHOW_MAX : ke - k), k,
			sec->name, hint, keys);
}

static int is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int key_line(struct tc_parser *p, const char *s, const char *e)
{
	const char *ke = s, *v;
	unsigned int i;

	while (ke < e && is_key_char(*ke))
		ke++;
	v = skip_blanks(ke, e);
	if (ke == s || v >= e || *v != '=')
		return tc_error(p, ke == s ? s : v,
				"expected 'key = value' or a [section] here");
	if (p->sec_id < 0)
		return tc_error(p, s,
				"'%.*s' before any section: start the file with [cell] or [system]",
				(int)(ke - s > SHOW_MAX ? SHOW_MAX : ke - s), s);
	for (i = 0; i < tc_sections[p->sec_id].num_keys; i++)
		if (strlen(sec_keys(p)[i].name) == (size_t)(ke - s) &&
		    !memcmp(sec_keys(p)[i].name, s, (size_t)(ke - s)))
			break;
	if (i == tc_sections[p->sec_id].num_keys)
		return unknown_key(p, s, ke);
	if (p->seen & (1U << i))
		return tc_error(p, s,
				"%s is set twice in this [%s] (first on line %u): keep one",
				sec_keys(p)[i].name, tc_sections[p->sec_id].name,
				p->map->key[i].line);
	v = skip_blanks(v + 1, e);
	if (v >= e)
		return tc_error(p, v, "%s: no value: write %s",
				sec_keys(p)[i].name, sec_keys(p)[i].hint);
	if (parse_value(p, &sec_keys(p)[i], v, e))
		return -1;
	p->seen |= 1U << i;
	p->map->key[i].line = p->line;
	p->map->key[i].col = (unsigned int)(s - p->line_start) + 1;
	return 0;
}

/* ---- lines ------------------------------------------------------------- */

/* The end of the line's content: a # outside quotes, or the line's end. */
static const char *content_end(const char *s, const char *e)
{
	int quoted = 0;

	for (; s < e; s++) {
		if (quoted && *s == '\\' && s + 1 < e)
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (*s == '#' && !quoted)
			break;
	}
	return s;
}

static int check_bytes(struct tc_parser *p, const char *s, const char *e)
{
	for (; s < e; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return tc_error(p, s,
					"byte 0x%02x: this is not a text config (binary configs start with BHSYSCFG or BHCELCFG)",
					c);
	}
	return 0;
}

static int parse_line(struct tc_parser *p, const char *s, const char *e)
{
	if (e > s && e[-1] == '\r')
		e--;
	if (check_bytes(p, s, e))
		return -1;
	s = skip_blanks(s, e);
	e = content_end(s, e);
	while (e > s && is_blank(e[-1]))
		e--;
	if (s == e)
		return 0;
	if (*s == '[')
		return section_line(p, s, e);
	return key_line(p, s, e);
}

/* ---- the whole file ---------------------------------------------------- */

static int required_sections(struct tc_parser *p)
{
	static const int need[] = { SEC_HYPERVISOR, SEC_GIC, SEC_ROOT_CELL };
	unsigned int i;

	if (p->kind == BH_CONFIG_KIND_NONE) {
		p->line = 1;
		p->line_start = NULL;
		return tc_error(p, NULL,
				"no [cell] or [system] section: this file is empty or only comments; a cell config starts with [cell], a system config with [system]");
	}
	if (p->kind != BH_CONFIG_KIND_SYSTEM)
		return 0;
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!(p->secs_seen & (1U << need[i]))) {
			p->res->pos = p->res->map.system.sec;
			snprintf(p->res->msg, sizeof(p->res->msg),
				 "[%s]: the system config has no [%s] section: add it (Documentation/config-format.md)",
				 tc_sections[need[i]].name,
				 tc_sections[need[i]].name);
			return -1;
		}
	return 0;
}

static int assemble(struct tc_parser *p)
{
	struct tc_build *b = p->b;
	size_t hdr, mem = p->num_regions * sizeof(b->mem[0]);
	char *out;

	if (p->kind == BH_CONFIG_KIND_SYSTEM) {
		b->h.sys.root_cell.num_memory_regions = p->num_regions;
		b->h.sys.num_channels = p->num_channels;
		hdr = sizeof(b->h.sys);
	} else {
		b->h.cell.num_memory_regions = p->num_regions;
		hdr = sizeof(b->h.cell);
	}
	p->res->size = hdr + mem + p->num_channels * sizeof(b->ch[0]);
	out = calloc(1, p->res->size);
	if (!out)
		return tc_error(p, NULL, "out of memory");
	memcpy(out, &b->h, hdr);
	memcpy(out + hdr, b->mem, mem);
	memcpy(out + hdr + mem, b->ch, p->num_channels * sizeof(b->ch[0]));
	p->res->buf = out;
	p->res->kind = p->kind;
	return 0;
}

static int parse_all(struct tc_parser *p)
{
	while (p->cur < p->end) {
		const char *nl = memchr(p->cur, '\n', (size_t)(p->end - p->cur));
		const char *eol = nl ? nl : p->end;

		p->line++;
		p->line_start = p->cur;
		if (parse_line(p, p->cur, eol))
			return -1;
		p->cur = nl ? nl + 1 : p->end;
	}
	p->line_start = p->cur;
	if (p->sec_id >= 0 && finish_section(p))
		return -1;
	if (required_sections(p))
		return -1;
	return assemble(p);
}

int bh_text_parse(const char *text, size_t len, bh_text_resolve_fn *resolve,
		  void *ctx, struct bh_text_result *res)
{
	struct tc_parser p = {
		.cur = text,
		.end = text + len,
		.line_start = text,
		.res = res,
		.resolve = resolve,
		.ctx = ctx,
		.sec_id = -1,
	};
	int err;

	memset(res, 0, sizeof(*res));
	p.b = calloc(1, sizeof(*p.b));
	if (!p.b) {
		snprintf(res->msg, sizeof(res->msg), "out of memory");
		return -1;
	}
	if (len && !text)
		len = 0;
	err = parse_all(&p);
	free(p.b);
	if (err) {
		free(res->buf);
		res->buf = NULL;
		res->size = 0;
	}
	return err ? -1 : 0;
}

int bh_text_is_binary(const void *buf, size_t size)
{
	return size >= BH_SIGNATURE_LEN &&
	       (!memcmp(buf, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_LEN) ||
		!memcmp(buf, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN));
}

void bh_text_free(struct bh_text_result *res)
{
	free(res->buf);
	res->buf = NULL;
}
