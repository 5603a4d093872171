// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead config checker.
 *
 * The same file is compiled into three programs: the CLI (so a user sees a
 * mistake before anything reaches the kernel), the Linux driver (which
 * #includes it from a wrapper) and the hypervisor (which trusts nobody).  It
 * therefore uses no library at all: not libc, not the kernel's helpers, only
 * the types from abi.h and the compiler's own va_list builtins.
 *
 * Every read stays inside the `size` bytes the caller vouches for, and every
 * rejection leaves one sentence in the report that names the field and says
 * how to fix it.
 */
#include "../include/bulkhead/config_check.h"

#define CC_ALL_ACCESS (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)
#define CC_SPI_FIRST  32
#define CC_SPI_LAST   1019
#define CC_PPI_FIRST  16
#define CC_PPI_LAST   31

/* MMIO frames of the GIC that only the hypervisor may map. */
#define CC_GICD_SIZE	     0x10000ULL
#define CC_GICR_STRIDE	     0x20000ULL /* RD_base + SGI_base per CPU */
/*
 * GICv2 CPU, hypervisor and virtual interfaces: two 4 KiB pages each
 * (GICH: common page and per-CPU aliases).  A GIC-400 on a 64 KiB-aligned
 * bus (ZynqMP) repeats every page across 64 KiB: 0xf902f000, 0xf9030000,
 * 0xf9041000 and 0xf9050000 all reach live registers, so there each
 * interface spans two 64 KiB windows.
 */
#define CC_GICV2_IF_SIZE     0x2000ULL
#define CC_GICV2_IF_SIZE_64K 0x20000ULL

/* Where the report goes and what the failing object is called. */
struct cc_ctx {
	struct bh_check_report *rep;
	const char *what; /* "root cell" or "cell" */
	const char *name; /* NULL until the name is known good */
};

/* ---- tiny libc ----------------------------------------------------- */

static __u64 cc_strnlen(const char *s, __u64 max)
{
	__u64 n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int cc_memeq(const void *a, const void *b, __u64 n)
{
	const unsigned char *p = a, *q = b;

	while (n--)
		if (*p++ != *q++)
			return 0;
	return 1;
}

/* ---- message formatting (%s %.*s %c %d %u %x %llx %llu) ------------ */

struct cc_out {
	char *buf;
	unsigned int len;
	unsigned int pos;
};

static void cc_putc(struct cc_out *o, char c)
{
	if (o->pos + 1 < o->len)
		o->buf[o->pos++] = c;
}

static void cc_puts(struct cc_out *o, const char *s, int max)
{
	if (!s)
		s = "(null)";
	while (*s && max-- != 0)
		cc_putc(o, *s++);
}

static void cc_putnum(struct cc_out *o, unsigned long long v, unsigned int base)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		cc_putc(o, tmp[--n]);
}

static const char *cc_conv(struct cc_out *o, const char *f,
			   __builtin_va_list *ap)
{
	int prec = -1, longs = 0;
	long long sv;

	if (f[0] == '.' && f[1] == '*') {
		prec = __builtin_va_arg(*ap, int);
		f += 2;
	}
	while (*f == 'l') {
		longs++;
		f++;
	}
	switch (*f) {
	case 's':
		cc_puts(o, __builtin_va_arg(*ap, const char *), prec);
		break;
	case 'c':
		cc_putc(o, (char)__builtin_va_arg(*ap, int));
		break;
	case 'd':
		sv = longs ? __builtin_va_arg(*ap, long long) :
			     __builtin_va_arg(*ap, int);
		if (sv < 0) {
			cc_putc(o, '-');
			sv = -sv;
		}
		cc_putnum(o, (unsigned long long)sv, 10);
		break;
	case 'u':
	case 'x':
		cc_putnum(o,
			  longs ? __builtin_va_arg(*ap, unsigned long long) :
				  __builtin_va_arg(*ap, unsigned int),
			  *f == 'x' ? 16 : 10);
		break;
	default:
		cc_putc(o, '%');
		if (!*f)
			return f;
		cc_putc(o, *f);
	}
	return f + 1;
}

static void cc_vformat(struct cc_out *o, const char *fmt, __builtin_va_list ap)
{
	__builtin_va_list aq;

	/* A va_list parameter may be an array type: take a copy to point at. */
	__builtin_va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			cc_putc(o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			cc_putc(o, *fmt++);
			continue;
		}
		fmt = cc_conv(o, fmt, &aq);
	}
	__builtin_va_end(aq);
}

