/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead inmate library: everything a bare-metal program needs to run in a
 * Bulkhead cell or bare on QEMU (virt: GICv3 + PL011, xlnx-zcu102: GICv2 +
 * Cadence UART).  The build (the Kconfig header, -include autoconf.h) picks
 * the GIC and UART drivers and the link address, never a device address:
 * inside a cell those come from the comm region, bare from the command line
 * (inmate_board below).
 *
 * Start-up (lib/entry.S): the image is linked and entered at
 * CONFIG_INMATE_BASE.  The entry code drops from EL2 to EL1 if needed, sets
 * up the stack, clears .bss, installs the library's VBAR_EL1, remembers
 * x0/x1 to detect the cell boot protocol (x1 == BH_CELL_BOOT_MAGIC), turns on
 * the MMU (identity map: the 1 GiB holding the image is normal write-back
 * memory, everything else device), initialises the console (UART or the
 * console hypercall, "console=hvc") and calls main().  When main() returns,
 * inmate_exit() is called with its result.
 *
 * Nothing here depends on the library's own vector table: the GIC, timer,
 * UART and comm-region functions can be used from a program that installs
 * its own VBAR_EL1 (e.g. an RTOS doing context switches in its IRQ entry).
 * Only irq_init()/irq_set_handler() and the default exception report rely
 * on the library vectors.
 *
 * One CPU, the one that entered the image, unless a bare program starts
 * more with cpu_start(): each of those may then use printk() (not at the
 * same time as another), its own GIC CPU interface (gic_init(), then
 * gic_enable_irq() for its SGIs and PPIs), the timer and the shared IRQ
 * handler; the heap, the command line and the channels stay the first
 * CPU's.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bulkhead/abi.h>

/* Same widths as abi.h's __u64 etc.: print u64 with %llu / %llx */
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))
#define __noreturn     __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __aligned(x)   __attribute__((aligned(x)))
#define __weak	       __attribute__((weak))
#define __used	       __attribute__((used))

/* ------------------------------------------------------------------ */
/* CPU, barriers, system registers, MMIO                               */
/* ------------------------------------------------------------------ */

#define isb()	    asm volatile("isb" ::: "memory")
#define dsb(opt)    asm volatile("dsb " #opt ::: "memory")
#define dmb(opt)    asm volatile("dmb " #opt ::: "memory")
#define mb()	    dsb(sy)
#define rmb()	    dsb(ld)
#define wmb()	    dsb(st)
#define cpu_relax() asm volatile("yield" ::: "memory")
#define wfi()	    asm volatile("wfi" ::: "memory")

