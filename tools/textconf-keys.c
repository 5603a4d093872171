// SPDX-License-Identifier: GPL-2.0
/*
 * The sections and keys of the text config format.  Documentation/
 * config-format.md describes each; a key added here is parsed and printed
 * with no other change.
 */
#include <stddef.h>
#include <string.h>

#include "textconf-keys.h"

#define K(nm, ty, st, fld, fl, hnt)                                      \
	{                                                                \
		.name = nm, .type = ty, .width = sizeof(((st *)0)->fld), \
		.flags = fl, .off = offsetof(st, fld), .hint = hnt,      \
	}

#define KN(nm, ty, st, fld, fl, nms, hnt)                                \
	{                                                                \
		.name = nm, .type = ty, .width = sizeof(((st *)0)->fld), \
		.flags = fl, .off = offsetof(st, fld), .names = nms,     \
		.hint = hnt,                                             \
	}

static const struct tc_name cell_flags[] = {
	{ "console", BH_CELL_CONSOLE },
	{ "direct-irq", BH_CELL_DIRECT_IRQ },
	{ NULL, 0 },
};

static const struct tc_name sys_flags[] = {
	{ "root-halt-stops-all", BH_SYS_ROOT_HALT_STOPS_ALL },
	{ NULL, 0 },
};

/* The access bits also have the short forms r, w, x (rw, rwx, ...). */
const struct tc_name tc_mem_flags[] = {
	{ "read", BH_MEM_READ },
	{ "write", BH_MEM_WRITE },
	{ "execute", BH_MEM_EXECUTE },
	{ "dma", BH_MEM_DMA },
	{ "io", BH_MEM_IO },
	{ "comm", BH_MEM_COMM_REGION },
	{ "loadable", BH_MEM_LOADABLE },
	{ "rootshared", BH_MEM_ROOTSHARED },
	{ "assignable", BH_MEM_ASSIGNABLE },
	{ "dma-master", BH_MEM_DMA_MASTER },
	{ "console", BH_MEM_CONSOLE },
	{ NULL, 0 },
};

static const struct tc_name console_types[] = {
	{ "none", BH_CONSOLE_NONE },
	{ "pl011", BH_CONSOLE_PL011 },
	{ "cadence", BH_CONSOLE_CADENCE },
	{ NULL, 0 },
};

static const struct tc_name actions[] = {
	{ "stop", BH_ACTION_STOP },
	{ "restart", BH_ACTION_RESTART },
	{ "notify", BH_ACTION_NOTIFY },
	{ NULL, 0 },
};

#define CD struct bh_cell_desc
#define ACTION(nm, ev)                                                       \
	{                                                                    \
		.name = nm, .type = TC_ENUM, .width = 1,                     \
		.off = offsetof(CD, health.action) + (ev), .names = actions, \
		.hint = "stop, restart or notify",                           \
	}

