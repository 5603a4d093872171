// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tasks and the scheduler: one ready list per priority plus a bitmap, so
 * picking the next task is a count-leading-zeros and a list head.  The
 * running task stays at the head of its ready list; round-robin moves it to
 * the tail.  Every switch goes through rtos_switch_context(), called by the
 * port with interrupts masked either from its yield trap or at the end of an
 * interrupt.
 */
#include "kernel.h"

struct rtos_task *rtos_cur;
unsigned int rtos_isr_nesting;

static struct rtos_list ready[RTOS_PRIO_MAX + 1];
static uint32_t ready_map;
static struct rtos_list all_tasks;
static struct rtos_list zombies;
static bool started;
static uint64_t switch_count;
static uint64_t idle_ticks;

static struct rtos_task idle_task;
static uint64_t idle_stack[RTOS_IDLE_STACK / 8] __attribute__((aligned(16)));

static struct rtos_task *sched_highest(void)
{
	unsigned int prio = 31 - __builtin_clz(ready_map);

	return list_first(&ready[prio], struct rtos_task, node);
}

static bool ready_alone(unsigned int prio)
{
	return ready[prio].next->next == &ready[prio];
}

void sched_ready(struct rtos_task *t)
{
	bool new_peer = started && t->prio == rtos_cur->prio &&
			rtos_cur->state == RTOS_TASK_READY &&
			ready_alone(t->prio);

	t->state = RTOS_TASK_READY;
	list_add_tail(&ready[t->prio], &t->node);
	ready_map |= 1u << t->prio;
	/* The running task's slice starts counting once it has a peer. */
	if (new_peer && rtos_slice) {
		rtos_cur->slice_end = port_now() + rtos_slice;
		time_reprogram();
	}
}

void sched_unready(struct rtos_task *t)
{
	list_del(&t->node);
	if (list_empty(&ready[t->prio]))
		ready_map &= ~(1u << t->prio);
}

/* Switch now if a more urgent task is ready; in an ISR, at its exit. */
void sched_resched(void)
{
	if (!started || rtos_isr_nesting)
		return;
	if (sched_highest() != rtos_cur)
		port_yield();
}

bool sched_slice_peers(void)
{
	return rtos_cur && rtos_cur->state == RTOS_TASK_READY &&
	       !ready_alone(rtos_cur->prio);
}

void sched_rotate(void)
{
	if (!sched_slice_peers())
		return;
	list_del(&rtos_cur->node);
	list_add_tail(&ready[rtos_cur->prio], &rtos_cur->node);
	/* spent: not a timer deadline any more, renewed at the next switch-in */
	rtos_cur->slice_end = 0;
}

void waitq_init(struct rtos_waitq *wq)
{
	list_init(&wq->waiters);
}

struct rtos_task *waitq_first(struct rtos_waitq *wq)
{
	return list_first(&wq->waiters, struct rtos_task, node);
}

static void waitq_insert(struct rtos_waitq *wq, struct rtos_task *t)
{
	struct rtos_list *pos;

	list_for_each(pos, &wq->waiters) {
		if (container_of(pos, struct rtos_task, node)->prio < t->prio)
			break;
	}
	list_insert_before(pos, &t->node);
	t->waitq = wq;
}

/* Move t to its new priority, keeping ready list and wait queue order. */
void sched_prio_change(struct rtos_task *t, unsigned int prio)
{
	if (t->prio == prio)
		return;
	if (t->state == RTOS_TASK_READY) {
		sched_unready(t);
		t->prio = prio;
		sched_ready(t);
	} else if (t->state == RTOS_TASK_BLOCKED && t->waitq) {
		list_del(&t->node);
		t->prio = prio;
		waitq_insert(t->waitq, t);
	} else {
		t->prio = prio;
	}
}

int sched_block(struct rtos_waitq *wq, rtos_time_t deadline)
{
	struct rtos_task *t = rtos_cur;

	sched_unready(t);
	t->state = RTOS_TASK_BLOCKED;
	t->wait_result = 0;
	if (wq)
		waitq_insert(wq, t);
	if (deadline != RTOS_TIME_NEVER)
		time_add_timeout(t, deadline);
	port_yield();
	return t->wait_result;
}

void sched_wake(struct rtos_task *t, int result)
{
	if (t->waitq) {
		list_del(&t->node);
		t->waitq = NULL;
	}
	time_del_timeout(t);
	t->wait_result = result;
	sched_ready(t);
}

void *rtos_switch_context(void *sp)
{
	struct rtos_task *next;

	rtos_cur->sp = sp;
	/* A task that overran its stack cannot be trusted to run again. */
	if (rtos_cur->stack && rtos_cur->stack[0] != RTOS_STACK_CANARY)
		for (;;)
			;
	next = sched_highest();
	if (next != rtos_cur) {
		switch_count++;
		next->switches++;
		/*
		 * Slices are wall-clock: preemption by a more urgent task
		 * does not restart one, or a busy task that is preempted
		 * more often than its slice would never let its peers run.
		 */
		if (rtos_slice && next->slice_end <= port_now())
			next->slice_end = port_now() + rtos_slice;
		rtos_cur = next;
		time_reprogram();
	}
	return next->sp;
}

void rtos_isr_enter(void)
{
	rtos_isr_nesting++;
}

bool rtos_isr_exit(void)
{
	if (--rtos_isr_nesting || !started)
		return false;
	return sched_highest() != rtos_cur;
}