static void cc_format(struct cc_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cc_format(struct cc_out *o, const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	cc_vformat(o, fmt, ap);
	__builtin_va_end(ap);
}

/* Record a failure: "<what> '<name>': <message>" and return err. */
static int cc_fail(const struct cc_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cc_fail(const struct cc_ctx *ctx, int err, const char *fmt, ...)
{
	struct cc_out o;
	__builtin_va_list ap;

	if (!ctx->rep)
		return err;
	o.buf = ctx->rep->msg;
	o.len = BH_CHECK_MSG_LEN;
	o.pos = 0;
	if (ctx->what && ctx->name)
		cc_format(&o, "%s '%.*s': ", ctx->what, BH_CELL_NAME_LEN,
			  ctx->name);
	else if (ctx->what)
		cc_format(&o, "%s: ", ctx->what);
	__builtin_va_start(ap, fmt);
	cc_vformat(&o, fmt, ap);
	__builtin_va_end(ap);
	o.buf[o.pos] = '\0';
	ctx->rep->error = err;
	return err;
}

static void cc_report_ok(struct bh_check_report *rep)
{
	if (rep) {
		rep->error = 0;
		rep->msg[0] = '\0';
	}
}

/* ---- range helpers --------------------------------------------------- */

static int cc_overlap(__u64 a, __u64 asz, __u64 b, __u64 bsz)
{
	return a < b + bsz && b < a + asz;
}

static int cc_inside(__u64 a, __u64 asz, __u64 b, __u64 bsz)
{
	return a >= b && a + asz <= b + bsz;
}

static int cc_is_comm(const struct bh_memory_region *r)
{
	return !!(r->flags & BH_MEM_COMM_REGION);
}

/* RAM here means memory that must exist as RAM: not IO, not the comm page. */
static int cc_is_ram(const struct bh_memory_region *r)
{
	return !(r->flags & (BH_MEM_IO | BH_MEM_COMM_REGION));
}

static int cc_first_cpu(__u64 set)
{
	int cpu = 0;

	while (cpu < 64 && !(set & (1ULL << cpu)))
		cpu++;
	return cpu;
}

static int cc_irq_owned(const struct bh_cell_desc *cell, unsigned int irq)
{
	return !!(cell->irq_bitmap[irq / 32] & (1U << (irq % 32)));
}

/* ---- one cell on its own ---------------------------------------------- */

static int cc_check_header(struct cc_ctx *ctx, const struct bh_cell_desc *cell,
			   __u64 avail)
{
	__u64 need, len;

	if (!cc_memeq(cell->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN))
		return cc_fail(ctx, -BH_EINVAL,
			       "signature is not \"%s\": not a cell description",
			       BH_CELL_SIGNATURE);
	if (cell->revision != BH_CONFIG_REVISION)
		return cc_fail(ctx, -BH_EINVAL,
			       "revision %u, this build understands %u: rebuild the config against this abi.h",
			       cell->revision, BH_CONFIG_REVISION);
	len = cc_strnlen(cell->name, BH_CELL_NAME_LEN);
	if (len == 0)
		return cc_fail(ctx, -BH_EINVAL,
			       "name is empty: give the cell a name");
	if (len == BH_CELL_NAME_LEN)
		return cc_fail(ctx, -BH_EINVAL,
			       "name is not NUL-terminated: at most %u characters",
			       BH_CELL_NAME_LEN - 1);
	ctx->name = cell->name;
	if (cell->num_memory_regions > BH_MAX_MEM_REGIONS)
		return cc_fail(ctx, -BH_E2BIG,
			       "num_memory_regions is %u, the limit is %u: merge adjacent regions",
			       cell->num_memory_regions, BH_MAX_MEM_REGIONS);
	need = bh_cell_config_size(cell);
	if (avail < need)
		return cc_fail(ctx, -BH_EINVAL,
			       "truncated: %u memory regions need %llu bytes, only %llu given",
			       cell->num_memory_regions, need, avail);
	if (avail > need)
		return cc_fail(ctx, -BH_EINVAL,
			       "%llu bytes after the last of %u memory regions: num_memory_regions does not match the regions in the file",
			       avail - need, cell->num_memory_regions);
	return 0;
}

static int cc_check_flags_irqs(struct cc_ctx *ctx,
			       const struct bh_cell_desc *cell)
{
	unsigned int irq;

	if (cell->flags & ~BH_CELL_VALID_FLAGS)
		return cc_fail(ctx, -BH_EINVAL,
			       "unknown flags 0x%x: valid are BH_CELL_CONSOLE and BH_CELL_DIRECT_IRQ",
			       cell->flags & ~BH_CELL_VALID_FLAGS);
	if (!cell->cpu_set)
		return cc_fail(ctx, -BH_EINVAL,
			       "cpu_set is empty: a cell needs at least one CPU");
	for (irq = 0; irq < BH_MAX_IRQS; irq++) {
		if (!cc_irq_owned(cell, irq))
			continue;
		if (irq < CC_SPI_FIRST || irq > CC_SPI_LAST)
			return cc_fail(ctx, -BH_EINVAL,
				       "irq_bitmap has INTID %u, which is not an SPI: only SPIs %u..%u can be assigned",
				       irq, CC_SPI_FIRST, CC_SPI_LAST);
	}
	return 0;
}

static int cc_check_region(struct cc_ctx *ctx, unsigned int i,
			   const struct bh_memory_region *r)
{
	__u64 f = r->flags;

	if (f & ~(__u64)BH_MEM_VALID_FLAGS)
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u has unknown flags 0x%llx: see BH_MEM_* in abi.h",
			       i, f & ~(__u64)BH_MEM_VALID_FLAGS);
	if (!(f & CC_ALL_ACCESS))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u grants no access: set BH_MEM_READ, WRITE and/or EXECUTE",
			       i);
	if (!r->size)
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u has size 0: remove it or give it a size",
			       i);
	if ((r->phys_start | r->virt_start | r->size) & (BH_PAGE_SIZE - 1))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u (phys 0x%llx, virt 0x%llx, size 0x%llx) is not 4 KiB aligned: round start down and size up to 0x1000",
			       i, r->phys_start, r->virt_start, r->size);
	if (r->size > BH_MAX_PHYS_ADDR ||
	    r->phys_start > BH_MAX_PHYS_ADDR - r->size ||
	    r->virt_start > BH_MAX_PHYS_ADDR - r->size)
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u (phys 0x%llx, virt 0x%llx, size 0x%llx) ends beyond the 40-bit address space that stage 2 translates",
			       i, r->phys_start, r->virt_start, r->size);
	if ((f & BH_MEM_IO) && (f & BH_MEM_LOADABLE))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u is both IO and LOADABLE: images can only be loaded into RAM",
			       i);
	if ((f & BH_MEM_CONSOLE) && !(f & BH_MEM_IO))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u is CONSOLE but not IO: the console flag marks the cell's own UART, a device region",
			       i);
	if (!cc_is_comm(r))
		return 0;
	if (f & (BH_MEM_IO | BH_MEM_LOADABLE | BH_MEM_ROOTSHARED))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u: the comm region cannot be IO, LOADABLE or ROOTSHARED",
			       i);
	if ((f & (BH_MEM_READ | BH_MEM_WRITE)) != (BH_MEM_READ | BH_MEM_WRITE))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u: the comm region must be READ|WRITE",
			       i);
	if (r->virt_start != BH_COMM_REGION_ADDR || r->size != BH_PAGE_SIZE)
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u: the comm region must be virt_start 0x%llx, size 0x1000",
			       i, BH_COMM_REGION_ADDR);
	return 0;
}

/* No two regions may share guest addresses, nor physical ones (comm aside). */
static int cc_check_region_pair(struct cc_ctx *ctx, unsigned int i,
				const struct bh_memory_region *a,
				unsigned int j, const struct bh_memory_region *b)
{
	if (cc_overlap(a->virt_start, a->size, b->virt_start, b->size))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u [0x%llx-0x%llx) overlaps region %u [0x%llx-0x%llx) in guest-physical space",
			       i, a->virt_start, a->virt_start + a->size, j,
			       b->virt_start, b->virt_start + b->size);
	if (cc_is_comm(a) || cc_is_comm(b))
		return 0;
	if (cc_overlap(a->phys_start, a->size, b->phys_start, b->size))
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u [0x%llx-0x%llx) overlaps region %u [0x%llx-0x%llx) in physical memory",
			       i, a->phys_start, a->phys_start + a->size, j,
			       b->phys_start, b->phys_start + b->size);
	return 0;
}

