/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead RTOS: a small preemptive fixed-priority kernel for one CPU.
 *
 * Conventions used by every call:
 *  - Priorities: 0 (idle, reserved) .. RTOS_PRIO_MAX; a larger number is more
 *    urgent.  Equal priorities share the CPU round-robin (time slice).
 *  - Time is rtos_time_t: raw ticks of the Arm generic counter (CNTVCT).
 *    Convert with rtos_us()/rtos_ms()/rtos_ticks_to_ns().  Timeouts are
 *    relative: RTOS_NO_WAIT polls, RTOS_WAIT_FOREVER blocks without limit.
 *  - Errors are returned as negative RTOS_E* codes; 0 is success.
 *  - Calls marked [ISR] may also be made from an interrupt handler (only with
 *    RTOS_NO_WAIT); a reschedule they cause is deferred to the interrupt's
 *    exit.  Everything else is for task context only.
 *
 * Objects (tasks, semaphores, ...) are caller-allocated structures, so an
 * application can be fully static; their fields are private to the kernel.
 */
#ifndef _RTOS_H
#define _RTOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/msgring.h>

typedef uint64_t rtos_time_t;

#define RTOS_PRIO_MAX	  31
#define RTOS_PRIO_IDLE	  0
#define RTOS_NO_WAIT	  ((rtos_time_t)0)
#define RTOS_WAIT_FOREVER (~(rtos_time_t)0)

/* Error codes (returned negated) */
#define RTOS_EINVAL    1  /* bad argument */
#define RTOS_ETIMEDOUT 2  /* timeout expired */
#define RTOS_EAGAIN    3  /* would block with RTOS_NO_WAIT */
#define RTOS_EPERM     4  /* not allowed here (ISR, not owner) */
#define RTOS_ENOMEM    5  /* kernel heap exhausted */
#define RTOS_EOVERFLOW 6  /* semaphore at its maximum */
#define RTOS_EDEADLINE 7  /* periodic task missed its deadline */
#define RTOS_EDEADLK   8  /* would deadlock */
#define RTOS_ENOENT    9  /* no such channel */
#define RTOS_ENOTCONN  10 /* the channel's peer has no ring yet */
#define RTOS_EMSGSIZE  11 /* message too long: not sent, or dropped */
#define RTOS_EIO       12 /* the channel's peer broke the protocol */

/* ---- lists (kernel-private, needed for object sizes) ---------------- */
struct rtos_list {
	struct rtos_list *next, *prev;
};

struct rtos_waitq {
	struct rtos_list waiters; /* by priority, FIFO among equals */
};

/* ---- tasks ------------------------------------------------------------ */
enum rtos_task_state {
	RTOS_TASK_READY, /* also the running task */
	RTOS_TASK_BLOCKED,
	RTOS_TASK_DEAD,
};

struct rtos_mutex;

struct rtos_task {
	void *sp; /* saved context (first member) */
	const char *name;
	uint8_t prio; /* effective, with inheritance */
	uint8_t base_prio;
	uint8_t state;
	uint8_t dynamic;
	int wait_result;
	struct rtos_list node;	  /* ready list or wait queue */
	struct rtos_waitq *waitq; /* the queue it blocks on, or NULL */
	struct rtos_list tnode;	  /* timeout list */
	rtos_time_t wake_time;
	rtos_time_t slice_end;
	struct rtos_mutex *blocked_on; /* for transitive inheritance */
	struct rtos_list mutexes;      /* mutexes held */
	void *wait_data;	       /* queue item / event bits */
	uint32_t wait_mask;
	uint32_t wait_opts;
	void (*entry)(void *arg);
	void *arg;
	uint64_t *stack;
	size_t stack_size;
	rtos_time_t period;
	rtos_time_t release; /* ideal start of the current job */
	uint32_t deadline_misses;
	uint32_t switches;    /* times switched in */
	struct rtos_list all; /* every task, for statistics */
};

/* Kernel life cycle */
void rtos_init(void);
void rtos_start(void) __attribute__((noreturn));

/*
 * Create a task from caller-provided memory.  stack must be 16-byte aligned;
 * stack_size at least RTOS_MIN_STACK.  The task runs entry(arg); returning
 * from entry is the same as calling rtos_task_exit().  May be called before
 * rtos_start() or from a task.
 */
#define RTOS_MIN_STACK 1024
int rtos_task_init(struct rtos_task *task, const char *name, unsigned int prio,
		   void (*entry)(void *arg), void *arg, void *stack,
		   size_t stack_size);
