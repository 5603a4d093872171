// SPDX-License-Identifier: GPL-2.0
/*
 * The shared checker on a text config: it checks the binary the parser
 * built, and its message is pointed back at the line that wrote the field
 * it names.  The checker's messages say which item is wrong ("memory region
 * 2", "channel 'x'", "cpu_set", "platform.gicd_base"); the parser kept the
 * position of every section and key, so each item maps to a line.
 */
#include <stdlib.h>
#include <string.h>

#include "textconf-keys.h"

/* A phrase in a checker message and the key it is about. */
struct tc_clue {
	const char *words;
	int key;
	int sec; /* system clues: the key's section */
};

static const struct tc_clue cell_clues[] = {
	{ "vuart.irq", CK_VUART_IRQ, 0 },
	{ "vuart.flags", CK_VUART_FLAGS, 0 },
	{ "vuart", CK_VUART, 0 },
	{ "cpu_set", CK_CPUS, 0 },
	{ "CPU ", CK_CPUS, 0 },
	{ "irq_bitmap", CK_IRQS, 0 },
	{ "IRQ ", CK_IRQS, 0 },
	{ "entry", CK_ENTRY, 0 },
	{ "name", CK_NAME, 0 },
	{ "unknown flags", CK_FLAGS, 0 },
	{ "BH_CELL_DIRECT_IRQ", CK_FLAGS, 0 },
	{ "health.watchdog_ms", CK_WATCHDOG, 0 },
	{ "health.reserved", CK_HEALTH_RESERVED, 0 },
	{ "health", CK_WATCHDOG, 0 },
	{ "revision", CK_REVISION, 0 },
	{ "signature", CK_SIGNATURE, 0 },
	{ NULL, 0, 0 },
};

static const struct tc_clue region_clues[] = {
	{ "has size 0", RK_SIZE, 0 },
	{ "unknown flags", RK_FLAGS, 0 },
	{ "grants no access", RK_FLAGS, 0 },
	{ "IO and LOADABLE", RK_FLAGS, 0 },
	{ "comm region", RK_FLAGS, 0 },
	{ "ASSIGNABLE and DMA_MASTER", RK_FLAGS, 0 },
	{ "ROOTSHARED", RK_FLAGS, 0 },
	{ "CONSOLE", RK_FLAGS, 0 },
	{ "virt_start", RK_VIRT, 0 },
	{ "guest", RK_VIRT, 0 },
	{ NULL, RK_PHYS, 0 },
};

static const struct tc_clue system_clues[] = {
	{ "platform.gic_version", GK_VERSION, SEC_GIC },
	{ "platform.maintenance_irq", GK_MAINT, SEC_GIC },
	{ "platform.gicd_base", GK_GICD, SEC_GIC },
	{ "platform.gicr_base", GK_GICR, SEC_GIC },
	{ "platform", GK_GICC, SEC_GIC },
	{ "debug_console", OK_TYPE, SEC_CONSOLE },
	{ "hypervisor_memory", RK_PHYS, SEC_HYPERVISOR },
	{ "reserved", SK_RESERVED, SEC_SYSTEM },
	{ "flags", SK_FLAGS, SEC_SYSTEM },
	{ "revision", SK_REVISION, SEC_SYSTEM },
	{ "signature", SK_SIGNATURE, SEC_SYSTEM },
	{ NULL, 0, 0 },
};

static const struct tc_clue channel_clues[] = {
	{ "doorbell", HK_DOORBELLS, 0 }, { "out_size", HK_OUT_SIZE, 0 },
	{ "peer", HK_PEERS, 0 },	 { "name", HK_NAME, 0 },
	{ "flags", HK_FLAGS, 0 },	 { NULL, HK_ADDRESS, 0 },
};

static const struct tc_clue *find_clue(const struct tc_clue *c, const char *m)
{
	for (; c->words; c++)
		if (strstr(m, c->words))
			return c;
	return c;
}

/* The key's position if it was written, else its section's. */
static struct bh_text_pos key_pos(const struct bh_text_secmap *sm, int sec_id,
				  int key, const char **name)
{
	*name = tc_sections[sec_id].keys[key].name;
	return sm->key[key].line ? sm->key[key] : sm->sec;
}

static const char *after_prefix(const char *msg, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(msg, prefix, n) ? NULL : msg + n;
}