static int cc_check_regions(struct cc_ctx *ctx, const struct bh_cell_desc *cell)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i, j, comm = 0;
	int console = -1;

	for (i = 0; i < cell->num_memory_regions; i++) {
		int err = cc_check_region(ctx, i, &mem[i]);

		if (err)
			return err;
		if (cc_is_comm(&mem[i]) && comm++)
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u is a second comm region: a cell has at most one",
				       i);
		if ((mem[i].flags & BH_MEM_CONSOLE) && console >= 0)
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u is a second CONSOLE region (region %d is one): a cell has at most one console UART",
				       i, console);
		if (mem[i].flags & BH_MEM_CONSOLE)
			console = i;
		for (j = 0; j < i; j++) {
			err = cc_check_region_pair(ctx, i, &mem[i], j, &mem[j]);
			if (err)
				return err;
		}
	}
	return 0;
}

#define CC_WATCHDOG_MAX_MS 60000

static int cc_check_health(struct cc_ctx *ctx, const struct bh_cell_desc *cell)
{
	const struct bh_health_policy *h = &cell->health;
	unsigned int n;

	for (n = 0; n < sizeof(h->reserved); n++)
		if (h->reserved[n])
			return cc_fail(ctx, -BH_EINVAL,
				       "health.reserved must be 0");
	for (n = 0; n < BH_EVENT_COUNT; n++) {
		if (h->action[n] > BH_ACTION_NOTIFY)
			return cc_fail(ctx, -BH_EINVAL,
				       "health.action[%u] is %u: use BH_ACTION_STOP, _RESTART or _NOTIFY",
				       n, h->action[n]);
		if (h->action[n] == BH_ACTION_NOTIFY &&
		    n != BH_EVENT_WATCHDOG && n != BH_EVENT_REPORTED)
			return cc_fail(ctx, -BH_EINVAL,
				       "health.action[%u]: BH_ACTION_NOTIFY lets a cell run on only after a watchdog expiry or its own report; a fault stops or restarts it",
				       n);
	}
	if (h->watchdog_ms > CC_WATCHDOG_MAX_MS)
		return cc_fail(ctx, -BH_EINVAL,
			       "health.watchdog_ms is %u, at most %u",
			       h->watchdog_ms, CC_WATCHDOG_MAX_MS);
	return 0;
}

/* The vUART: a page of its own in the cell's space, an SPI it owns. */
static int cc_check_vuart(struct cc_ctx *ctx, const struct bh_cell_desc *cell)
{
	const struct bh_vuart_desc *v = &cell->vuart;
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i;

	if (v->flags)
		return cc_fail(ctx, -BH_EINVAL,
			       "vuart.flags is 0x%x: none are defined, it must be 0",
			       v->flags);
	if (!v->address)
		return v->irq ?
			       cc_fail(ctx, -BH_EINVAL,
				       "vuart.irq %u but no vuart.address: give both or neither",
				       v->irq) :
			       0;
	if (v->address & (BH_PAGE_SIZE - 1) ||
	    v->address > BH_MAX_PHYS_ADDR - BH_PAGE_SIZE)
		return cc_fail(ctx, -BH_EINVAL,
			       "vuart.address 0x%llx is not a 4 KiB-aligned page below 0x%llx",
			       v->address, BH_MAX_PHYS_ADDR);
	for (i = 0; i < cell->num_memory_regions; i++)
		if (cc_overlap(v->address, BH_PAGE_SIZE, mem[i].virt_start,
			       mem[i].size))
			return cc_fail(ctx, -BH_EINVAL,
				       "vuart.address 0x%llx is inside memory region %u [0x%llx-0x%llx): give the vUART a page of its own",
				       v->address, i, mem[i].virt_start,
				       mem[i].virt_start + mem[i].size);
	if (v->irq < CC_SPI_FIRST || v->irq > CC_SPI_LAST ||
	    !cc_irq_owned(cell, v->irq))
		return cc_fail(ctx, -BH_EINVAL,
			       "vuart.irq %u is not an SPI in the cell's irq_bitmap: add it to irqs",
			       v->irq);
	return 0;
}

static int cc_check_cell_alone(struct cc_ctx *ctx,
			       const struct bh_cell_desc *cell, __u64 avail)
{
	int err;

	err = cc_check_header(ctx, cell, avail);
	if (!err)
		err = cc_check_flags_irqs(ctx, cell);
	if (!err)
		err = cc_check_health(ctx, cell);
	if (!err)
		err = cc_check_regions(ctx, cell);
	if (!err)
		err = cc_check_vuart(ctx, cell);
	return err;
}

/* ---- facts from the environment ------------------------------------ */

static int cc_check_env_cpus(struct cc_ctx *ctx, __u64 cpu_set,
			     const struct bh_check_env *env)
{
	__u64 missing = 0;

	if (!env)
		return 0;
	if (env->possible_cpus)
		missing |= cpu_set & ~env->possible_cpus;
	if (env->num_cpus && env->num_cpus < 64)
		missing |= cpu_set & ~((1ULL << env->num_cpus) - 1);
	if (missing)
		return cc_fail(ctx, -BH_ERANGE,
			       "cpu_set 0x%llx names CPU %d, which this machine does not have",
			       cpu_set, cc_first_cpu(missing));
	return 0;
}

static int cc_in_env_ram(const struct bh_check_env *env, __u64 start, __u64 size)
{
	unsigned int i;

	if (!env || !env->num_ram)
		return 1;
	for (i = 0; i < env->num_ram && i < BH_CHECK_MAX_RAM; i++)
		if (cc_inside(start, size, env->ram[i].start, env->ram[i].size))
			return 1;
	return 0;
}

static int cc_check_env_ram(struct cc_ctx *ctx, const struct bh_cell_desc *cell,
			    const struct bh_check_env *env)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++) {
		if (!cc_is_ram(&mem[i]) ||
		    cc_in_env_ram(env, mem[i].phys_start, mem[i].size))
			continue;
		return cc_fail(ctx, -BH_ERANGE,
			       "memory region %u [0x%llx-0x%llx) is not RAM on this machine: fix phys_start/size or flag device memory BH_MEM_IO",
			       i, mem[i].phys_start,
			       mem[i].phys_start + mem[i].size);
	}
	return 0;
}

/* ---- the system config ------------------------------------------------ */

