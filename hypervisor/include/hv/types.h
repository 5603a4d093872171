/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_TYPES_H
#define _HV_TYPES_H

#include <bulkhead/abi.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;
typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long uintptr_t;
typedef _Bool bool;

/* Typed addresses: a guest-physical address is never silently a host one. */
typedef u64 paddr_t;  /* host physical */
typedef u64 gpaddr_t; /* guest (intermediate) physical */
typedef unsigned long vaddr_t;

#define true 1
#define false 0
#define NULL ((void *)0)

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	 (((x) + (a)-1) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))
#define BIT(n)		 (1UL << (n))
#define BIT_ULL(n)	 (1ULL << (n))

#define __packed     __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __noreturn   __attribute__((noreturn))
#define __must_check __attribute__((warn_unused_result))
#define __section(s) __attribute__((section(s)))
#define __unused     __attribute__((unused))
#define likely(x)    __builtin_expect(!!(x), 1)
#define unlikely(x)  __builtin_expect(!!(x), 0)

#define READ_ONCE(x)	 (*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

#define offsetof(t, m)	      __builtin_offsetof(t, m)
#define container_of(p, t, m) ((t *)((char *)(p)-offsetof(t, m)))

#endif
