/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/types.h>

static inline u32 mmio_read32(vaddr_t addr)
{
	return *(volatile u32 *)addr;
}

static inline void mmio_write32(vaddr_t addr, u32 val)
{
	*(volatile u32 *)addr = val;
}

static inline u64 mmio_read64(vaddr_t addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write64(vaddr_t addr, u64 val)
{
	*(volatile u64 *)addr = val;
}

/* A trapped guest access, decoded from the abort syndrome. */
struct mmio_access {
	gpaddr_t address; /* guest-physical */
	u64 value;
	unsigned int size; /* bytes: 1, 2, 4, 8 */
	bool is_write;
	const char *why; /* MMIO_DENIED: what was wrong, or NULL */
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_UNHANDLED, /* nobody emulates this address */
	MMIO_DENIED,	/* emulated, but the cell may not do this */
	MMIO_FAULTED,	/* allowed, but the bus refused it */
};

struct cell;
typedef enum mmio_result (*mmio_handler_t)(struct cell *cell, void *arg,
					   struct mmio_access *acc);

struct mmio_region {
	gpaddr_t start;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

int mmio_region_register(struct cell *cell, gpaddr_t start, u64 size,
			 mmio_handler_t handler, void *arg);
enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *acc);

/*
 * Pass an access a cell may make straight to the device, at the
 * hypervisor's address; false if the bus refused it (the hypervisor
 * survives such a fault, see arch/arm64/mmio-guard.S; the cell must not).
 */
bool __must_check mmio_perform(struct mmio_access *acc, vaddr_t hv_addr);

static inline enum mmio_result mmio_pass(struct mmio_access *acc,
					 vaddr_t hv_addr)
{
	return mmio_perform(acc, hv_addr) ? MMIO_HANDLED : MMIO_FAULTED;
}

#endif