static const struct tc_key cell_keys[CK_COUNT] = {
	[CK_NAME] = K("name", TC_STR, CD, name, TK_REQUIRED,
		      "a name of 1 to 31 characters, e.g. name = rtos"),
	[CK_CPUS] = K("cpus", TC_CPUS, CD, cpu_set, TK_REQUIRED,
		      "Linux CPU numbers, e.g. cpus = 3 or cpus = 1-2,3"),
	[CK_FLAGS] = KN("flags", TC_FLAGS, CD, flags, 0, cell_flags,
			"console and/or direct-irq"),
	[CK_ENTRY] =
		K("entry", TC_ADDR, CD, entry, 0,
		  "the guest address of the first instruction, e.g. entry = 0x40000000"),
	[CK_IRQS] =
		K("irqs", TC_IRQS, CD, irq_bitmap, 0,
		  "interrupt IDs (INTID = SPI + 32), e.g. irqs = 54 or irqs = 32-63"),
	[CK_VUART] =
		K("vuart", TC_ADDR, CD, vuart.address, 0,
		  "the virtual UART's guest address, a page of its own, e.g. vuart = 0x09000000"),
	[CK_VUART_IRQ] =
		K("vuart_irq", TC_NUM, CD, vuart.irq, 0,
		  "the vUART's SPI (INTID), also listed in irqs, e.g. vuart_irq = 252"),
	[CK_WATCHDOG] = K("watchdog_ms", TC_NUM, CD, health.watchdog_ms, 0,
			  "milliseconds, 0 for none"),
	[CK_BUDGET] = K("restart_budget", TC_NUM, CD, health.restart_budget, 0,
			"how many restarts, e.g. restart_budget = 3"),
	[CK_ON_TRAP + BH_EVENT_TRAP] = ACTION("on_trap", BH_EVENT_TRAP),
	[CK_ON_TRAP + BH_EVENT_ACCESS] = ACTION("on_access", BH_EVENT_ACCESS),
	[CK_ON_TRAP +
		BH_EVENT_WATCHDOG] = ACTION("on_watchdog", BH_EVENT_WATCHDOG),
	[CK_ON_TRAP + BH_EVENT_SYSTEM_OFF] = ACTION("on_system_off",
						    BH_EVENT_SYSTEM_OFF),
	[CK_ON_TRAP +
		BH_EVENT_REPORTED] = ACTION("on_reported", BH_EVENT_REPORTED),
	[CK_HEALTH_RESERVED] = { .name = "health_reserved",
				 .type = TC_BYTES,
				 .width = 1,
				 .count = 13,
				 .off = offsetof(CD, health.reserved),
				 .hint = "13 byte values, all 0" },
	[CK_VUART_FLAGS] = K("vuart_flags", TC_NUM, CD, vuart.flags, 0, "0"),
	[CK_RESERVED] = K("reserved", TC_NUM, CD, reserved, 0, "0"),
	[CK_SIGNATURE] = K("signature", TC_SIG, CD, signature, 0,
			   "\"BHCELCFG\" (leave it out)"),
	[CK_REVISION] = K("revision", TC_NUM, CD, revision, 0,
			  "3 (leave it out)"),
};

#define MR struct bh_memory_region
static const struct tc_key region_keys[RK_COUNT] = {
	[RK_PHYS] = K("phys", TC_ADDR, MR, phys_start, 0,
		      "the physical start address, e.g. phys = 0x73000000"),
	[RK_VIRT] = K("virt", TC_ADDR, MR, virt_start, 0,
		      "where the cell sees it (default: phys)"),
	[RK_SIZE] = K("size", TC_SIZE, MR, size, 0,
		      "bytes, a multiple of 4K, e.g. size = 1M"),
	[RK_FLAGS] =
		KN("flags", TC_FLAGS, MR, flags, TK_REQUIRED, tc_mem_flags,
		   "access r, w, x (e.g. rwx) and read, write, execute, dma, io, comm, loadable, rootshared, assignable, dma-master, console"),
	[RK_DEVICE] = { .name = "device",
			.type = TC_DEVICE,
			.hint = "a device-tree path, e.g. device = /axi/serial@ff010000" },
};

#define SC struct bh_system_config
static const struct tc_key system_keys[SK_COUNT] = {
	[SK_FLAGS] = KN("flags", TC_FLAGS, SC, flags, 0, sys_flags,
			"root-halt-stops-all"),
	[SK_RESERVED] = K("reserved", TC_NUM, SC, reserved, 0, "0"),
	[SK_SIGNATURE] = K("signature", TC_SIG, SC, signature, 0,
			   "\"BHSYSCFG\" (leave it out)"),
	[SK_REVISION] = K("revision", TC_NUM, SC, revision, 0,
			  "3 (leave it out)"),
};

#define CO struct bh_console
static const struct tc_key console_keys[OK_COUNT] = {
	[OK_TYPE] = KN("type", TC_ENUM, CO, type, TK_REQUIRED, console_types,
		       "none, pl011 or cadence"),
	[OK_ADDRESS] =
		K("address", TC_ADDR, CO, address, 0,
		  "the UART's physical address, e.g. address = 0x09000000"),
	[OK_SIZE] = K("size", TC_SIZE, CO, size, 0, "its registers, e.g. 4K"),
	[OK_FLAGS] = K("flags", TC_NUM, CO, flags, 0, "0"),
};

