/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text format's sections and keys, one table the parser and the printer
 * share: every key says where in which structure its value goes.
 */
#ifndef _BULKHEAD_TEXTCONF_KEYS_H
#define _BULKHEAD_TEXTCONF_KEYS_H

#include "textconf.h"

enum tc_type {
	TC_NUM,	   /* a number, printed in decimal */
	TC_ADDR,   /* a number, printed in hex */
	TC_SIZE,   /* a number, printed with a size suffix */
	TC_STR,	   /* a string, NUL-padded, at most width - 1 bytes */
	TC_SIG,	   /* a signature: at most width bytes */
	TC_CPUS,   /* a CPU list into a 64-bit mask */
	TC_IRQS,   /* an INTID list into the irq_bitmap words */
	TC_FLAGS,  /* flag names or numbers, ORed */
	TC_ENUM,   /* one name or a number */
	TC_BYTES,  /* a list of byte values */
	TC_DEVICE, /* a device-tree path, resolved while parsing */
};

/* Key flags */
#define TK_REQUIRED    0x01 /* the section needs it */
#define TK_ONE_FOR_ALL 0x02 /* one value sets every element */

struct tc_name {
	const char *name;
	__u64 val;
};

struct tc_key {
	const char *name;
	unsigned char type;
	unsigned char width;	     /* bytes of one element */
	unsigned char count;	     /* elements (0 means 1) */
	unsigned char flags;	     /* TK_* */
	unsigned short off;	     /* in the section's structure */
	const struct tc_name *names; /* TC_FLAGS, TC_ENUM; NULL-terminated */
	const char *hint;	     /* what to write, for errors */
};

enum tc_sec_id {
	SEC_SYSTEM,
	SEC_HYPERVISOR,
	SEC_CONSOLE,
	SEC_GIC,
	SEC_ROOT_CELL,
	SEC_CELL,
	SEC_REGION,
	SEC_CHANNEL,
	SEC_COUNT,
};

/* Which config kinds a section may appear in */
#define TS_SYSTEM 0x1
#define TS_CELL	  0x2

struct tc_section {
	const char *name;
	unsigned char kinds;
	unsigned char multi; /* may repeat */
	const struct tc_key *keys;
	unsigned int num_keys;
};

/* Key indexes the parser and the locator refer to by name */
enum tc_cell_key {
	CK_NAME,
	CK_CPUS,
	CK_FLAGS,
	CK_ENTRY,
	CK_IRQS,
	CK_VUART,
	CK_VUART_IRQ,
	CK_WATCHDOG,
	CK_BUDGET,
	CK_ON_TRAP, /* + BH_EVENT_* */
	CK_HEALTH_RESERVED = CK_ON_TRAP + BH_EVENT_COUNT,
	CK_VUART_FLAGS,
	CK_RESERVED,
	CK_SIGNATURE,
	CK_REVISION,
	CK_COUNT,
};

enum tc_region_key {
	RK_PHYS,
	RK_VIRT,
	RK_SIZE,
	RK_FLAGS,
	RK_DEVICE,
	RK_COUNT,
};

enum tc_system_key {
	SK_FLAGS,
	SK_RESERVED,
	SK_SIGNATURE,
	SK_REVISION,
	SK_COUNT,
};

enum tc_console_key {
	OK_TYPE,
	OK_ADDRESS,
	OK_SIZE,
	OK_FLAGS,
	OK_COUNT,
};

enum tc_gic_key {
	GK_VERSION,
	GK_MAINT,
	GK_GICD,
	GK_GICR,
	GK_GICC,
	GK_GICH,
	GK_GICV,
	GK_COUNT,
};

enum tc_channel_key {
	HK_NAME,
	HK_PEERS,
	HK_ADDRESS,
	HK_OUT_SIZE,
	HK_COMMON_SIZE,
	HK_DOORBELLS,
	HK_FLAGS,
	HK_RESERVED,
	HK_COUNT,
};

extern const struct tc_section tc_sections[SEC_COUNT];
extern const struct tc_name tc_mem_flags[];

/* The value of element i of a numeric key (little-endian host only). */
__u64 tc_get(const void *base, const struct tc_key *k, unsigned int i);
void tc_put(void *base, const struct tc_key *k, unsigned int i, __u64 v);
unsigned int tc_count(const struct tc_key *k);

#endif /* _BULKHEAD_TEXTCONF_KEYS_H */