static int cc_check_hv_memory(struct cc_ctx *ctx,
			      const struct bh_system_config *sys,
			      const struct bh_check_env *env)
{
	const struct bh_memory_region *hv = &sys->hypervisor_memory;

	if (!hv->size || ((hv->phys_start | hv->size) & (BH_PAGE_SIZE - 1)))
		return cc_fail(ctx, -BH_EINVAL,
			       "hypervisor_memory (phys 0x%llx, size 0x%llx) must be non-empty and 4 KiB aligned",
			       hv->phys_start, hv->size);
	if (hv->size > BH_MAX_PHYS_ADDR ||
	    hv->phys_start > BH_MAX_PHYS_ADDR - hv->size)
		return cc_fail(ctx, -BH_EINVAL,
			       "hypervisor_memory (phys 0x%llx, size 0x%llx) ends beyond the 40-bit address space that stage 2 translates",
			       hv->phys_start, hv->size);
	if (!cc_in_env_ram(env, hv->phys_start, hv->size))
		return cc_fail(ctx, -BH_ERANGE,
			       "hypervisor_memory [0x%llx-0x%llx) is not RAM on this machine",
			       hv->phys_start, hv->phys_start + hv->size);
	return 0;
}

static int cc_check_console(struct cc_ctx *ctx, const struct bh_console *con)
{
	if (con->type > BH_CONSOLE_CADENCE)
		return cc_fail(ctx, -BH_EINVAL,
			       "debug_console.type %u is unknown: use BH_CONSOLE_NONE, _PL011 or _CADENCE",
			       con->type);
	if (con->type != BH_CONSOLE_NONE && (!con->address || !con->size))
		return cc_fail(ctx, -BH_EINVAL,
			       "debug_console has a type but no address or size: set both, or type BH_CONSOLE_NONE");
	return 0;
}

static int cc_check_platform(struct cc_ctx *ctx, const struct bh_platform *p)
{
	if (p->gic_version != 2 && p->gic_version != 3)
		return cc_fail(ctx, -BH_EINVAL,
			       "platform.gic_version is %u: only 2 and 3 are supported",
			       p->gic_version);
	if (p->maintenance_irq < CC_PPI_FIRST ||
	    p->maintenance_irq > CC_PPI_LAST)
		return cc_fail(ctx, -BH_EINVAL,
			       "platform.maintenance_irq %u is not a PPI (16..31): usually 25",
			       p->maintenance_irq);
	if (!p->gicd_base)
		return cc_fail(ctx, -BH_EINVAL,
			       "platform.gicd_base is 0: set the GIC distributor address");
	if (p->gic_version == 3 && !p->gicr_base)
		return cc_fail(ctx, -BH_EINVAL,
			       "platform.gicr_base is 0: GICv3 needs the redistributor address");
	if (p->gic_version == 2 &&
	    (!p->gicc_base || !p->gich_base || !p->gicv_base))
		return cc_fail(ctx, -BH_EINVAL,
			       "platform: GICv2 needs gicc_base, gich_base and gicv_base");
	return 0;
}

/* The GIC frames a cell must not map: the hypervisor owns or emulates them. */
static int cc_gic_frame(const struct bh_platform *p, unsigned int n,
			__u64 *base, __u64 *size, const char **name)
{
	static const char *const names[] = {
		"distributor (GICD)",		"redistributors (GICR)",
		"CPU interface (GICC)",		"hypervisor interface (GICH)",
		"virtual CPU interface (GICV)",
	};
	const __u64 bases[] = { p->gicd_base, p->gicr_base, p->gicc_base,
				p->gich_base, p->gicv_base };
	int aliased = !(p->gicc_base % 0x10000) && !(p->gich_base % 0x10000) &&
		      !(p->gicv_base % 0x10000);
	__u64 if_size = aliased ? CC_GICV2_IF_SIZE_64K : CC_GICV2_IF_SIZE;
	const __u64 sizes[] = { CC_GICD_SIZE, CC_GICR_STRIDE * BH_MAX_CPUS,
				if_size, if_size, if_size };

	if (n >= 5)
		return 0;
	*base = bases[n];
	*size = sizes[n];
	*name = names[n];
	/* GICv2 has no redistributors; GICv3 as used here has no MMIO GICC. */
	if ((p->gic_version == 2 && n == 1) || (p->gic_version == 3 && n >= 2))
		*size = 0;
	return 1;
}

static int cc_check_no_gic(struct cc_ctx *ctx, const struct bh_cell_desc *cell,
			   const struct bh_platform *p)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i, n;
	const char *name;
	__u64 base, size;

	for (n = 0; cc_gic_frame(p, n, &base, &size, &name); n++) {
		if (!base || !size)
			continue;
		if (cell->vuart.address &&
		    cc_overlap(cell->vuart.address, BH_PAGE_SIZE, base, size))
			return cc_fail(ctx, -BH_EINVAL,
				       "vuart.address 0x%llx is where the cell sees the GIC %s: move the vUART",
				       cell->vuart.address, name);
		for (i = 0; i < cell->num_memory_regions; i++) {
			if (cc_is_comm(&mem[i]) ||
			    !cc_overlap(mem[i].phys_start, mem[i].size, base,
					size))
				continue;
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u [0x%llx-0x%llx) maps the GIC %s at 0x%llx: remove it, the hypervisor handles the GIC",
				       i, mem[i].phys_start,
				       mem[i].phys_start + mem[i].size, name,
				       base);
		}
	}
	return 0;
}

static int cc_check_not_hv(struct cc_ctx *ctx, const struct bh_cell_desc *cell,
			   const struct bh_memory_region *hv)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++) {
		if (cc_is_comm(&mem[i]) ||
		    !cc_overlap(mem[i].phys_start, mem[i].size, hv->phys_start,
				hv->size))
			continue;
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u [0x%llx-0x%llx) overlaps the hypervisor memory [0x%llx-0x%llx): shrink the region",
			       i, mem[i].phys_start,
			       mem[i].phys_start + mem[i].size, hv->phys_start,
			       hv->phys_start + hv->size);
	}
	return 0;
}

/* Linux runs identity-mapped: its guest-physical view is the machine's. */
static int cc_check_root_identity(struct cc_ctx *ctx,
				  const struct bh_cell_desc *cell)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++)
		if (!cc_is_comm(&mem[i]) &&
		    mem[i].virt_start != mem[i].phys_start)
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u: virt_start 0x%llx differs from phys_start 0x%llx, the root cell must be mapped 1:1",
				       i, mem[i].virt_start, mem[i].phys_start);
	return 0;
}

/* ---- channels ------------------------------------------------------- */