/* Register names as strings, so assembler aliases (e.g. icc_iar1_el1) work */
#define read_sysreg(reg)                                               \
	({                                                             \
		u64 __val;                                             \
		asm volatile("mrs %0, " #reg : "=r"(__val)::"memory"); \
		__val;                                                 \
	})
#define write_sysreg(val, reg) \
	asm volatile("msr " #reg ", %0" ::"r"((u64)(val)) : "memory")

static inline u8 mmio_read8(unsigned long addr)
{
	return *(volatile u8 *)addr;
}

static inline u16 mmio_read16(unsigned long addr)
{
	return *(volatile u16 *)addr;
}

static inline u32 mmio_read32(unsigned long addr)
{
	return *(volatile u32 *)addr;
}

static inline u64 mmio_read64(unsigned long addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write8(unsigned long addr, u8 val)
{
	*(volatile u8 *)addr = val;
}

static inline void mmio_write16(unsigned long addr, u16 val)
{
	*(volatile u16 *)addr = val;
}

static inline void mmio_write32(unsigned long addr, u32 val)
{
	*(volatile u32 *)addr = val;
}

static inline void mmio_write64(unsigned long addr, u64 val)
{
	*(volatile u64 *)addr = val;
}

/* Mask/unmask IRQs at this CPU (PSTATE.I) */
static inline void irq_enable(void)
{
	asm volatile("msr daifclr, #2" ::: "memory");
}

static inline void irq_disable(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
}

/* MPIDR_EL1 affinity fields Aff3..Aff0 packed as in GICR_TYPER[63:32] */
u32 cpu_affinity(void);

/* ------------------------------------------------------------------ */
/* Environment: cell or bare                                           */
/* ------------------------------------------------------------------ */

/*
 * The comm region when started in a cell (x1 == BH_CELL_BOOT_MAGIC at entry
 * and the signature matches), NULL when running bare.
 */
extern struct bh_comm_region *comm_region;

/* Exception level the image was entered at (1 or 2; we always run at EL1) */
extern unsigned int inmate_entry_el;

static inline bool inmate_in_cell(void)
{
	return comm_region != NULL;
}

/*
 * Where the board's devices are, as this program sees them, 0 where
 * unknown: set at start-up from the command line ("gicd=", "gicr=",
 * "gicc=", "uart=", "uart_irq="), else in a cell from the comm region
 * (its GIC, and its console region's address if it owns a UART).  Bare,
 * only the command line tells.  The UART's interrupt is in no config: in
 * a cell too it is known only if given as "uart_irq=".
 */
struct inmate_board {
	unsigned long gicd;
	unsigned long gicr; /* GICv3 redistributors */
	unsigned long gicc; /* GICv2 CPU interface (a cell's: the GICV frame) */
	unsigned long uart;
	unsigned int uart_irq; /* INTID */
};

extern struct inmate_board inmate_board;

/*
 * End the program: in a cell, PSCI CPU_OFF (the hypervisor parks the CPU);
 * bare, PSCI SYSTEM_OFF so QEMU exits.  Falls back to a WFI loop.
 * main()'s return value ends up here.
 */
void __noreturn inmate_exit(int code);

/* Stop forever with IRQs masked (WFI loop), no PSCI */
void __noreturn inmate_halt(void);

/* ------------------------------------------------------------------ */
/* Comm region helpers (all are no-ops / false when bare)              */
/* ------------------------------------------------------------------ */

/* The hypervisor asks the cell to shut down (msg_to_cell) */
bool comm_shutdown_requested(void);
bool comm_root_stopped(void);
/* Answer the pending message: BH_MSG_REQUEST_APPROVED / _DENIED / _RECEIVED */
void comm_reply(u32 reply);
void comm_approve_shutdown(void);
void comm_deny_shutdown(void);
/* Report own state (BH_CELL_RUNNING_LOCKED, ...) via BH_HC_CELL_SET_STATE */
long comm_set_state(u32 state);
/*
 * Health monitoring: kick the watchdog (when the cell has one; cheap to
 * call often), report a failure, and how often the hypervisor restarted
 * this cell.
 */
void watchdog_kick(void);
void comm_report_failed(void);
u32 comm_restarts(void);
/* Counter value when the hypervisor saw the cell's last failure */
u64 comm_failure_ticks(void);

/* Raw hypercall: hvc #BH_HVC_IMM, x0 = code, x1..x3 = args, returns x0 */
long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2,
	       unsigned long arg3);

/* ------------------------------------------------------------------ */
/* Command line: "key=value key2=value2 flag"                          */
/* ------------------------------------------------------------------ */

/*
 * In a cell the text comes from comm_region->cmdline.  Bare, it is empty
 * unless a string starting with BARE_CMDLINE_MAGIC was placed at
 * BARE_CMDLINE_ADDR (QEMU: -device loader,file=F,addr=...,force-raw=on).
 */
#define BARE_CMDLINE_MAGIC  "BHCMDLN:"
#define BARE_CMDLINE_OFFSET 0x00f00000UL
#define BARE_CMDLINE_ADDR   (CONFIG_INMATE_BASE + BARE_CMDLINE_OFFSET)

const char *cmdline_get(void);
/* Value of key as a number (strtoul base 0: 0x.. hex, else decimal) */
unsigned long cmdline_parse_int(const char *key, unsigned long def);
/* key present ("key", "key=1", "key=on", "key=yes") -> true */
bool cmdline_parse_bool(const char *key, bool def);
/* Copy the value of key into buf (NUL-terminated); def if absent */
const char *cmdline_parse_str(const char *key, char *buf, size_t size,
			      const char *def);

/* ------------------------------------------------------------------ */
/* Console and printk                                                  */
/* ------------------------------------------------------------------ */

/*
 * Board UART (PL011 on virt, Cadence on zcu102) at inmate_board.uart: the
 * cell's console region, or "uart=0x..." on the command line.  The
 * start-up code calls uart_init(); nothing else is needed before printk().
 * With no UART located, the console is hvc in a cell and none bare.
 */
void uart_init(unsigned long base);
unsigned long uart_base(void);
void uart_putc(char c);
/* Next received character, or -1 if none */
int uart_getc(void);
/* Receive interrupt on/off at the UART (the GIC line: inmate_board.uart_irq) */
void uart_enable_rx_irq(bool on);
/* Acknowledge a UART interrupt (clears the receive condition) */
void uart_ack_irq(void);

/*
 * The cell's virtual UART (PL011 registers the hypervisor emulates), when
 * its config gives it one: the comm region says where (console_type
 * BH_CONSOLE_VUART, console_base) and which SPI it raises (console_irq).
 */
void vuart_init(unsigned long base);
void vuart_putc(char c);
int vuart_getc(void); /* -1: nothing received */
void vuart_enable_rx_irq(bool on);
/* The vUART's SPI (INTID), 0 if the cell has none */
unsigned int vuart_irq(void);

enum console_kind {
	CONSOLE_UART,
	CONSOLE_HVC, /* BH_HC_DEBUG_CONSOLE_PUTC */
	CONSOLE_NONE,
	CONSOLE_VUART, /* the cell's virtual UART */
};

/*
 * Chosen at start-up from "console=uart|hvc|vuart|none"; the default is
 * vuart when the cell has one, else hvc when it has no UART, else uart.
 */
void console_set(enum console_kind kind);
enum console_kind console_get(void);
void console_putc(char c);	  /* "\n" becomes "\r\n" */
void console_puts(const char *s); /* no newline appended */
int console_getc(void);		  /* -1: none (always -1 for hvc) */

/*
 * Formats: %d %i %u %x %X %o %c %s %p %%, length modifiers l, ll, z,
 * flags '-' and '0', a field width (also '*').  Returns chars written.
 */
int __printf(1, 2) printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);
int __printf(3, 4) snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ------------------------------------------------------------------ */
/* GIC (v2 or v3, chosen by CONFIG_GIC_V2/CONFIG_GIC_V3)               */
/* ------------------------------------------------------------------ */

#define GIC_SPURIOUS  1023
#define GIC_FIRST_SPI 32

/*
 * Bring up the distributor (bare only; a cell leaves the shared one as the
 * hypervisor presents it), this CPU's redistributor (v3) and CPU interface:
 * priority mask open, group 1 enabled.  Does not touch VBAR or PSTATE.I.
 * Returns 0, or -1 if the GIC's addresses are unknown (inmate_board) or
 * this CPU's redistributor was not found.
 */
int gic_init(void);
/* Route (SPIs: to this CPU), set group 1 + default priority, enable */
void gic_enable_irq(unsigned int intid);
void gic_disable_irq(unsigned int intid);
void gic_set_priority(unsigned int intid, u8 prio);
/*
 * Acknowledge the highest-priority pending IRQ.  Returns the raw IAR value:
 * the INTID is (iar & 0x3ff), 1020..1023 mean none (GIC_SPURIOUS); on
 * GICv2 an SGI also carries its source CPU in bits 12:10.  Hand the same
 * value back to gic_eoi_irq().
 */
unsigned int gic_ack_irq(void);
/* End of interrupt (priority drop + deactivate) for a gic_ack_irq() value */
void gic_eoi_irq(unsigned int iar);
/* SGI to this CPU only */
void gic_send_sgi_self(unsigned int sgi);
/* to the CPU with that Aff0 in our cluster (GICv2: CPU interface) */
void gic_send_sgi(unsigned int sgi, unsigned int aff0);
unsigned long gic_dist_base(void);

/* ------------------------------------------------------------------ */
/* IRQ dispatch through the library vectors                            */
/* ------------------------------------------------------------------ */

typedef void (*irq_handler_t)(unsigned int intid);

/*
 * gic_init() plus: every IRQ taken through the library's vectors is acked,
 * passed to handler (INTID only, 0..1019), then EOIed.  Call irq_enable()
 * afterwards.
 */
int irq_init(irq_handler_t handler);
void irq_set_handler(irq_handler_t handler);
/* The dispatch loop the library vector runs; usable from other vectors */
void irq_dispatch(void);

/* ------------------------------------------------------------------ */
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

struct exception_frame {
	u64 regs[31]; /* x0..x30 */
	u64 sp;
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
};

/*
 * Optional hook for synchronous exceptions / SErrors taken at EL1 through
 * the library vectors.  Return true to resume (elr may be changed), false to
 * get the default report ("EXCEPTION: ... ESR=... FAR=... ELR=...",
 * "STOPPED."), after which a cell marks itself BH_CELL_FAILED and halts and
 * a bare run powers QEMU off.  kind: "sync", "serror", "fiq", "unexpected".
 */
typedef bool (*exception_hook_t)(const char *kind, struct exception_frame *f);
void exception_set_hook(exception_hook_t hook);
/* Address of the library vector table (to restore it after borrowing VBAR) */
extern char inmate_vectors[];

/* ------------------------------------------------------------------ */
/* ARM generic timer, virtual (CNTV, PPI 27)                           */
/* ------------------------------------------------------------------ */

#define TIMER_VIRT_IRQ 27

/* Ticks per second: comm region's timer_frequency if set, else CNTFRQ_EL0 */
u64 timer_get_frequency(void);
/* CNTVCT_EL0, ordered by an ISB */
u64 timer_get_ticks(void);
/* Arm the virtual timer: absolute compare value / relative to now */
void timer_set_cval(u64 cval);
void timer_set_tval(u32 ticks);
u64 timer_get_cval(void);
void timer_stop(void);
u64 timer_ticks_to_ns(u64 ticks);
u64 timer_ns_to_ticks(u64 ns);
/* Busy-wait */
void delay_us(u64 us);

/* ------------------------------------------------------------------ */
/* PSCI: SMC (cell, or bare with EL2/EL3), HVC (bare virt without EL2)  */
/* ------------------------------------------------------------------ */

#define PSCI_VERSION	  0x84000000UL
#define PSCI_CPU_OFF	  0x84000002UL
#define PSCI_CPU_ON	  0xc4000003UL
#define PSCI_SYSTEM_OFF	  0x84000008UL
#define PSCI_SYSTEM_RESET 0x84000009UL

long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3);
void psci_cpu_off(void);    /* returns only on failure */
void psci_system_off(void); /* returns only on failure */

