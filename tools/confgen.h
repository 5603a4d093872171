/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `bulkhead config create`: configs generated from a device tree
 * (tools/confgen.c).  Pure: the caller reads the tree and the facts of
 * the running board, so the unit tests run it on the boards' DTBs.
 */
#ifndef _BULKHEAD_CONFGEN_H
#define _BULKHEAD_CONFGEN_H

#include <stddef.h>
#include <bulkhead/abi.h>
#include <bulkhead/config_check.h>

#define BH_GEN_MAX_DEVICES  16
#define BH_GEN_MAX_WARNINGS 32
#define BH_GEN_WARN_LEN	    240

struct bh_gen_opts {
	const char *cell; /* NULL: the system config */
	__u64 cpus;	  /* cell: its CPUs */
	__u64 mem;	  /* cell: its RAM */
	__u64 phys;	  /* cell: where its RAM is (0: first free) */
	__u64 virt;	  /* cell: where it sees it (~0: RAM base) */
	/* cell: devices it takes; system: devices kept for cells */
	const char *devices[BH_GEN_MAX_DEVICES];
	unsigned int num_devices;
	__u64 linux_mem; /* Linux's RAM (mem=), required */
	__u64 hv_base;	 /* the hypervisor image's link address */
	__u64 hv_size;	 /* its memory (0: 4 MiB) */
};

struct bh_gen {
	const void *fdt;
	const struct bh_gen_opts *o;
	int gic_node;
	struct bh_check_env env;      /* CPUs and RAM of the tree */
	__u64 cells_start, cells_end; /* RAM that is neither Linux's nor HV */
	struct bh_memory_region mem[BH_MAX_MEM_REGIONS];
	unsigned int num_mem;
	__u32 irqs[BH_IRQ_BITMAP_WORDS];
	unsigned int num_warnings;
	char warnings[BH_GEN_MAX_WARNINGS][BH_GEN_WARN_LEN];
	char err[256];
};

/*
 * Generate a config: 0 with *buf (malloc()ed) and *size, or -1 with the
 * reason in g->err.  Warnings are in g->warnings either way.
 */
int bh_gen_config(const void *fdt, const struct bh_gen_opts *o,
		  struct bh_gen *g, void **buf, size_t *size);

/* confgen.c internals shared with its parts */
void gen_warn(struct bh_gen *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int gen_fail(struct bh_gen *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int gen_compatible(const void *fdt, int node, const char *const *list);
int gen_is_dma_master(const void *fdt, int node);
int gen_is_uart(const void *fdt, int node);
int gen_is_device(struct bh_gen *g, int node);
int gen_add_region(struct bh_gen *g, __u64 phys, __u64 size, __u64 flags);
int gen_add_device(struct bh_gen *g, int node, __u64 flags);
int gen_system_parts(struct bh_gen *g, struct bh_system_config *sys, int full);

#endif /* _BULKHEAD_CONFGEN_H */
