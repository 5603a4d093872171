/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <hv/types.h>

/* Guest registers as the exception entry code saves them on the stack. */
struct trap_frame {
	u64 x[31];
	u64 pad;
};

struct trap_context {
	struct trap_frame *frame;
	u64 esr;
	u64 elr;
	u64 spsr;
	const char *why; /* for a refused trap: what was wrong */
};

enum trap_result {
	TRAP_HANDLED,
	TRAP_UNHANDLED, /* nobody knows this trap */
	TRAP_FORBIDDEN, /* known, but the cell may not do it */
};

enum trap_result handle_hvc(struct trap_context *ctx);
enum trap_result handle_smc(struct trap_context *ctx);
enum trap_result handle_sysreg(struct trap_context *ctx);
enum trap_result handle_dabt(struct trap_context *ctx);
bool mmio_guard_fixup(struct trap_frame *frame);

static inline void advance_pc(struct trap_context *ctx)
{
	ctx->elr += 4;
}

#endif