/*
 * Start the CPU with that MPIDR (PSCI CPU_ON): it runs fn(arg) at EL1 on
 * the stack [stack, stack + size), with the library's vectors, the MMU on
 * with the same map if it is on here, IRQs masked and its GIC CPU
 * interface untouched; when fn returns it turns itself off.  Returns the
 * PSCI status (0: started).  Bare runs (a cell gets only its own CPUs);
 * call mmu_map_normal() before, not after.
 */
long cpu_start(unsigned long mpidr, void (*fn)(void *arg), void *arg,
	       void *stack, size_t size);

/* ------------------------------------------------------------------ */
/* Strings, memory, heap                                               */
/* ------------------------------------------------------------------ */

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *dst, const char *src, size_t n);
unsigned long strtoul(const char *s, char **end, int base);

/* First-fit heap in a static arena (INMATE_HEAP_SIZE, 64 KiB), 16-byte aligned */
void *malloc(size_t size);
void *zalloc(size_t size);
void free(void *ptr);
size_t heap_free_bytes(void);

/* ------------------------------------------------------------------ */
/* Channels: shared memory and doorbells with another cell             */
/* ------------------------------------------------------------------ */

struct channel;
typedef void (*channel_handler_t)(struct channel *ch);

struct channel {
	const struct bh_channel_header *hdr; /* the hypervisor's page */
	volatile u32 *doorbell;
	void *own; /* we write, the peer reads */
	u64 own_size;
	const void *peer; /* the peer writes, we read */
	u64 peer_size;
	void *common; /* both write; NULL if none */
	u64 common_size;
	unsigned int side; /* which peer we are: 0, 1 */
	unsigned int irq;  /* our doorbell's INTID */
	u32 id;
	channel_handler_t handler;
	u64 doorbells; /* taken so far */
};