/* "channel 'NAME': ...": the channel by name. */
static struct bh_text_pos locate_channel(const struct bh_text_result *res,
					 const char *msg, const char **key)
{
	const struct bh_system_config *sys = res->buf;
	const struct bh_channel_desc *ch = bh_system_channels(sys);
	const char *end = strstr(msg, "': ");
	unsigned int i;

	for (i = 0; end && i < sys->num_channels; i++) {
		size_t n = (size_t)(end - msg);

		if (n < BH_CHANNEL_NAME_LEN && !strncmp(ch[i].name, msg, n) &&
		    !ch[i].name[n])
			return key_pos(&res->map.channel[i], SEC_CHANNEL,
				       find_clue(channel_clues, end)->key, key);
	}
	return res->map.system.sec;
}

static const struct bh_cell_desc *cell_of(const struct bh_text_result *res)
{
	const struct bh_system_config *sys = res->buf;

	if (res->kind == BH_CONFIG_KIND_SYSTEM)
		return &sys->root_cell;
	return res->buf;
}

static struct bh_text_pos locate_region(const struct bh_text_result *res,
					const char *body, const char **key)
{
	unsigned long n = strtoul(body, NULL, 10);

	const struct bh_memory_region *r;
	int k;

	if (n >= BH_MAX_MEM_REGIONS || !res->map.region[n].sec.line)
		return res->map.cell.sec;
	k = find_clue(region_clues, body)->key;
	if (strstr(body, "not 4 KiB aligned")) {
		/* the field that is not aligned */
		r = &bh_cell_mem_regions(cell_of(res))[n];
		if (r->size & (BH_PAGE_SIZE - 1))
			k = RK_SIZE;
		else if (r->virt_start & (BH_PAGE_SIZE - 1))
			k = RK_VIRT;
	}
	return key_pos(&res->map.region[n], SEC_REGION, k, key);
}

static struct bh_text_pos locate_system(const struct bh_text_result *res,
					const char *body, const char **key)
{
	const struct tc_clue *c = find_clue(system_clues, body);
	const struct bh_text_secmap *maps[] = {
		[SEC_SYSTEM] = &res->map.system,
		[SEC_HYPERVISOR] = &res->map.hypervisor,
		[SEC_CONSOLE] = &res->map.console,
		[SEC_GIC] = &res->map.gic,
	};
	if (!c->words)
		return res->map.system.sec;
	return key_pos(maps[c->sec], c->sec, c->key, key);
}

struct bh_text_pos bh_text_locate(const struct bh_text_result *res,
				  const char *msg, const char **key)
{
	const char *body, *rest;
	int cell_sec = res->kind == BH_CONFIG_KIND_SYSTEM ? SEC_ROOT_CELL :
							    SEC_CELL;

	*key = NULL;
	rest = after_prefix(msg, "channel '");
	if (rest && res->kind == BH_CONFIG_KIND_SYSTEM)
		return locate_channel(res, rest, key);
	body = after_prefix(msg, "system config: ");
	if (body)
		return locate_system(res, body, key);
	body = strstr(msg, ": ");
	body = body ? body + 2 : msg;
	rest = after_prefix(body, "memory region ");
	if (rest)
		return locate_region(res, rest, key);
	if (find_clue(cell_clues, body)->words)
		return key_pos(&res->map.cell, cell_sec,
			       find_clue(cell_clues, body)->key, key);
	return res->map.cell.sec.line ? res->map.cell.sec : res->map.system.sec;
}

int bh_text_check(struct bh_text_result *res, const struct bh_check_env *env)
{
	struct bh_check_report rep = { 0 };
	const char *key;
	int err;

	if (res->kind == BH_CONFIG_KIND_SYSTEM)
		err = bh_check_system_config(res->buf, res->size, env, &rep);
	else
		err = bh_check_cell_config(res->buf, res->size, NULL, NULL, 0,
					   env, &rep);
	if (!err)
		return 0;
	res->pos = bh_text_locate(res, rep.msg, &key);
	if (!res->pos.line)
		res->pos.line = 1;
	if (!res->pos.col)
		res->pos.col = 1;
	snprintf(res->msg, sizeof(res->msg), "%s%s%s", key ? key : "",
		 key ? ": " : "", rep.msg);
	return err;
}
