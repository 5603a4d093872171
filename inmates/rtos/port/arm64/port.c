// SPDX-License-Identifier: BSD-2-Clause
/*
 * arm64 port: EL1, one CPU, generic virtual timer (CNTV, PPI 27) as the
 * kernel's one-shot timer, the GIC through the inmate library.
 */
#include <inmate.h>
#include "kernel.h"

#define FRAME_WORDS	 34 /* x0-x30, ELR, SPSR, pad */
#define FRAME_ELR	 31
#define FRAME_SPSR	 32
#define SPSR_EL1H_IRQ_ON 0x345 /* EL1h; D, A, F masked; I clear */
#define ESR_EC(esr)	 (((esr) >> 26) & 0x3f)
#define ESR_EC_SVC64	 0x15
#define NR_IRQS		 1020

struct irq_slot {
	rtos_irq_handler_t handler;
	void *arg;
};

extern char rtos_vectors[];
void port_restore_frame(void *sp) __attribute__((noreturn));

static struct irq_slot irq_table[NR_IRQS];
static uint64_t counter_freq;

void port_init(void)
{
	irq_disable();
	write_sysreg(rtos_vectors, vbar_el1);
	isb();
	counter_freq = timer_get_frequency();
	timer_stop();
	gic_init();
	gic_enable_irq(TIMER_VIRT_IRQ);
}

port_flags_t port_irq_save(void)
{
	port_flags_t flags = read_sysreg(daif);

	irq_disable();
	return flags;
}

void port_irq_restore(port_flags_t flags)
{
	write_sysreg(flags, daif);
}

void port_yield(void)
{
	asm volatile("svc #0" ::: "memory");
}

rtos_time_t port_now(void)
{
	return timer_get_ticks();
}

uint64_t port_freq(void)
{
	return counter_freq;
}

void port_timer_set(rtos_time_t abs)
{
	if (abs == RTOS_TIME_NEVER)
		timer_stop();
	else
		timer_set_cval(abs);
}

void *port_stack_init(void *stack_top, void (*entry)(void *), void *arg)
{
	uint64_t *frame = (uint64_t *)stack_top - FRAME_WORDS;
	unsigned int i;

	for (i = 0; i < FRAME_WORDS; i++)
		frame[i] = 0;
	frame[0] = (uintptr_t)arg;
	frame[FRAME_ELR] = (uintptr_t)entry;
	frame[FRAME_SPSR] = SPSR_EL1H_IRQ_ON;
	return frame;
}

void port_start_first(void *sp)
{
	port_restore_frame(sp);
}

/*
 * Only the idle task, the lowest priority of all, gets here: a task set
 * that hangs never does, and the cell's watchdog (if it has one) fires.
 */
void port_idle(void)
{
	watchdog_kick();
	wfi();
}

int rtos_irq_attach(unsigned int irq, rtos_irq_handler_t handler, void *arg)
{
	port_flags_t flags;

	if (irq >= NR_IRQS || irq == TIMER_VIRT_IRQ)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	irq_table[irq].handler = handler;
	irq_table[irq].arg = arg;
	port_irq_restore(flags);
	if (handler)
		gic_enable_irq(irq);
	else
		gic_disable_irq(irq);
	return 0;
}

static void *handle_irq(void *sp)
{
	unsigned int irq;

	rtos_isr_enter();
	while ((irq = gic_ack_irq()) < NR_IRQS) {
		if (irq == TIMER_VIRT_IRQ)
			rtos_timer_interrupt();
		else if (irq_table[irq].handler)
			irq_table[irq].handler(irq, irq_table[irq].arg);
		gic_eoi_irq(irq);
	}
	if (rtos_isr_exit())
		return rtos_switch_context(sp);
	return sp;
}

static void __noreturn fatal(const char *kind, uint64_t *frame)
{
	printk("rtos: FATAL %s exception in task %s: ESR=%llx ELR=%llx "
	       "FAR=%llx\n",
	       kind, rtos_cur ? rtos_cur->name : "-", (u64)read_sysreg(esr_el1),
	       (u64)frame[FRAME_ELR], (u64)read_sysreg(far_el1));
	inmate_halt();
}

void *port_exception(unsigned long kind, void *sp)
{
	static const char *const names[] = { "sync", "irq", "fiq", "serror",
					     "unexpected" };

	if (kind == 1)
		return handle_irq(sp);
	if (kind == 0 && ESR_EC(read_sysreg(esr_el1)) == ESR_EC_SVC64)
		return rtos_switch_context(sp);
	fatal(names[kind < 5 ? kind : 4], sp);
}