static int cc_check_name(struct cc_ctx *ctx, const char *name, const char *field)
{
	__u64 len = cc_strnlen(name, BH_CELL_NAME_LEN);

	if (len == 0)
		return cc_fail(ctx, -BH_EINVAL, "%s is empty", field);
	if (len == BH_CELL_NAME_LEN)
		return cc_fail(ctx, -BH_EINVAL,
			       "%s is not NUL-terminated: at most %u characters",
			       field, BH_CELL_NAME_LEN - 1);
	return 0;
}

static int cc_same_name(const char *a, const char *b)
{
	return cc_memeq(a, b, cc_strnlen(a, BH_CELL_NAME_LEN) + 1);
}

static int cc_check_channel_layout(struct cc_ctx *ctx,
				   const struct bh_channel_desc *ch)
{
	__u64 sizes = ch->out_size[0] | ch->out_size[1] | ch->common_size;

	if (ch->flags || ch->reserved)
		return cc_fail(ctx, -BH_EINVAL,
			       "flags 0x%x, reserved 0x%x: both must be 0",
			       ch->flags, ch->reserved);
	if (!ch->out_size[0] || !ch->out_size[1])
		return cc_fail(ctx, -BH_EINVAL,
			       "out_size is 0x%llx/0x%llx: each peer needs an output area of at least 0x1000",
			       ch->out_size[0], ch->out_size[1]);
	if ((ch->address | sizes) & (BH_PAGE_SIZE - 1))
		return cc_fail(ctx, -BH_EINVAL,
			       "address 0x%llx and the sizes (0x%llx, 0x%llx, 0x%llx) must be multiples of 0x1000",
			       ch->address, ch->out_size[0], ch->out_size[1],
			       ch->common_size);
	if (ch->out_size[0] > BH_MAX_PHYS_ADDR ||
	    ch->out_size[1] > BH_MAX_PHYS_ADDR ||
	    ch->common_size > BH_MAX_PHYS_ADDR ||
	    ch->address > BH_MAX_PHYS_ADDR - bh_channel_size(ch))
		return cc_fail(ctx, -BH_EINVAL,
			       "at 0x%llx it ends beyond the 40-bit address space that stage 2 translates",
			       ch->address);
	return 0;
}

static int cc_check_channel_peers(struct cc_ctx *ctx,
				  const struct bh_channel_desc *ch)
{
	unsigned int n;
	int err;

	err = cc_check_name(ctx, ch->peer[0], "peer 0");
	if (!err)
		err = cc_check_name(ctx, ch->peer[1], "peer 1");
	if (!err && cc_same_name(ch->peer[0], ch->peer[1]))
		return cc_fail(ctx, -BH_EINVAL,
			       "both peers are '%.*s': a channel joins two different cells",
			       BH_CELL_NAME_LEN, ch->peer[0]);
	for (n = 0; !err && n < 2; n++) {
		unsigned int irq = ch->doorbell_irq[n];

		if (irq < CC_SPI_FIRST || irq > CC_SPI_LAST)
			return cc_fail(ctx, -BH_EINVAL,
				       "doorbell_irq[%u] is INTID %u: a doorbell is an SPI (%u..%u) that no device drives",
				       n, irq, CC_SPI_FIRST, CC_SPI_LAST);
	}
	if (!err && ch->doorbell_irq[0] == ch->doorbell_irq[1])
		return cc_fail(ctx, -BH_EINVAL,
			       "both doorbells are INTID %u: give each peer its own",
			       ch->doorbell_irq[0]);
	return err;
}

/* Its memory is the cells' (ASSIGNABLE RAM): never Linux's, never the HV's */
static int cc_check_channel_memory(struct cc_ctx *ctx,
				   const struct bh_channel_desc *ch,
				   const struct bh_system_config *sys)
{
	const struct bh_cell_desc *root = &sys->root_cell;
	const struct bh_memory_region *mem = bh_cell_mem_regions(root);
	const struct bh_memory_region *hv = &sys->hypervisor_memory;
	__u64 size = bh_channel_size(ch);
	unsigned int j;

	if (cc_overlap(ch->address, size, hv->phys_start, hv->size))
		return cc_fail(ctx, -BH_EINVAL,
			       "[0x%llx-0x%llx) overlaps the hypervisor memory: move the channel",
			       ch->address, ch->address + size);
	for (j = 0; j < root->num_memory_regions; j++)
		if ((mem[j].flags & BH_MEM_ASSIGNABLE) && cc_is_ram(&mem[j]) &&
		    cc_inside(ch->address, size, mem[j].phys_start, mem[j].size))
			return 0;
	return cc_fail(ctx, -BH_EINVAL,
		       "[0x%llx-0x%llx) is not inside RAM the system config keeps for cells: put it in a root cell region flagged BH_MEM_ASSIGNABLE (BH_REGION_FOR_CELLS_RAM)",
		       ch->address, ch->address + size);
}

static int cc_check_channel_pair(struct cc_ctx *ctx,
				 const struct bh_channel_desc *a,
				 const struct bh_channel_desc *b)
{
	unsigned int n, m;

	if (cc_same_name(a->name, b->name))
		return cc_fail(ctx, -BH_EINVAL,
			       "a second channel has this name: rename one");
	if (cc_overlap(a->address, bh_channel_size(a), b->address,
		       bh_channel_size(b)))
		return cc_fail(ctx, -BH_EINVAL,
			       "[0x%llx-0x%llx) overlaps channel '%.*s': give each channel its own memory",
			       a->address, a->address + bh_channel_size(a),
			       BH_CHANNEL_NAME_LEN, b->name);
	for (n = 0; n < 2; n++)
		for (m = 0; m < 2; m++)
			if (a->doorbell_irq[n] == b->doorbell_irq[m])
				return cc_fail(ctx, -BH_EINVAL,
					       "doorbell INTID %u is also a doorbell of channel '%.*s': each doorbell needs its own SPI",
					       a->doorbell_irq[n],
					       BH_CHANNEL_NAME_LEN, b->name);
	return 0;
}

static int cc_check_channels(struct cc_ctx *ctx,
			     const struct bh_system_config *sys)
{
	const struct bh_channel_desc *chans = bh_system_channels(sys);
	unsigned int i, j;
	int err = 0;

	for (i = 0; !err && i < sys->num_channels; i++) {
		const struct bh_channel_desc *ch = &chans[i];

		ctx->what = "channel";
		ctx->name = 0;
		err = cc_check_name(ctx, ch->name, "name");
		if (err)
			break;
		ctx->name = ch->name;
		err = cc_check_channel_layout(ctx, ch);
		if (!err)
			err = cc_check_channel_peers(ctx, ch);
		if (!err)
			err = cc_check_channel_memory(ctx, ch, sys);
		for (j = 0; !err && j < i; j++)
			err = cc_check_channel_pair(ctx, ch, &chans[j]);
	}
	return err;
}