/* Same, with the task and its stack taken from the kernel heap. */
int rtos_task_create(const char *name, unsigned int prio,
		     void (*entry)(void *arg), void *arg, size_t stack_size,
		     struct rtos_task **out);
void rtos_task_exit(void) __attribute__((noreturn));
struct rtos_task *rtos_task_current(void); /* [ISR] */
void rtos_yield(void);
int rtos_task_set_prio(struct rtos_task *task, unsigned int prio);
/* Bytes of the task's stack never written (stack painted at creation). */
size_t rtos_task_stack_unused(const struct rtos_task *task);

/* Time */
rtos_time_t rtos_now(void); /* [ISR] */
uint64_t rtos_freq(void);   /* counter ticks per second */
rtos_time_t rtos_us(uint64_t us);
rtos_time_t rtos_ms(uint64_t ms);
uint64_t rtos_ticks_to_ns(rtos_time_t ticks);
void rtos_sleep(rtos_time_t ticks);
void rtos_sleep_until(rtos_time_t abs_time);
/* Round-robin time slice for equal priorities (0 disables). */
void rtos_set_time_slice(rtos_time_t ticks);

/*
 * Periodic tasks.  rtos_task_set_period() makes the calling task periodic
 * with its first release at start (0: now).  rtos_task_wait_period() ends
 * the current job and sleeps until the next release.  The deadline is the
 * next release: a job that ends after it returns -RTOS_EDEADLINE without
 * sleeping, counts the miss, and skips the releases already passed so the
 * task stays on its original phase.
 */
int rtos_task_set_period(rtos_time_t period, rtos_time_t start);
int rtos_task_wait_period(void);
rtos_time_t rtos_task_release_time(void); /* ideal release of this job */
uint32_t rtos_task_deadline_misses(const struct rtos_task *task);

/* Counting semaphores */
struct rtos_sem {
	uint32_t count;
	uint32_t max;
	struct rtos_waitq wq;
};
int rtos_sem_init(struct rtos_sem *sem, uint32_t initial, uint32_t max);
int rtos_sem_take(struct rtos_sem *sem, rtos_time_t timeout); /* [ISR] */
int rtos_sem_give(struct rtos_sem *sem);		      /* [ISR] */
uint32_t rtos_sem_count(const struct rtos_sem *sem);	      /* [ISR] */

/*
 * Mutexes with (transitive) priority inheritance.  Recursive for the owner;
 * ownership passes directly to the most urgent waiter on unlock.
 */
struct rtos_mutex {
	struct rtos_task *owner;
	uint32_t depth;
	struct rtos_list node; /* in owner->mutexes */
	struct rtos_waitq wq;
};
int rtos_mutex_init(struct rtos_mutex *mutex);
int rtos_mutex_lock(struct rtos_mutex *mutex, rtos_time_t timeout);
int rtos_mutex_unlock(struct rtos_mutex *mutex);

/* Message queues of fixed-size items, FIFO */
struct rtos_queue {
	uint8_t *buf;
	size_t item_size;
	uint32_t capacity;
	uint32_t head;
	uint32_t count;
	struct rtos_waitq senders;
	struct rtos_waitq receivers;
};
int rtos_queue_init(struct rtos_queue *q, void *buf, size_t item_size,
		    uint32_t capacity);
int rtos_queue_send(struct rtos_queue *q, const void *item,
		    rtos_time_t timeout); /* [ISR] */
int rtos_queue_receive(struct rtos_queue *q, void *item,
		       rtos_time_t timeout);	       /* [ISR] */
uint32_t rtos_queue_count(const struct rtos_queue *q); /* [ISR] */

/* Event flags: 32 bits per group */
#define RTOS_EVENT_ANY	 0x0 /* wake when any bit of mask is set */
#define RTOS_EVENT_ALL	 0x1 /* wake when all bits of mask are set */
#define RTOS_EVENT_CLEAR 0x2 /* clear the bits that woke the waiter */
struct rtos_event {
	uint32_t flags;
	struct rtos_waitq wq;
};
int rtos_event_init(struct rtos_event *ev);
/* Bits that satisfied the wait go to *out (may be NULL). */
int rtos_event_wait(struct rtos_event *ev, uint32_t mask, uint32_t opts,
		    uint32_t *out, rtos_time_t timeout);    /* [ISR] */
int rtos_event_set(struct rtos_event *ev, uint32_t bits);   /* [ISR] */
int rtos_event_clear(struct rtos_event *ev, uint32_t bits); /* [ISR] */
uint32_t rtos_event_get(const struct rtos_event *ev);	    /* [ISR] */