#define PL struct bh_platform
static const struct tc_key gic_keys[GK_COUNT] = {
	[GK_VERSION] = K("version", TC_NUM, PL, gic_version, TK_REQUIRED,
			 "2 (GIC-400) or 3"),
	[GK_MAINT] = K("maintenance_irq", TC_NUM, PL, maintenance_irq,
		       TK_REQUIRED, "the maintenance PPI, usually 25"),
	[GK_GICD] = K("gicd", TC_ADDR, PL, gicd_base, 0, "the distributor"),
	[GK_GICR] = K("gicr", TC_ADDR, PL, gicr_base, 0,
		      "the redistributors (GICv3)"),
	[GK_GICC] = K("gicc", TC_ADDR, PL, gicc_base, 0,
		      "the CPU interface (GICv2)"),
	[GK_GICH] = K("gich", TC_ADDR, PL, gich_base, 0,
		      "the virtual interface control (GICv2)"),
	[GK_GICV] = K("gicv", TC_ADDR, PL, gicv_base, 0,
		      "the virtual CPU interface (GICv2)"),
};

#define CH struct bh_channel_desc
static const struct tc_key channel_keys[HK_COUNT] = {
	[HK_NAME] = K("name", TC_STR, CH, name, TK_REQUIRED,
		      "a name of 1 to 31 characters"),
	[HK_PEERS] = { .name = "peers",
		       .type = TC_STR,
		       .width = 32,
		       .count = 2,
		       .flags = TK_REQUIRED,
		       .off = offsetof(CH, peer),
		       .hint = "two cell names, e.g. peers = linux, rtos" },
	[HK_ADDRESS] = K("address", TC_ADDR, CH, address, TK_REQUIRED,
			 "a page-aligned physical address in RAM kept for cells"),
	[HK_OUT_SIZE] = { .name = "out_size",
			  .type = TC_SIZE,
			  .width = 8,
			  .count = 2,
			  .flags = TK_REQUIRED | TK_ONE_FOR_ALL,
			  .off = offsetof(CH, out_size),
			  .hint = "each peer's output area, e.g. 64K or 64K, 4K" },
	[HK_COMMON_SIZE] = K("common_size", TC_SIZE, CH, common_size, 0,
			     "a multiple of 4K, may be 0"),
	[HK_DOORBELLS] = { .name = "doorbell_irqs",
			   .type = TC_NUM,
			   .width = 4,
			   .count = 2,
			   .flags = TK_REQUIRED,
			   .off = offsetof(CH, doorbell_irq),
			   .hint = "two free SPIs (INTIDs), e.g. 248, 249" },
	[HK_FLAGS] = K("flags", TC_NUM, CH, flags, 0, "0"),
	[HK_RESERVED] = K("reserved", TC_NUM, CH, reserved, 0, "0"),
};

#define SEC(nm, kd, mu, tbl)                                       \
	{                                                          \
		.name = nm, .kinds = kd, .multi = mu, .keys = tbl, \
		.num_keys = sizeof(tbl) / sizeof(tbl[0]),          \
	}

const struct tc_section tc_sections[SEC_COUNT] = {
	[SEC_SYSTEM] = SEC("system", TS_SYSTEM, 0, system_keys),
	[SEC_HYPERVISOR] = SEC("hypervisor", TS_SYSTEM, 0, region_keys),
	[SEC_CONSOLE] = SEC("console", TS_SYSTEM, 0, console_keys),
	[SEC_GIC] = SEC("gic", TS_SYSTEM, 0, gic_keys),
	[SEC_ROOT_CELL] = SEC("root-cell", TS_SYSTEM, 0, cell_keys),
	[SEC_CELL] = SEC("cell", TS_CELL, 0, cell_keys),
	[SEC_REGION] = SEC("region", TS_SYSTEM | TS_CELL, 1, region_keys),
	[SEC_CHANNEL] = SEC("channel", TS_SYSTEM, 1, channel_keys),
};

unsigned int tc_count(const struct tc_key *k)
{
	return k->count ? k->count : 1;
}

__u64 tc_get(const void *base, const struct tc_key *k, unsigned int i)
{
	__u64 v = 0;

	memcpy(&v, (const char *)base + k->off + i * k->width, k->width);
	return v;
}

void tc_put(void *base, const struct tc_key *k, unsigned int i, __u64 v)
{
	memcpy((char *)base + k->off + i * k->width, &v, k->width);
}