/* Which side of ch the cell is: 0 or 1, or -1 when it is no peer. */
int bh_channel_side(const struct bh_channel_desc *ch, const char *cell_name)
{
	if (cc_same_name(cell_name, ch->peer[0]))
		return 0;
	if (cc_same_name(cell_name, ch->peer[1]))
		return 1;
	return -1;
}

/*
 * A cell's own regions stay clear of every channel's memory (shared only
 * through the channel), and of the windows where its channels appear.
 */
static int cc_check_cell_channels(struct cc_ctx *ctx,
				  const struct bh_cell_desc *cell,
				  const struct bh_system_config *sys)
{
	const struct bh_channel_desc *chans = bh_system_channels(sys);
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i, k, n;

	for (k = 0; k < sys->num_channels; k++) {
		const struct bh_channel_desc *ch = &chans[k];
		__u64 size = bh_channel_size(ch);
		int peer = bh_channel_side(ch, cell->name) >= 0;

		for (i = 0; i < cell->num_memory_regions; i++) {
			if (!cc_is_comm(&mem[i]) &&
			    cc_overlap(mem[i].phys_start, mem[i].size,
				       ch->address, size))
				return cc_fail(ctx, -BH_EBUSY,
					       "memory region %u [0x%llx-0x%llx) overlaps the memory of channel '%.*s': a channel's memory is shared through the channel only",
					       i, mem[i].phys_start,
					       mem[i].phys_start + mem[i].size,
					       BH_CHANNEL_NAME_LEN, ch->name);
			if (peer && cc_overlap(mem[i].virt_start, mem[i].size,
					       ch->address, size))
				return cc_fail(ctx, -BH_EINVAL,
					       "memory region %u at guest 0x%llx overlaps channel '%.*s', which this cell sees at [0x%llx-0x%llx): move the region",
					       i, mem[i].virt_start,
					       BH_CHANNEL_NAME_LEN, ch->name,
					       ch->address, ch->address + size);
		}
		if (peer && cell->vuart.address &&
		    cc_overlap(cell->vuart.address, BH_PAGE_SIZE, ch->address,
			       size))
			return cc_fail(ctx, -BH_EINVAL,
				       "vuart.address 0x%llx is inside channel '%.*s': move the vUART",
				       cell->vuart.address, BH_CHANNEL_NAME_LEN,
				       ch->name);
		for (n = 0; n < 2; n++)
			if (cc_irq_owned(cell, ch->doorbell_irq[n]))
				return cc_fail(ctx, -BH_EINVAL,
					       "IRQ %u is a doorbell of channel '%.*s': remove it from irq_bitmap, a peer gets its doorbell by itself",
					       ch->doorbell_irq[n],
					       BH_CHANNEL_NAME_LEN, ch->name);
	}
	return 0;
}

int bh_config_kind(const void *buf, __u64 size)
{
	if (!buf || size < BH_SIGNATURE_LEN)
		return BH_CONFIG_KIND_NONE;
	if (cc_memeq(buf, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_LEN))
		return BH_CONFIG_KIND_SYSTEM;
	if (cc_memeq(buf, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN))
		return BH_CONFIG_KIND_CELL;
	return BH_CONFIG_KIND_NONE;
}

void bh_check_env_init(struct bh_check_env *env)
{
	unsigned char *p = (unsigned char *)env;
	unsigned long i;

	for (i = 0; i < sizeof(*env); i++)
		p[i] = 0;
	env->calling_cpu = -1;
}

/* What any buffer must satisfy before its first field is read. */
static int cc_check_buffer(struct cc_ctx *ctx, const void *buf, __u64 size,
			   __u64 min, const char *sig, int kind)
{
	int found;

	if (!buf)
		return cc_fail(ctx, -BH_EINVAL, "no config given");
	if ((unsigned long)buf & 7)
		return cc_fail(ctx, -BH_EINVAL,
			       "config buffer is not 8-byte aligned");
	found = bh_config_kind(buf, size);
	if (found != BH_CONFIG_KIND_NONE && found != kind)
		return cc_fail(ctx, -BH_EINVAL,
			       "this is a %s config, not a %s config",
			       kind == BH_CONFIG_KIND_SYSTEM ? "cell" : "system",
			       kind == BH_CONFIG_KIND_SYSTEM ? "system" :
							       "cell");
	if (size < min)
		return cc_fail(ctx, -BH_EINVAL,
			       "only %llu bytes: a config is at least %llu bytes",
			       size, min);
	if (!cc_memeq(buf, sig, BH_SIGNATURE_LEN))
		return cc_fail(ctx, -BH_EINVAL,
			       "signature is not \"%s\": not a Bulkhead config file",
			       sig);
	return 0;
}

static int cc_check_system_fields(struct cc_ctx *ctx,
				  const struct bh_system_config *sys,
				  __u64 size, const struct bh_check_env *env)
{
	int err;

	if (sys->revision != BH_CONFIG_REVISION)
		return cc_fail(ctx, -BH_EINVAL,
			       "revision %u, this build understands %u: rebuild the config against this abi.h",
			       sys->revision, BH_CONFIG_REVISION);
	if (sys->num_channels > BH_MAX_CHANNELS)
		return cc_fail(ctx, -BH_E2BIG,
			       "num_channels is %u, the limit is %u",
			       sys->num_channels, BH_MAX_CHANNELS);
	if (sys->reserved)
		return cc_fail(ctx, -BH_EINVAL,
			       "reserved field is 0x%x: it must be 0",
			       sys->reserved);
	if (size - (sizeof(*sys) - sizeof(sys->root_cell)) <
	    sys->num_channels * sizeof(struct bh_channel_desc))
		return cc_fail(ctx, -BH_EINVAL,
			       "truncated: %u channels do not fit in %llu bytes",
			       sys->num_channels, size);
	if (sys->flags & ~BH_SYS_VALID_FLAGS)
		return cc_fail(ctx, -BH_EINVAL,
			       "flags 0x%x: unknown system flags, the only one is BH_SYS_ROOT_HALT_STOPS_ALL",
			       sys->flags);
	err = cc_check_hv_memory(ctx, sys, env);
	if (!err)
		err = cc_check_console(ctx, &sys->debug_console);
	if (!err)
		err = cc_check_platform(ctx, &sys->platform);
	return err;
}