/*
 * Software timers.  Callbacks run in the timer task (priority
 * RTOS_TIMER_TASK_PRIO), never in interrupt context, so they may use every
 * non-blocking call and should not block for long: they delay other timers.
 */
#define RTOS_TIMER_TASK_PRIO (RTOS_PRIO_MAX - 1)
struct rtos_timer {
	struct rtos_list node;
	rtos_time_t expiry;
	rtos_time_t period; /* 0: one-shot */
	void (*callback)(struct rtos_timer *timer, void *arg);
	void *arg;
	bool active;
	uint32_t fired;
};
int rtos_timer_init(struct rtos_timer *timer,
		    void (*callback)(struct rtos_timer *timer, void *arg),
		    void *arg);
/* First expiry after delay; then every period (0: one-shot). [ISR] */
int rtos_timer_start(struct rtos_timer *timer, rtos_time_t delay,
		     rtos_time_t period);
int rtos_timer_stop(struct rtos_timer *timer); /* [ISR] */
bool rtos_timer_active(const struct rtos_timer *timer);

/* Kernel heap (used by rtos_task_create; also usable by applications) */
void *rtos_malloc(size_t size);
void rtos_free(void *ptr);

/*
 * Channels to another cell (the hypervisor's shared memory and doorbells),
 * carrying a message ring each way (bulkhead/msgring.h) by the connection
 * rules of bulkhead/rtos-link.h: our ring is taken over if the area holds
 * one (a restarted cell carries on), the peer's is attached past what it
 * holds, again whenever the peer restarts or its ring turns out corrupt.
 * The peer may not have formatted its area yet: every send, receive and
 * doorbell tries again.
 *
 * rtos_chan_open() finds the channel by name (-RTOS_ENOENT if this cell
 * is no peer of it, or runs bare) and takes its doorbell interrupt; call
 * it after rtos_init().  Fields are private; the counters may be read.
 */
struct rtos_chan {
	struct bh_msgring ring;
	struct rtos_sem doorbell; /* given by the doorbell interrupt */
	void *port;		  /* the port's handle */
	void *own;		  /* our output area */
	size_t own_size;
	const void *peer; /* the peer's, read-only */
	size_t peer_size;
	const char *peer_name;
	unsigned int irq;     /* our doorbell's interrupt */
	unsigned int side;    /* which peer of the channel we are */
	uint32_t peer_starts; /* the peer's starts when we attached */
	bool attached;	      /* to the peer's ring */
	bool resumed;	      /* our ring was taken over, not formatted */
	uint64_t doorbells;   /* interrupts taken */
	uint64_t sent, received;
	uint64_t dropped; /* sends that failed, messages discarded */
	uint64_t resyncs; /* re-attachments after the first */
};
int rtos_chan_open(struct rtos_chan *ch, const char *name);
/*
 * Queue one message (len bytes of buf, tagged type) and ring the peer.
 * Never blocks; masks interrupts while it copies, so tasks and interrupt
 * handlers may send on the same channel.  0, or -RTOS_ENOTCONN (the peer's
 * ring is not there), -RTOS_EAGAIN (full), -RTOS_EMSGSIZE (longer than the
 * ring takes), -RTOS_EIO (the peer's read position makes no sense, e.g. it
 * formatted its ring again: rung all the same, it attaches anew).  [ISR]
 */
int rtos_chan_send(struct rtos_chan *ch, uint32_t type, const void *buf,
		   uint32_t len);
/*
 * Take the next message: its tag into *type (may be NULL), its payload
 * into buf (cap bytes).  Blocks until one comes or timeout passes.
 * Returns the payload's length, -RTOS_ETIMEDOUT, -RTOS_EAGAIN (none, with
 * RTOS_NO_WAIT) or -RTOS_EMSGSIZE (longer than cap: dropped).  Several
 * tasks may receive; each message goes to one.  [ISR] with RTOS_NO_WAIT.
 */
int rtos_chan_recv(struct rtos_chan *ch, uint32_t *type, void *buf,
		   uint32_t cap, rtos_time_t timeout);
/* The peer's BH_PEER_* state (bulkhead/abi.h).  [ISR] */
uint32_t rtos_chan_peer_state(const struct rtos_chan *ch);

/* Interrupt handling, for the port and for drivers */
typedef void (*rtos_irq_handler_t)(unsigned int irq, void *arg);
int rtos_irq_attach(unsigned int irq, rtos_irq_handler_t handler, void *arg);
bool rtos_in_isr(void);

/* Statistics */
uint64_t rtos_context_switches(void);
uint64_t rtos_idle_time(void); /* ticks spent in the idle task */

#endif /* _RTOS_H */
