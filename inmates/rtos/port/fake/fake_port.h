/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fake port for host unit tests: a discrete-event simulation of one CPU.
 * Tasks are ucontext coroutines on their own stacks, time is a counter the
 * simulation advances (1 tick = 1 us), and "interrupts" happen only when
 * the idle task waits or a task burns time with fake_busy().
 */
#ifndef _RTOS_FAKE_PORT_H
#define _RTOS_FAKE_PORT_H

#include <rtos.h>

#define FAKE_FREQ 1000000ull

/* Run the kernel (rtos_start) until simulated time reaches until. */
void fake_run(rtos_time_t until);
/* Consume CPU time in the current task; timer interrupts may preempt. */
void fake_busy(rtos_time_t ticks);
/* Run fn as an interrupt handler now, with deferred reschedule at exit. */
void fake_irq(void (*fn)(void *arg), void *arg);
/* Run the handler rtos_irq_attach() gave irq like fake_irq(); false if none */
#define FAKE_NR_IRQS 1020
bool fake_irq_raise(unsigned int irq);
/* Reset the clock to 0 (call before rtos_init in each test). */
void fake_reset(void);
rtos_time_t fake_timer_deadline(void);

#endif