int bh_check_system_config(const void *buf, __u64 size,
			   const struct bh_check_env *env,
			   struct bh_check_report *rep)
{
	const struct bh_system_config *sys = buf;
	struct cc_ctx ctx = { rep, "system config", 0 };
	int err;

	err = cc_check_buffer(&ctx, buf, size, sizeof(*sys),
			      BH_SYSTEM_SIGNATURE, BH_CONFIG_KIND_SYSTEM);
	if (!err)
		err = cc_check_system_fields(&ctx, sys, size, env);
	if (err)
		return err;

	ctx.what = "root cell";
	err = cc_check_cell_alone(&ctx, &sys->root_cell,
				  size - (sizeof(*sys) - sizeof(sys->root_cell)) -
					  sys->num_channels *
						  sizeof(struct bh_channel_desc));
	if (!err)
		err = cc_check_root_identity(&ctx, &sys->root_cell);
	if (!err && (sys->root_cell.vuart.address || sys->root_cell.vuart.irq))
		err = cc_fail(&ctx, -BH_EINVAL,
			      "vuart: Linux has its own UART, the root cell cannot have a vUART: leave it 0");
	if (!err && (sys->root_cell.health.watchdog_ms ||
		     sys->root_cell.health.restart_budget))
		err = cc_fail(&ctx, -BH_EINVAL,
			      "health: the hypervisor cannot restart Linux: leave the root cell's policy empty (see BH_SYS_ROOT_HALT_STOPS_ALL)");
	if (!err)
		err = cc_check_not_hv(&ctx, &sys->root_cell,
				      &sys->hypervisor_memory);
	if (!err)
		err = cc_check_no_gic(&ctx, &sys->root_cell, &sys->platform);
	if (!err)
		err = cc_check_env_cpus(&ctx, sys->root_cell.cpu_set, env);
	if (!err)
		err = cc_check_env_ram(&ctx, &sys->root_cell, env);
	if (!err)
		err = cc_check_channels(&ctx, sys);
	if (!err)
		cc_report_ok(rep);
	return err;
}

/* ---- a cell against the running system ------------------------------- */

static int cc_check_cell_cpus(struct cc_ctx *ctx,
			      const struct bh_cell_desc *cell,
			      const struct bh_system_config *sys,
			      const struct bh_cell_desc *const *others,
			      unsigned int n_other,
			      const struct bh_check_env *env)
{
	__u64 set = cell->cpu_set, root = sys ? sys->root_cell.cpu_set : 0;
	__u64 taken = 0;
	unsigned int i;

	if (sys && (set & ~root))
		return cc_fail(ctx, -BH_ERANGE,
			       "cpu_set 0x%llx: CPU %d is not a root-cell CPU (root cell cpu_set 0x%llx)",
			       set, cc_first_cpu(set & ~root), root);
	if (env && env->calling_cpu >= 0 && env->calling_cpu < 64 &&
	    (set & (1ULL << env->calling_cpu)))
		return cc_fail(ctx, -BH_EBUSY,
			       "cpu_set 0x%llx includes CPU %d, which is issuing this request: run the command on another CPU (taskset) or pick other CPUs",
			       set, env->calling_cpu);
	for (i = 0; i < n_other; i++) {
		if (set & others[i]->cpu_set)
			return cc_fail(ctx, -BH_EBUSY,
				       "CPU %d already belongs to cell '%.*s': pick other CPUs or destroy that cell",
				       cc_first_cpu(set & others[i]->cpu_set),
				       BH_CELL_NAME_LEN, others[i]->name);
		taken |= others[i]->cpu_set;
	}
	if (sys && !(root & ~taken & ~set))
		return cc_fail(ctx, -BH_EBUSY,
			       "cpu_set 0x%llx would leave the root cell without a CPU",
			       set);
	return cc_check_env_cpus(ctx, set, env);
}

static int cc_check_region_vs_cell(struct cc_ctx *ctx, unsigned int i,
				   const struct bh_memory_region *r,
				   const struct bh_cell_desc *other)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(other);
	unsigned int j;

	for (j = 0; j < other->num_memory_regions; j++) {
		if (cc_is_comm(&mem[j]) ||
		    !cc_overlap(r->phys_start, r->size, mem[j].phys_start,
				mem[j].size))
			continue;
		return cc_fail(ctx, -BH_EBUSY,
			       "memory region %u [0x%llx-0x%llx) overlaps region %u of cell '%.*s': give each cell its own memory",
			       i, r->phys_start, r->phys_start + r->size, j,
			       BH_CELL_NAME_LEN, other->name);
	}
	return 0;
}

/*
 * A cell gets only what the system config lets it have: a root cell
 * region flagged ASSIGNABLE (the root does not map it: the cell has it
 * alone) or, flagged ROOTSHARED, part of one of Linux's own.  An address
 * the system config does not name could be anything (a reset controller,
 * the CPUs' boot addresses), and a device that masters DMA writes
 * wherever it is told: without an SMMU, no cell may have one.
 */
static int cc_check_region_vs_root(struct cc_ctx *ctx, unsigned int i,
				   const struct bh_memory_region *r,
				   const struct bh_cell_desc *root)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(root);
	unsigned int j;

	for (j = 0; j < root->num_memory_regions; j++) {
		if (!cc_overlap(r->phys_start, r->size, mem[j].phys_start,
				mem[j].size))
			continue;
		if (!(r->flags & BH_MEM_ROOTSHARED) &&
		    !(mem[j].flags & BH_MEM_ASSIGNABLE))
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u [0x%llx-0x%llx) overlaps root cell region %u [0x%llx-0x%llx): use memory Linux does not own, or flag it BH_MEM_ROOTSHARED to share it",
				       i, r->phys_start, r->phys_start + r->size,
				       j, mem[j].phys_start,
				       mem[j].phys_start + mem[j].size);
		if (!cc_inside(r->phys_start, r->size, mem[j].phys_start,
			       mem[j].size))
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u [0x%llx-0x%llx) is not inside a single root cell region: split it at 0x%llx or 0x%llx",
				       i, r->phys_start, r->phys_start + r->size,
				       mem[j].phys_start,
				       mem[j].phys_start + mem[j].size);
		if (r->flags & BH_MEM_ROOTSHARED &&
		    mem[j].flags & BH_MEM_ASSIGNABLE)
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u [0x%llx-0x%llx) is ROOTSHARED but root cell region %u is ASSIGNABLE, not Linux's: drop the flag",
				       i, r->phys_start,
				       r->phys_start + r->size, j);
		if (mem[j].flags & BH_MEM_DMA_MASTER)
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u [0x%llx-0x%llx) is a device that masters DMA (root cell region %u): a cell cannot have one until Bulkhead drives an SMMU",
				       i, r->phys_start,
				       r->phys_start + r->size, j);
		return 0;
	}
	if (r->flags & BH_MEM_ROOTSHARED)
		return cc_fail(ctx, -BH_EINVAL,
			       "memory region %u [0x%llx-0x%llx) is ROOTSHARED but the root cell has no such memory: drop the flag",
			       i, r->phys_start, r->phys_start + r->size);
	return cc_fail(ctx, -BH_EINVAL,
		       "memory region %u [0x%llx-0x%llx) is not in the system config: list it in the root cell with BH_MEM_ASSIGNABLE first",
		       i, r->phys_start, r->phys_start + r->size);
}

