// SPDX-License-Identifier: BSD-2-Clause
/* First-fit heap on a static arena; frees coalesce with their neighbours */
#include <inmate.h>

#define INMATE_HEAP_SIZE (64 * 1024)

struct block {
	size_t size;	    /* bytes including this header */
	struct block *next; /* free list, address ordered */
};

#define HDR sizeof(struct block)

static u8 arena[INMATE_HEAP_SIZE] __aligned(16);
static struct block *free_list;
static bool heap_ready;

static void heap_init(void)
{
	free_list = (struct block *)arena;
	free_list->size = sizeof(arena);
	free_list->next = NULL;
	heap_ready = true;
}

void *malloc(size_t size)
{
	struct block **pp, *b;
	size_t need = ((size + 15) & ~(size_t)15) + HDR;

	if (!heap_ready)
		heap_init();
	if (!size || size > sizeof(arena))
		return NULL;
	for (pp = &free_list; (b = *pp); pp = &b->next) {
		if (b->size < need)
			continue;
		if (b->size - need >= HDR + 16) {
			struct block *rest = (struct block *)((u8 *)b + need);

			rest->size = b->size - need;
			rest->next = b->next;
			b->size = need;
			*pp = rest;
		} else {
			*pp = b->next;
		}
		return (u8 *)b + HDR;
	}
	return NULL;
}

void *zalloc(size_t size)
{
	void *p = malloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void free(void *ptr)
{
	struct block *b, *prev = NULL, *cur;

	if (!ptr)
		return;
	b = (struct block *)((u8 *)ptr - HDR);
	for (cur = free_list; cur && cur < b; cur = cur->next)
		prev = cur;
	b->next = cur;
	if (cur && (u8 *)b + b->size == (u8 *)cur) {
		b->size += cur->size;
		b->next = cur->next;
	}
	if (prev) {
		prev->next = b;
		if ((u8 *)prev + prev->size == (u8 *)b) {
			prev->size += b->size;
			prev->next = b->next;
		}
	} else {
		free_list = b;
	}
}

size_t heap_free_bytes(void)
{
	struct block *b;
	size_t n = 0;

	if (!heap_ready)
		heap_init();
	for (b = free_list; b; b = b->next)
		n += b->size - HDR;
	return n;
}