/*
 * Find the channel called name among the cell's (comm region): 0, or
 * -BH_ENOENT when the cell is no peer of it (or runs bare).  With the MMU
 * on, maps its gigabyte as normal memory.
 */
int channel_open(struct channel *ch, const char *name);
/* Ring the peer: its doorbell interrupt, coalesced while one is pending */
void channel_ring(const struct channel *ch);
/* BH_PEER_* of the other side, and how often it has been started */
u32 channel_peer_state(const struct channel *ch);
u32 channel_peer_starts(const struct channel *ch);
/*
 * Call handler (IRQ context) on each doorbell, and enable it at the GIC;
 * NULL disables it.  Needs irq_init(); the library's dispatcher routes
 * doorbells before the program's own IRQ handler sees anything.
 */
int channel_set_handler(struct channel *ch, channel_handler_t handler);
/* For programs with their own vectors (the RTOS): true if it was one */
bool channel_dispatch(unsigned int intid);

/* ------------------------------------------------------------------ */
/* Memory map                                                          */
/* ------------------------------------------------------------------ */

/* True once the start-up code enabled the MMU and caches */
bool mmu_enabled(void);
void mmu_map_normal(unsigned long addr);

/* Linker-provided image bounds */
extern char __image_start[], __image_end[], __bss_start[], __bss_end[];
extern char __rodata_end[]; /* code and constants end here */

int main(void);

#endif /* _INMATE_H */