bool rtos_in_isr(void)
{
	return rtos_isr_nesting != 0;
}

static void task_start(void *arg)
{
	struct rtos_task *t = arg;

	t->entry(t->arg);
	rtos_task_exit();
}

static void task_setup(struct rtos_task *t, const char *name, unsigned int prio,
		       void (*entry)(void *), void *arg, void *stack,
		       size_t stack_size)
{
	size_t i;

	*t = (struct rtos_task){ 0 };
	t->name = name;
	t->prio = prio;
	t->base_prio = prio;
	t->entry = entry;
	t->arg = arg;
	t->stack = stack;
	t->stack_size = stack_size;
	list_init(&t->node);
	list_init(&t->tnode);
	list_init(&t->mutexes);
	for (i = 0; i < stack_size / 8; i++)
		t->stack[i] = RTOS_STACK_PAINT;
	t->stack[0] = RTOS_STACK_CANARY;
	t->sp = port_stack_init((char *)stack + stack_size, task_start, t);
}

int rtos_task_init(struct rtos_task *task, const char *name, unsigned int prio,
		   void (*entry)(void *arg), void *arg, void *stack,
		   size_t stack_size)
{
	port_flags_t flags;

	if (!task || !entry || !stack || prio == RTOS_PRIO_IDLE ||
	    prio > RTOS_PRIO_MAX || stack_size < RTOS_MIN_STACK ||
	    ((uintptr_t)stack & 15))
		return -RTOS_EINVAL;
	task_setup(task, name, prio, entry, arg, stack, stack_size & ~15ul);
	flags = port_irq_save();
	list_add_tail(&all_tasks, &task->all);
	sched_ready(task);
	sched_resched();
	port_irq_restore(flags);
	return 0;
}

int rtos_task_create(const char *name, unsigned int prio,
		     void (*entry)(void *arg), void *arg, size_t stack_size,
		     struct rtos_task **out)
{
	struct rtos_task *t;
	void *stack;
	int ret;

	stack_size = (stack_size + 15) & ~15ul;
	t = rtos_malloc(sizeof(*t));
	stack = rtos_malloc(stack_size);
	ret = -RTOS_ENOMEM;
	if (!t || !stack)
		goto fail;
	/* dynamic must be set before the task can run and exit */
	ret = rtos_task_init(t, name, prio, entry, arg, stack, stack_size);
	if (ret)
		goto fail;
	t->dynamic = 1;
	if (out)
		*out = t;
	return 0;
fail:
	rtos_free(stack);
	rtos_free(t);
	return ret;
}

void rtos_task_exit(void)
{
	struct rtos_task *t = rtos_cur;

	port_irq_save();
	sched_unready(t);
	t->state = RTOS_TASK_DEAD;
	list_del(&t->all);
	/* Its stack is in use until the switch: the idle task frees it. */
	if (t->dynamic)
		list_add_tail(&zombies, &t->node);
	port_yield();
	for (;;)
		;
}

void task_reap(void)
{
	port_flags_t flags = port_irq_save();
	struct rtos_task *t;

	while ((t = list_first(&zombies, struct rtos_task, node))) {
		list_del(&t->node);
		rtos_free(t->stack);
		rtos_free(t);
	}
	port_irq_restore(flags);
}

struct rtos_task *rtos_task_current(void)
{
	return rtos_cur;
}

void rtos_yield(void)
{
	port_flags_t flags = port_irq_save();

	sched_rotate();
	sched_resched();
	port_irq_restore(flags);
}

int rtos_task_set_prio(struct rtos_task *task, unsigned int prio)
{
	port_flags_t flags;

	if (!task || prio == RTOS_PRIO_IDLE || prio > RTOS_PRIO_MAX)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	task->base_prio = prio;
	mutex_recompute_prio(task);
	sched_resched();
	port_irq_restore(flags);
	return 0;
}

size_t rtos_task_stack_unused(const struct rtos_task *task)
{
	size_t i;

	for (i = 1; i < task->stack_size / 8; i++)
		if (task->stack[i] != RTOS_STACK_PAINT)
			break;
	return (i - 1) * 8;
}

uint64_t rtos_context_switches(void)
{
	return switch_count;
}

uint64_t rtos_idle_time(void)
{
	return idle_ticks;
}

static void idle_entry(void *arg)
{
	rtos_time_t t0;

	(void)arg;
	for (;;) {
		task_reap();
		t0 = port_now();
		port_idle();
		idle_ticks += port_now() - t0;
	}
}

void rtos_init(void)
{
	unsigned int i;

	for (i = 0; i <= RTOS_PRIO_MAX; i++)
		list_init(&ready[i]);
	ready_map = 0;
	list_init(&all_tasks);
	list_init(&zombies);
	started = false;
	rtos_cur = NULL;
	rtos_isr_nesting = 0;
	switch_count = 0;
	idle_ticks = 0;
	port_init();
	heap_init();
	time_init();
	task_setup(&idle_task, "idle", RTOS_PRIO_IDLE, idle_entry, NULL,
		   idle_stack, sizeof(idle_stack));
	list_add_tail(&all_tasks, &idle_task.all);
	sched_ready(&idle_task);
	timer_init();
}

void rtos_start(void)
{
	port_irq_save();
	rtos_cur = sched_highest();
	rtos_cur->switches++;
	if (rtos_slice)
		rtos_cur->slice_end = port_now() + rtos_slice;
	started = true;
	time_reprogram();
	port_start_first(rtos_cur->sp);
}
