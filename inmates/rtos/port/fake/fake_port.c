// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host implementation of the port contract (see fake_port.h).  The saved
 * "stack pointer" of a task is a ucontext_t kept at the top of its stack.
 */
#include <assert.h>
#include <stdlib.h>
#include <ucontext.h>
#include "../../kernel/kernel.h"
#include "fake_port.h"

static rtos_time_t now;
static rtos_time_t deadline = RTOS_TIME_NEVER;
static rtos_time_t end_time;
static bool masked;
static ucontext_t main_ctx, boot_ctx;
static char boot_stack[64 * 1024];

void fake_reset(void)
{
	now = 0;
	deadline = RTOS_TIME_NEVER;
	masked = false;
}

rtos_time_t fake_timer_deadline(void)
{
	return deadline;
}

void port_init(void)
{
}

port_flags_t port_irq_save(void)
{
	port_flags_t old = masked;

	masked = true;
	return old;
}

void port_irq_restore(port_flags_t flags)
{
	masked = flags;
}

void port_yield(void)
{
	void *from = rtos_cur->sp;
	void *to = rtos_switch_context(from);

	bool was_masked = masked;

	/* Like an exception return, resuming restores the task's mask. */
	if (to != from) {
		swapcontext(from, to);
		masked = was_masked;
	}
}

rtos_time_t port_now(void)
{
	return now;
}

uint64_t port_freq(void)
{
	return FAKE_FREQ;
}

void port_timer_set(rtos_time_t abs)
{
	deadline = abs;
}

static void ctx_entry(unsigned int hi, unsigned int lo, unsigned int ahi,
		      unsigned int alo)
{
	void (*fn)(void *) = (void (*)(void *))(((uintptr_t)hi << 32) | lo);
	void *arg = (void *)(((uintptr_t)ahi << 32) | alo);

	masked = false; /* a task starts with interrupts enabled */
	fn(arg);
	abort();
}

void *port_stack_init(void *stack_top, void (*entry)(void *), void *arg)
{
	uintptr_t top = ((uintptr_t)stack_top - sizeof(ucontext_t)) & ~63ul;
	ucontext_t *uc = (ucontext_t *)top;
	uintptr_t f = (uintptr_t)entry, a = (uintptr_t)arg;
	struct rtos_task *t = arg; /* the kernel passes the task */

	getcontext(uc);
	uc->uc_stack.ss_sp = t->stack + 1;
	uc->uc_stack.ss_size = top - (uintptr_t)(t->stack + 1) - 64;
	uc->uc_link = NULL;
	makecontext(uc, (void (*)(void))ctx_entry, 4, (unsigned int)(f >> 32),
		    (unsigned int)f, (unsigned int)(a >> 32), (unsigned int)a);
	return uc;
}

static void boot_entry(void)
{
	rtos_start();
}

void port_start_first(void *sp)
{
	masked = false;
	setcontext(sp);
	abort();
}

static void stop_if_done(void)
{
	if (now >= end_time)
		setcontext(&main_ctx);
}

static void timer_fire(void)
{
	deadline = RTOS_TIME_NEVER;
	rtos_isr_enter();
	rtos_timer_interrupt();
	if (rtos_isr_exit())
		port_yield();
}

void port_idle(void)
{
	if (deadline == RTOS_TIME_NEVER || deadline >= end_time) {
		now = end_time;
		stop_if_done();
	}
	if (deadline > now)
		now = deadline;
	timer_fire();
}

void fake_busy(rtos_time_t ticks)
{
	rtos_time_t left = ticks;

	assert(!masked);
	while (left) {
		stop_if_done();
		if (deadline > now + left) {
			rtos_time_t step = left;

			if (now + step > end_time)
				step = end_time - now;
			now += step;
			left -= step;
			continue;
		}
		if (deadline > now) {
			left -= deadline - now;
			now = deadline;
		}
		timer_fire();
	}
}

void fake_irq(void (*fn)(void *arg), void *arg)
{
	rtos_isr_enter();
	fn(arg);
	if (rtos_isr_exit())
		port_yield();
}

void fake_run(rtos_time_t until)
{
	end_time = until;
	getcontext(&boot_ctx);
	boot_ctx.uc_stack.ss_sp = boot_stack;
	boot_ctx.uc_stack.ss_size = sizeof(boot_stack);
	boot_ctx.uc_link = NULL;
	makecontext(&boot_ctx, boot_entry, 0);
	swapcontext(&main_ctx, &boot_ctx);
}

static struct {
	rtos_irq_handler_t handler;
	void *arg;
} irqs[FAKE_NR_IRQS];

int rtos_irq_attach(unsigned int irq, rtos_irq_handler_t handler, void *arg)
{
	if (irq >= FAKE_NR_IRQS)
		return -RTOS_EINVAL;
	irqs[irq].handler = handler;
	irqs[irq].arg = arg;
	return 0;
}

static void raise_one(void *arg)
{
	unsigned int irq = (uintptr_t)arg;

	irqs[irq].handler(irq, irqs[irq].arg);
}

bool fake_irq_raise(unsigned int irq)
{
	if (irq >= FAKE_NR_IRQS || !irqs[irq].handler)
		return false;
	fake_irq(raise_one, (void *)(uintptr_t)irq);
	return true;
}
