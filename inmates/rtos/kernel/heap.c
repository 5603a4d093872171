// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel heap: first fit over a static arena, free blocks kept in address
 * order so that freeing merges with both neighbours.  Meant for creating
 * tasks and objects at start-up, not for allocation in hot paths (it runs
 * with interrupts masked and its time grows with fragmentation).
 */
#include "kernel.h"

struct block {
	size_t size;	    /* bytes including this header */
	struct block *next; /* next free block (free list only) */
};

#define ALIGN_UP(x) (((x) + 15) & ~(size_t)15)

static uint64_t arena[RTOS_HEAP_SIZE / 8] __attribute__((aligned(16)));
static struct block *free_list;

void heap_init(void)
{
	free_list = (struct block *)arena;
	free_list->size = sizeof(arena);
	free_list->next = NULL;
}

void *rtos_malloc(size_t size)
{
	size_t need = ALIGN_UP(size + sizeof(struct block));
	struct block **pp, *b, *rest;
	port_flags_t flags;

	if (!size)
		return NULL;
	flags = port_irq_save();
	for (pp = &free_list; (b = *pp); pp = &b->next) {
		if (b->size < need)
			continue;
		if (b->size - need >= 2 * sizeof(struct block)) {
			rest = (struct block *)((char *)b + need);
			rest->size = b->size - need;
			rest->next = b->next;
			b->size = need;
			*pp = rest;
		} else {
			*pp = b->next;
		}
		break;
	}
	port_irq_restore(flags);
	return b ? b + 1 : NULL;
}

static void merge_next(struct block *b)
{
	if (b->next && (char *)b + b->size == (char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
}

void rtos_free(void *ptr)
{
	struct block *b, *prev = NULL, *cur;
	port_flags_t flags;

	if (!ptr)
		return;
	b = (struct block *)ptr - 1;
	flags = port_irq_save();
	for (cur = free_list; cur && cur < b; cur = cur->next)
		prev = cur;
	b->next = cur;
	if (prev)
		prev->next = b;
	else
		free_list = b;
	merge_next(b);
	if (prev)
		merge_next(prev);
	port_irq_restore(flags);
}
