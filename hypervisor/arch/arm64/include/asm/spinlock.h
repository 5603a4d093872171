/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

/* Ticket lock: fair, so no CPU starves on a busy management path. */
typedef struct {
	unsigned int next;
	unsigned int owner;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	unsigned int ticket = __atomic_fetch_add(&lock->next, 1,
						 __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		asm volatile("yield" ::: "memory");
}

/* Take it only if nobody holds or waits for it. */
static inline bool spin_trylock(spinlock_t *lock)
{
	unsigned int owner = __atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE);

	return __atomic_compare_exchange_n(&lock->next, &owner, owner + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

#endif