static int cc_check_cell_memory(struct cc_ctx *ctx,
				const struct bh_cell_desc *cell,
				const struct bh_system_config *sys,
				const struct bh_cell_desc *const *others,
				unsigned int n_other)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i, k;
	int err;

	err = sys ? cc_check_not_hv(ctx, cell, &sys->hypervisor_memory) : 0;
	if (!err && sys)
		err = cc_check_no_gic(ctx, cell, &sys->platform);
	for (i = 0; !err && i < cell->num_memory_regions; i++) {
		if (cc_is_comm(&mem[i]))
			continue;
		if (mem[i].flags & (BH_MEM_ASSIGNABLE | BH_MEM_DMA_MASTER))
			return cc_fail(ctx, -BH_EINVAL,
				       "memory region %u: ASSIGNABLE and DMA_MASTER describe the root cell's regions in the system config, not a cell's",
				       i);
		if (sys)
			err = cc_check_region_vs_root(ctx, i, &mem[i],
						      &sys->root_cell);
		for (k = 0; !err && k < n_other; k++)
			err = cc_check_region_vs_cell(ctx, i, &mem[i],
						      others[k]);
	}
	return err;
}

static int cc_check_cell_irqs(struct cc_ctx *ctx,
			      const struct bh_cell_desc *cell,
			      const struct bh_system_config *sys,
			      const struct bh_cell_desc *const *others,
			      unsigned int n_other)
{
	unsigned int irq, k;

	for (irq = CC_SPI_FIRST; irq <= CC_SPI_LAST; irq++) {
		if (!cc_irq_owned(cell, irq))
			continue;
		if (sys && !cc_irq_owned(&sys->root_cell, irq))
			return cc_fail(ctx, -BH_EINVAL,
				       "IRQ %u is not in the root cell's irq_bitmap, so it cannot be handed over: fix the INTID (SPI n is INTID n+32)",
				       irq);
		for (k = 0; k < n_other; k++)
			if (cc_irq_owned(others[k], irq))
				return cc_fail(ctx, -BH_EBUSY,
					       "IRQ %u already belongs to cell '%.*s'",
					       irq, BH_CELL_NAME_LEN,
					       others[k]->name);
	}
	return 0;
}

static int cc_check_entry(struct cc_ctx *ctx, const struct bh_cell_desc *cell)
{
	const struct bh_memory_region *mem = bh_cell_mem_regions(cell);
	unsigned int i;

	if (cell->entry & 3)
		return cc_fail(ctx, -BH_EINVAL,
			       "entry 0x%llx is not 4-byte aligned",
			       cell->entry);
	for (i = 0; i < cell->num_memory_regions; i++)
		if ((mem[i].flags & BH_MEM_EXECUTE) && !cc_is_comm(&mem[i]) &&
		    cc_inside(cell->entry, 4, mem[i].virt_start, mem[i].size))
			return 0;
	return cc_fail(ctx, -BH_EINVAL,
		       "entry 0x%llx is not inside an EXECUTE memory region: point it at the image's start in the cell's RAM",
		       cell->entry);
}

static int cc_check_cell_names(struct cc_ctx *ctx,
			       const struct bh_cell_desc *cell,
			       const struct bh_system_config *sys,
			       const struct bh_cell_desc *const *others,
			       unsigned int n_other)
{
	unsigned int k;
	__u64 len = cc_strnlen(cell->name, BH_CELL_NAME_LEN) + 1;

	if (sys && cc_memeq(cell->name, sys->root_cell.name, len))
		return cc_fail(ctx, -BH_EEXIST,
			       "the root cell has this name already: rename the cell");
	for (k = 0; k < n_other; k++)
		if (cc_memeq(cell->name, others[k]->name, len))
			return cc_fail(ctx, -BH_EEXIST,
				       "a cell with this name exists already: destroy it first or rename this one");
	return 0;
}

int bh_check_cell_config(const void *buf, __u64 size,
			 const struct bh_system_config *sys,
			 const struct bh_cell_desc *const *other_cells,
			 unsigned int n_other, const struct bh_check_env *env,
			 struct bh_check_report *rep)
{
	const struct bh_cell_desc *cell = buf;
	struct cc_ctx ctx = { rep, "cell", 0 };
	int err;

	err = cc_check_buffer(&ctx, buf, size, sizeof(*cell), BH_CELL_SIGNATURE,
			      BH_CONFIG_KIND_CELL);
	if (!err)
		err = cc_check_cell_alone(&ctx, cell, size);
	if (!err && n_other && !other_cells)
		err = cc_fail(&ctx, -BH_EINVAL, "other cells missing");
	if (!err && sys && (cell->flags & BH_CELL_DIRECT_IRQ) &&
	    sys->platform.gic_version != 3)
		err = cc_fail(&ctx, -BH_EINVAL,
			      "BH_CELL_DIRECT_IRQ needs GICv3, this board has GICv%u: drop the flag",
			      sys->platform.gic_version);
	if (!err)
		err = cc_check_entry(&ctx, cell);
	if (!err)
		err = cc_check_cell_names(&ctx, cell, sys, other_cells, n_other);
	if (!err)
		err = cc_check_cell_cpus(&ctx, cell, sys, other_cells, n_other,
					 env);
	if (!err)
		err = cc_check_cell_memory(&ctx, cell, sys, other_cells,
					   n_other);
	if (!err)
		err = cc_check_cell_irqs(&ctx, cell, sys, other_cells, n_other);
	if (!err && sys)
		err = cc_check_cell_channels(&ctx, cell, sys);
	if (!err)
		err = cc_check_env_ram(&ctx, cell, env);
	if (!err)
		cc_report_ok(rep);
	return err;
}
