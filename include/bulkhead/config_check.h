/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead config checker: one implementation (hypervisor/config_check.c)
 * compiled into the CLI, the Linux driver and the hypervisor.
 *
 * Every function reads at most `size` bytes of `buf`, never writes it, and
 * leaves one human-readable message in the report on failure.  The return
 * value is 0 or a negative BH_E* code:
 *
 *   -BH_EINVAL  the config is malformed or inconsistent in itself
 *   -BH_E2BIG   more memory regions than BH_MAX_MEM_REGIONS
 *   -BH_ERANGE  it names CPUs or memory the machine does not have
 *   -BH_EBUSY   it wants a CPU, memory or IRQ another cell already owns
 *   -BH_EEXIST  a cell with that name exists already
 *
 * Documentation/config-format.md lists every check with its fix.
 */
#ifndef _BULKHEAD_CONFIG_CHECK_H
#define _BULKHEAD_CONFIG_CHECK_H

#include "abi.h"

#define BH_CHECK_MSG_LEN   256
#define BH_CHECK_MAX_RAM   8
#define BH_PAGE_SIZE	   0x1000ULL
/* Stage-2 translation covers a 48-bit intermediate physical space. */
/* What stage 2 translates: hypervisor/arch/arm64/setup.c */
#define BH_STAGE2_IPA_BITS 40
#define BH_MAX_PHYS_ADDR   (1ULL << BH_STAGE2_IPA_BITS)

/* A physical address range [start, start + size). */
struct bh_check_range {
	__u64 start;
	__u64 size;
};

/*
 * Facts about the running machine that only the caller knows.  Zero (or -1
 * for calling_cpu) means "unknown": that check is skipped.  A NULL env skips
 * them all.
 */
struct bh_check_env {
	__u64 possible_cpus; /* bit n: CPU n exists */
	__u32 num_cpus;	     /* CPUs 0..num_cpus-1 exist */
	__s32 calling_cpu;   /* the CPU issuing the request */
	__u32 num_ram;	     /* valid entries in ram[] */
	__u32 reserved;
	struct bh_check_range ram[BH_CHECK_MAX_RAM];
};

struct bh_check_report {
	int error;		    /* same as the return value */
	char msg[BH_CHECK_MSG_LEN]; /* NUL-terminated, "" if fine */
};

/* Initialise an env with every fact unknown. */
void bh_check_env_init(struct bh_check_env *env);

/*
 * Check a complete system config (what `bulkhead enable` sends).  size is
 * the number of bytes available at buf.  rep may be NULL.
 */
int bh_check_system_config(const void *buf, __u64 size,
			   const struct bh_check_env *env,
			   struct bh_check_report *rep);

/*
 * Check a cell config against the running system: sys is the (already
 * checked) system config, other_cells the n_other non-root cells that exist,
 * each followed by its memory regions as in a file.  other_cells may be NULL
 * when n_other is 0; env and rep may be NULL.
 *
 * sys may be NULL when the caller does not know the system config (the CLI
 * before `cell create`): then everything that needs it (root-cell CPUs,
 * memory and IRQs, hypervisor memory, GIC frames, GIC version) is skipped
 * and only the cell itself and its conflicts with other_cells are checked.
 * The driver and the hypervisor always pass it.
 */
int bh_check_cell_config(const void *buf, __u64 size,
			 const struct bh_system_config *sys,
			 const struct bh_cell_desc *const *other_cells,
			 unsigned int n_other, const struct bh_check_env *env,
			 struct bh_check_report *rep);

/*
 * Which of the two signatures buf starts with: 1 system, 2 cell, 0 neither
 * (or too short).  Lets a tool pick the right check for any file.
 */
#define BH_CONFIG_KIND_NONE   0
#define BH_CONFIG_KIND_SYSTEM 1
#define BH_CONFIG_KIND_CELL   2
int bh_config_kind(const void *buf, __u64 size);

/* Which peer of channel ch a cell called cell_name is: 0, 1 or -1 (none). */
int bh_channel_side(const struct bh_channel_desc *ch, const char *cell_name);

#endif /* _BULKHEAD_CONFIG_CHECK_H */
