/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel-internal interfaces: lists, scheduler core, and the contract with
 * the port layer (port/<arch>/ on the target, port/fake/ for host tests).
 */
#ifndef _RTOS_KERNEL_H
#define _RTOS_KERNEL_H

#include <rtos.h>

#ifndef RTOS_HEAP_SIZE
#define RTOS_HEAP_SIZE (64 * 1024)
#endif
#ifndef RTOS_IDLE_STACK
#define RTOS_IDLE_STACK 2048
#endif
#ifndef RTOS_TIMER_STACK
#define RTOS_TIMER_STACK 4096
#endif
#define RTOS_STACK_PAINT  0x5a5a5a5a5a5a5a5aULL
#define RTOS_STACK_CANARY 0xdeadbeefcafef00dULL
#define RTOS_TIME_NEVER	  (~(rtos_time_t)0)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr)-offsetof(type, member)))

/* ---- intrusive doubly linked lists ------------------------------------ */
static inline void list_init(struct rtos_list *l)
{
	l->next = l;
	l->prev = l;
}

static inline bool list_empty(const struct rtos_list *l)
{
	return l->next == l;
}

static inline void list_insert_before(struct rtos_list *pos, struct rtos_list *n)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void list_add_tail(struct rtos_list *head, struct rtos_list *n)
{
	list_insert_before(head, n);
}

static inline void list_del(struct rtos_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

#define list_first(head, type, member) \
	(list_empty(head) ? NULL : container_of((head)->next, type, member))

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

/* ---- port contract ------------------------------------------------------ */
typedef unsigned long port_flags_t;

/* Set up vectors, interrupt controller and timer (from rtos_init). */
void port_init(void);
port_flags_t port_irq_save(void);
void port_irq_restore(port_flags_t flags);
/*
 * Switch to whatever rtos_switch_context() picks.  Called from task context,
 * possibly with interrupts masked; returns when the caller runs again.
 */
void port_yield(void);
rtos_time_t port_now(void);
uint64_t port_freq(void);
/* Program the one-shot kernel timer for abs (RTOS_TIME_NEVER: off). */
void port_timer_set(rtos_time_t abs);
/* Build the first context of a task; returns its initial sp. */
void *port_stack_init(void *stack_top, void (*entry)(void *), void *arg);
void port_start_first(void *sp) __attribute__((noreturn));
/* Wait for an interrupt (idle task). */
void port_idle(void);

/*
 * Channels (channel.c).  port_chan_open finds the channel called name and
 * fills ch->port, own, own_size, peer, peer_size, peer_name, irq and side:
 * 0, or -RTOS_ENOENT.  The rest may be called with interrupts masked.
 */
int port_chan_open(struct rtos_chan *ch, const char *name);
void port_chan_ring(const struct rtos_chan *ch);
uint32_t port_chan_peer_state(const struct rtos_chan *ch);
uint32_t port_chan_peer_starts(const struct rtos_chan *ch);

/* Called by the port: */
void *rtos_switch_context(void *sp); /* pick next task, irqs masked */
void rtos_timer_interrupt(void);     /* kernel timer fired (ISR) */
void rtos_isr_enter(void);
bool rtos_isr_exit(void); /* true: switch before returning */

/* ---- scheduler core (task.c) ------------------------------------------ */
extern struct rtos_task *rtos_cur;
extern unsigned int rtos_isr_nesting;
extern rtos_time_t rtos_slice;

void sched_ready(struct rtos_task *t);
void sched_unready(struct rtos_task *t);
void sched_resched(void);
void sched_prio_change(struct rtos_task *t, unsigned int prio);
bool sched_slice_peers(void);
void sched_rotate(void);

void waitq_init(struct rtos_waitq *wq);
struct rtos_task *waitq_first(struct rtos_waitq *wq);
/*
 * Block the current task on wq (may be NULL: sleep only) until woken or
 * until abs deadline.  Called with interrupts masked; returns the wake
 * result (0 or -RTOS_ETIMEDOUT).
 */
int sched_block(struct rtos_waitq *wq, rtos_time_t deadline);
void sched_wake(struct rtos_task *t, int result);
/* Hook run when a blocked task leaves a wait queue on timeout. */
void mutex_waiter_left(struct rtos_task *t);

/* ---- time (time.c) ------------------------------------------------------ */
void time_init(void);
void time_add_timeout(struct rtos_task *t, rtos_time_t when);
void time_del_timeout(struct rtos_task *t);
void time_reprogram(void);
rtos_time_t time_deadline(rtos_time_t timeout);

/* ---- timers and heap ---------------------------------------------------- */
void timer_init(void);
void heap_init(void);
void task_reap(void);
void mutex_recompute_prio(struct rtos_task *t);
int sem_take_deadline(struct rtos_sem *sem, rtos_time_t deadline);

#endif /* _RTOS_KERNEL_H */
