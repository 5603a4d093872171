/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead shared ABI: everything that crosses a boundary between the
 * hypervisor, the Linux driver, the CLI, the configs and the inmates.
 *
 * One header, used unchanged by all of them.  Fixed-width types only; every
 * structure is naturally aligned and has no implicit padding, so the same
 * bytes mean the same thing to a host tool, the kernel and EL2.
 *
 * Documentation/config-format.md and Documentation/hypercalls.md explain
 * every field and call.
 */
#ifndef _BULKHEAD_ABI_H
#define _BULKHEAD_ABI_H

#if defined(BULKHEAD_FREESTANDING)
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed int __s32;
typedef signed long long __s64;
#else
#include <linux/types.h>
#include <linux/ioctl.h>
#endif

#define BH_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------ */
/* Configuration files (.cell)                                         */
/* ------------------------------------------------------------------ */

#define BH_SIGNATURE_LEN    8
#define BH_SYSTEM_SIGNATURE "BHSYSCFG"
#define BH_CELL_SIGNATURE   "BHCELCFG"
#define BH_CONFIG_REVISION  3

#define BH_CELL_NAME_LEN    32
#define BH_MAX_CPUS	    64
#define BH_MAX_IRQS	    1024 /* GIC INTIDs 0..1019 */
#define BH_IRQ_BITMAP_WORDS (BH_MAX_IRQS / 32)
#define BH_MAX_MEM_REGIONS  64
/* cell ids 0 (the root cell) to BH_MAX_CELLS - 1 */
#define BH_MAX_CELLS	    16
/* the largest cell config: a descriptor and every region it may have */
#define BH_CELL_CONFIG_MAX             \
	(sizeof(struct bh_cell_desc) + \
	 BH_MAX_MEM_REGIONS * sizeof(struct bh_memory_region))

/* Memory region access and use flags */
#define BH_MEM_READ	   0x0001
#define BH_MEM_WRITE	   0x0002
#define BH_MEM_EXECUTE	   0x0004
#define BH_MEM_DMA	   0x0008
#define BH_MEM_IO	   0x0010 /* device memory */
#define BH_MEM_COMM_REGION 0x0020 /* backed by the hypervisor */
#define BH_MEM_LOADABLE	   0x0040 /* root may load images here */
#define BH_MEM_ROOTSHARED  0x0080 /* stays mapped in the root cell */
/* Root cell regions only: what the system config says about its devices */
#define BH_MEM_ASSIGNABLE  0x0100 /* not the root's: for cells */
#define BH_MEM_DMA_MASTER  0x0200 /* a device writing memory itself */
#define BH_MEM_CONSOLE	   0x0400 /* IO: the cell's own UART */
#define BH_MEM_VALID_FLAGS 0x07ff

/*
 * One contiguous range of a cell's guest-physical space.  Addresses and size
 * are page (4 KiB) aligned.  For the comm region phys_start is ignored.
 */
struct bh_memory_region {
	__u64 phys_start;
	__u64 virt_start;
	__u64 size;
	__u64 flags;
};

/* Cell flags */
#define BH_CELL_CONSOLE	    0x0001 /* may use the console hypercall */
#define BH_CELL_DIRECT_IRQ  0x0002 /* IRQs straight to EL1 (GICv3) */
#define BH_CELL_VALID_FLAGS 0x0003

/*
 * Health monitoring: what the hypervisor does, on its own, when a cell
 * fails.  One action per event; the default (all zero) stops the cell and
 * keeps its state for inspection, with no watchdog.
 */
#define BH_EVENT_TRAP	    0 /* an exception it may not cause */
#define BH_EVENT_ACCESS	    1 /* memory or a device not its own */
#define BH_EVENT_WATCHDOG   2 /* no kick within watchdog_ms */
#define BH_EVENT_SYSTEM_OFF 3 /* PSCI SYSTEM_OFF or SYSTEM_RESET */
#define BH_EVENT_REPORTED   4 /* it said so (BH_HC_CELL_SET_STATE) */
#define BH_EVENT_COUNT	    5

#define BH_ACTION_STOP	  0 /* stop it, keep its memory as is */
#define BH_ACTION_RESTART 1 /* start it again from its images */
#define BH_ACTION_NOTIFY  2 /* watchdog, reported: log, run on */

struct bh_health_policy {
	__u32 watchdog_ms;	     /* 0: no watchdog */
	__u16 restart_budget;	     /* restarts before it stays failed */
	__u8 action[BH_EVENT_COUNT]; /* BH_ACTION_* per BH_EVENT_* */
	__u8 reserved[13];
};

/*
 * A virtual UART (an SBSA-UART/PL011 subset the hypervisor emulates):
 * one 4 KiB page of the cell's guest-physical space and an SPI the cell
 * owns.  What the cell writes goes into a buffer in the hypervisor that
 * `bulkhead cell console` reads; what the root sends arrives in its
 * receive FIFO.  address 0: no vUART.  Documentation/vuart.md.
 */
struct bh_vuart_desc {
	__u64 address; /* guest-physical, page aligned */
	__u32 irq;     /* SPI INTID, in the cell's irq_bitmap */
	__u32 flags;   /* none defined: 0 */
};

/*
 * A cell: its CPUs, memory (RAM and devices) and interrupt lines.  In a file,
 * num_memory_regions struct bh_memory_region follow it directly.
 */
struct bh_cell_desc {
	char signature[BH_SIGNATURE_LEN];
	__u32 revision;
	__u32 flags;
	char name[BH_CELL_NAME_LEN];
	__u64 cpu_set; /* bit n: Linux CPU n */
	__u64 entry;   /* guest-physical start address */
	__u32 num_memory_regions;
	__u32 reserved;
	__u32 irq_bitmap[BH_IRQ_BITMAP_WORDS]; /* SPIs the cell owns */
	struct bh_health_policy health;
	struct bh_vuart_desc vuart; /* the root cell's must be all 0 */
};

#define BH_CONSOLE_NONE	   0
#define BH_CONSOLE_PL011   1
#define BH_CONSOLE_CADENCE 2
#define BH_CONSOLE_VUART \
	3 /* comm region only: the cell's
						 * vUART, PL011 registers */

struct bh_console {
	__u64 address;
	__u32 size;
	__u16 type;
	__u16 flags;
};

struct bh_platform {
	__u32 gic_version;     /* 2 or 3 */
	__u32 maintenance_irq; /* PPI INTID */
	__u64 gicd_base;
	__u64 gicr_base; /* GICv3 */
	__u64 gicc_base; /* GICv2 */
	__u64 gich_base; /* GICv2 */
	__u64 gicv_base; /* GICv2 */
};

/*
 * A channel: shared memory and doorbells between two cells (the root cell
 * may be one).  Its window starts at `address`, the same address in both
 * peers and in physical memory, and is laid out as:
 *
 *   +0x0000  header (struct bh_channel_header): only the hypervisor writes
 *   +0x1000  doorbell: a write (any size, any value) rings the other peer
 *   +0x2000  peer 0's output area, out_size[0] bytes: peer 1 reads only
 *   ...      peer 1's output area, out_size[1] bytes: peer 0 reads only
 *   ...      the common area, common_size bytes (may be 0): both write
 *
 * Ringing peer n raises SPI doorbell_irq[n] in it, edge-triggered: while
 * one is pending, more rings add nothing.
 */
#define BH_CHANNEL_NAME_LEN	   32
#define BH_MAX_CHANNELS		   16
#define BH_CHANNEL_HEADER_OFFSET   0x0000
#define BH_CHANNEL_DOORBELL_OFFSET 0x1000
#define BH_CHANNEL_AREAS_OFFSET	   0x2000

struct bh_channel_desc {
	char name[BH_CHANNEL_NAME_LEN];
	char peer[2][BH_CELL_NAME_LEN]; /* cell names, NUL-padded */
	__u64 address;			/* page aligned */
	__u64 out_size[2];		/* page multiples, not 0 */
	__u64 common_size;		/* page multiple, may be 0 */
	__u32 doorbell_irq[2];		/* SPI INTID that rings peer[n] */
	__u32 flags;			/* none defined: 0 */
	__u32 reserved;
};

static inline __u64 bh_channel_size(const struct bh_channel_desc *ch)
{
	return BH_CHANNEL_AREAS_OFFSET + ch->out_size[0] + ch->out_size[1] +
	       ch->common_size;
}

/*
 * The system config handed to `bulkhead enable`.  Layout in a file:
 * struct bh_system_config, then root_cell.num_memory_regions regions, then
 * num_channels struct bh_channel_desc.
 */
/*
 * bh_system_config.flags.  When Linux halts (a panic resetting the board,
 * poweroff, reboot) while other cells run, the default for a safety
 * product is to stop only the root's CPUs and keep the cells running;
 * this flag makes the halt reach the firmware as Linux asked.
 */
#define BH_SYS_ROOT_HALT_STOPS_ALL 0x0001
#define BH_SYS_VALID_FLAGS	   0x0001

/*
 * In hypervisor_memory, after the image and the system config, the
 * hypervisor's page pool starts on this boundary; the driver checks that
 * the memory has room for it.
 */
#define BH_POOL_ALIGN 0x10000

struct bh_system_config {
	char signature[BH_SIGNATURE_LEN];
	__u32 revision;
	__u32 flags; /* BH_SYS_* */
	struct bh_memory_region hypervisor_memory;
	struct bh_console debug_console;
	struct bh_platform platform;
	__u32 num_channels;
	__u32 reserved;
	struct bh_cell_desc root_cell;
};

static inline struct bh_memory_region *
bh_cell_mem_regions(const struct bh_cell_desc *cell)
{
	return (struct bh_memory_region *)((char *)cell + sizeof(*cell));
}

static inline __u64 bh_cell_config_size(const struct bh_cell_desc *cell)
{
	return sizeof(*cell) + (__u64)cell->num_memory_regions *
				       sizeof(struct bh_memory_region);
}

static inline struct bh_channel_desc *
bh_system_channels(const struct bh_system_config *sys)
{
	return (struct bh_channel_desc *)((char *)&sys->root_cell +
					  bh_cell_config_size(&sys->root_cell));
}

static inline __u64 bh_system_config_size(const struct bh_system_config *sys)
{
	return sizeof(*sys) - sizeof(sys->root_cell) +
	       bh_cell_config_size(&sys->root_cell) +
	       (__u64)sys->num_channels * sizeof(struct bh_channel_desc);
}

/* ------------------------------------------------------------------ */
/* Hypervisor image header (first bytes of bulkhead-<board>.bin)       */
/* ------------------------------------------------------------------ */

#define BH_IMAGE_SIGNATURE "BHIMAGE1"

struct bh_image_header {
	char signature[BH_SIGNATURE_LEN];
	__u64 link_base;	 /* physical address it must run at */
	__u64 core_size;	 /* image plus bss, page aligned */
	__u64 bootstrap_vectors; /* offset of the entry vector table */
	__u32 max_cpus;
	__u32 gic_version; /* the board this image was built for */
	/* filled in by the driver before the first CPU enters: */
	__u64 config_offset;  /* where the system config was copied */
	__u64 console_offset; /* struct bh_console_ring */
	__u64 log_offset;     /* struct bh_console_ring: its own
					 * lines, for the kernel log */
};

/*
 * The hypervisor's message ring.  Its pages stay readable (only) by the root
 * cell, so the driver reads messages without a hypercall.  head counts every
 * byte ever written; byte n lives at buf[n % BH_CONSOLE_RING_SIZE].
 *
 * Two rings have this layout: the console (the hypervisor's messages and
 * what cells print through BH_HC_DEBUG_CONSOLE_PUTC: `bulkhead console`),
 * and the log (the hypervisor's own lines only, while the driver carries
 * them into the kernel log instead of the UART it shares with Linux).
 */
#define BH_CONSOLE_RING_SIZE 16384

struct bh_console_ring {
	volatile __u64 head;
	__u32 size;
	__u32 reserved;
	char buf[BH_CONSOLE_RING_SIZE];
};

/*
 * Entering the hypervisor: the driver installs the image's bootstrap
 * vectors with the hyp stub's HVC_SET_VECTORS, then issues "hvc #0" with
 * x0 = BH_ENTRY_MAGIC and x1 = the Linux CPU number on each CPU, the first
 * one first.  x0 returns 0 or a negative BH_E* code; x16-x17 are clobbered.
 */
#define BH_ENTRY_MAGIC 0x4248454e544552ULL

/* ------------------------------------------------------------------ */
/* Hypercalls: hvc #BH_HVC_IMM, x0 = code, x1.. = arguments, x0 = result */
/* ------------------------------------------------------------------ */

#define BH_HVC_IMM 0x4248 /* "BH" */

#define BH_HC_DISABLE		  0
#define BH_HC_CELL_CREATE	  1  /* x1: phys addr of cell desc */
#define BH_HC_CELL_START	  2  /* x1: cell id */
#define BH_HC_CELL_SET_LOADABLE	  3  /* x1: cell id */
#define BH_HC_CELL_DESTROY	  4  /* x1: cell id */
#define BH_HC_HYPERVISOR_GET_INFO 5  /* x1: BH_INFO_* */
#define BH_HC_CELL_GET_STATE	  6  /* x1: cell id */
#define BH_HC_CPU_GET_INFO	  7  /* x1: cpu, x2: BH_CPU_INFO_* */
#define BH_HC_DEBUG_CONSOLE_PUTC  8  /* x1: character */
#define BH_HC_CELL_SHUTDOWN	  9  /* x1: cell id, x2: BH_SHUTDOWN_* */
#define BH_HC_CONSOLE_READ	  10 /* x1: phys buf, x2: len, x3: pos */
#define BH_HC_CELL_SET_STATE	  11 /* x1: BH_CELL_* (own cell) */
#define BH_HC_CELL_SET_CMDLINE \
	12		    /* x1: cell id, x2: phys addr,
						 * x3: length (0: clear) */
#define BH_HC_GET_REPORT 13 /* x1: phys addr of a bh_report */
#define BH_HC_CHANNEL_GET_HEADER \
	14 /* x1: channel id, x2: phys addr
						 * of a bh_channel_header */
#define BH_HC_CELL_KEEP_IMAGE \
	15 /* x1: cell id, x2: guest addr,
						 * x3: size: restart from it */
#define BH_HC_CELL_GET_HEALTH \
	16		       /* x1: cell id, x2: phys addr
						 * of a bh_cell_health */
#define BH_HC_WATCHDOG_KICK 17 /* a cell: its watchdog */
#define BH_HC_CONSOLE_FORWARD \
	18 /* x1: 1 = the driver carries
						 * our lines (log ring) into
						 * the kernel log, 0 = no more,
						 * x2: log position it reached */
#define BH_HC_VUART_READ \
	19 /* x1: cell id, x2: phys addr
						 * of a bh_vuart_read */
#define BH_HC_VUART_WRITE \
	20 /* x1: cell id, x2: phys addr
						 * of the bytes, x3: count;
						 * returns how many it took */

/*
 * BH_HC_VUART_READ: what a cell wrote to its vUART.  Counted from the
 * cell's creation: byte n is the n-th the cell ever wrote; the hypervisor
 * keeps the last BH_VUART_TX_RING_SIZE.  The root asks from pos; it gets
 * len bytes starting at start (> pos when older ones were overwritten).
 */
#define BH_VUART_TX_RING_SIZE 16384
#define BH_VUART_RX_FIFO_SIZE 64 /* at most this many per WRITE */
#define BH_VUART_READ_MAX     2016
struct bh_vuart_read {
	__u64 pos;   /* in: the first byte wanted */
	__u64 start; /* out: the first byte in data */
	__u64 head;  /* out: bytes written in all */
	__u32 len;   /* out: bytes in data */
	__u32 reserved;
	char data[BH_VUART_READ_MAX];
};

/* BH_HC_CELL_GET_HEALTH: what happened to a cell, for `cell list` */
#define BH_HEALTH_REASON_LEN 96
struct bh_cell_health {
	__u32 restarts;			   /* by the hypervisor, since create */
	__u32 last_event;		   /* BH_EVENT_*, valid if events > 0 */
	__u64 events;			   /* failures and watchdog expiries */
	__u64 last_event_ticks;		   /* counter value when it happened */
	char reason[BH_HEALTH_REASON_LEN]; /* NUL-terminated */
};

/*
 * Why the root's last management hypercall failed, in the hypervisor's
 * words, written where the root asks (BH_HC_GET_REPORT).  The driver
 * reads this, never the console, which cells can write to.
 */
#define BH_REPORT_MSG_LEN 160
struct bh_report {
	__s64 result;	 /* what the call returned; 0: none */
	__u32 hypercall; /* its BH_HC_* code */
	__u32 reserved;
	char msg[BH_REPORT_MSG_LEN]; /* NUL-terminated, may be empty */
};

/* BH_HC_CELL_SHUTDOWN: ask (or look for the answer), or stop waiting */
#define BH_SHUTDOWN_ASK	   0
#define BH_SHUTDOWN_DECIDE 1

#define BH_INFO_MEM_POOL_SIZE 0
#define BH_INFO_MEM_POOL_USED 1
#define BH_INFO_NUM_CELLS     2
#define BH_INFO_CONSOLE_HEAD  3

#define BH_CPU_INFO_STATE     0
#define BH_CPU_INFO_STAT_BASE 1000 /* + BH_EXIT_* */

/* CPU states */
#define BH_CPU_RUNNING 0
#define BH_CPU_FAILED  2

/* Exit statistics, per CPU */
#define BH_EXIT_TOTAL	    0
#define BH_EXIT_MMIO	    1
#define BH_EXIT_IRQ	    2
#define BH_EXIT_SGI	    3
#define BH_EXIT_HVC	    4
#define BH_EXIT_SMC_PSCI    5
#define BH_EXIT_SYSREG	    6
#define BH_EXIT_WFX	    7
#define BH_EXIT_MAINTENANCE 8
#define BH_EXIT_OTHER	    9
#define BH_EXIT_COUNT	    10

/* Error codes (negated Linux errno values) */
#define BH_EPERM  1
#define BH_ENOENT 2
#define BH_EIO	  5
#define BH_EAGAIN 11
#define BH_E2BIG  7
#define BH_ENOMEM 12
#define BH_EBUSY  16
#define BH_EEXIST 17
#define BH_EINVAL 22
#define BH_ERANGE 34
#define BH_ENOSYS 38

/* ------------------------------------------------------------------ */
/* Cell states and the communication region                            */
/* ------------------------------------------------------------------ */

#define BH_CELL_RUNNING	       0
#define BH_CELL_RUNNING_LOCKED 1
#define BH_CELL_SHUT_DOWN      2
#define BH_CELL_FAILED	       3
#define BH_CELL_CREATED	       4 /* created, loadable, not run */
#define BH_CELL_RESET_REQUESTED \
	5 /* PSCI SYSTEM_RESET: stopped, the
						 * root starts it again */

/* Messages to the cell (msg_to_cell) */
#define BH_MSG_NONE		0
#define BH_MSG_SHUTDOWN_REQUEST 1

/* Replies from the cell (reply_from_cell) */
#define BH_MSG_RECEIVED		1
#define BH_MSG_REQUEST_DENIED	2
#define BH_MSG_REQUEST_APPROVED 3

#define BH_COMM_SIGNATURE	  "BHCOMM01"
/* 2: watchdog, restart count, failure time and channels; 3: console_irq */
#define BH_COMM_REVISION	  3
#define BH_COMM_REVISION_CHANNELS 2		/* the first with channels */
#define BH_COMM_REGION_ADDR	  0x80000000ULL /* guest-physical */
#define BH_CMDLINE_MAX		  1024

/*
 * A cell CPU starts at the cell's entry in EL1, MMU off, with
 * x0 = BH_COMM_REGION_ADDR and x1 = BH_CELL_BOOT_MAGIC; an inmate that finds
 * anything else in x1 runs bare (no hypervisor, no comm region).
 */
#define BH_CELL_BOOT_MAGIC 0x424b48434f4d4dULL

/*
 * One 4 KiB page the hypervisor shares with each cell, mapped at
 * BH_COMM_REGION_ADDR.  The hypervisor writes signature, platform facts
 * and msg_to_cell; the cell writes reply_from_cell.
 */
struct bh_comm_region {
	char signature[BH_SIGNATURE_LEN];
	__u32 revision;
	volatile __u32 cell_state;
	volatile __u32 msg_to_cell;
	volatile __u32 reply_from_cell;
	__u32 gic_version;
	__u32 cpu_count;
	__u64 gicd_base;
	__u64 gicr_base;
	__u64 gicc_base;
	__u64 console_base;
	__u32 console_type;
	__u32 timer_frequency;
	char cmdline[BH_CMDLINE_MAX];
	volatile __u32 root_state; /* BH_ROOT_*, written by the hypervisor */
	__u32 num_channels;	   /* valid entries in channels[] */
	struct bh_comm_channel {
		__u64 address; /* the channel's window */
		__u32 side;    /* which peer this cell is: 0 or 1 */
		__u32 id;      /* index in the system config */
	} channels[BH_MAX_CHANNELS];
	__u32 watchdog_ms;   /* kick (BH_HC_WATCHDOG_KICK) within */
	__u32 restarts;	     /* how often the hypervisor restarted us */
	__u64 failure_ticks; /* counter value at the last failure */
	__u32 console_irq;   /* the vUART's SPI (BH_CONSOLE_VUART) */
	__u32 reserved;
};

/* bh_comm_region.root_state */
#define BH_ROOT_RUNNING 0
#define BH_ROOT_STOPPED 1 /* Linux halted; cells go on */

/*
 * A channel's first page, written by the hypervisor only; both peers map
 * it read-only.  Offsets count from the channel's address.
 */
#define BH_CHANNEL_SIGNATURE "BHCHAN01"
#define BH_CHANNEL_REVISION  1

/* bh_channel_header.state[n] */
#define BH_PEER_ABSENT	  0 /* no such cell, or not started */
#define BH_PEER_RUNNING	  1
#define BH_PEER_SHUT_DOWN 2
#define BH_PEER_FAILED	  3

struct bh_channel_header {
	char signature[BH_SIGNATURE_LEN];
	__u32 revision;
	__u32 id; /* index in the system config */
	char name[BH_CHANNEL_NAME_LEN];
	char peer[2][BH_CELL_NAME_LEN];
	__u64 out_offset[2];
	__u64 out_size[2];
	__u64 common_offset;
	__u64 common_size;
	__u32 doorbell_irq[2];
	volatile __u32 state[2];  /* BH_PEER_* */
	volatile __u64 rings[2];  /* doorbells peer[n] has rung */
	volatile __u32 starts[2]; /* times peer[n] has been started */
};

/* ------------------------------------------------------------------ */
/* Driver ioctls on /dev/bulkhead                                      */
/* ------------------------------------------------------------------ */

#ifndef BULKHEAD_FREESTANDING
#define BH_IOCTL_MAGIC 0xB4

/* A user buffer: address and length */
struct bh_user_buf {
	__u64 addr;
	__u64 size;
};

struct bh_cell_load {
	__u32 cell_id;
	__u32 flags;
	__u64 image_addr; /* user pointer */
	__u64 image_size;
	__u64 load_address; /* guest-physical */
	__u64 cmdline_addr; /* user pointer, 0: none */
	__u64 cmdline_size;
};

/* bh_cell_load.flags */
#define BH_LOAD_DEFAULT_ADDRESS \
	0x0001 /* ignore load_address: load at the
					 * cell's first LOADABLE region */
#define BH_LOAD_KEEP \
	0x0002 /* the driver keeps a copy: the
					 * cell's own reset (PSCI
					 * SYSTEM_RESET) starts it again
					 * from what was kept */
#define BH_LOAD_VALID_FLAGS 0x0003

#define BH_IOCTL_ENABLE	       _IOW(BH_IOCTL_MAGIC, 0, struct bh_user_buf)
#define BH_IOCTL_DISABLE       _IO(BH_IOCTL_MAGIC, 1)
#define BH_IOCTL_CELL_CREATE   _IOW(BH_IOCTL_MAGIC, 2, struct bh_user_buf)
#define BH_IOCTL_CELL_LOAD     _IOW(BH_IOCTL_MAGIC, 3, struct bh_cell_load)
/* These three take the cell id itself as the ioctl argument. */
#define BH_IOCTL_CELL_START    _IO(BH_IOCTL_MAGIC, 4)
#define BH_IOCTL_CELL_SHUTDOWN _IO(BH_IOCTL_MAGIC, 5)
#define BH_IOCTL_CELL_DESTROY  _IO(BH_IOCTL_MAGIC, 6)

/* A cell's vUART: what it wrote (from pos), or bytes for it to read */
struct bh_vuart_io {
	__u32 cell_id;
	__u32 flags; /* none defined: 0 */
	__u64 pos;   /* READ in: first byte wanted */
	__u64 start; /* READ out: first byte given */
	__u64 head;  /* READ out: bytes the cell wrote */
	__u64 buf;   /* user pointer */
	__u64 size;  /* READ: room at buf, WRITE: bytes;
					 * out: bytes read / taken */
};

#define BH_IOCTL_VUART_READ  _IOWR(BH_IOCTL_MAGIC, 7, struct bh_vuart_io)
#define BH_IOCTL_VUART_WRITE _IOWR(BH_IOCTL_MAGIC, 8, struct bh_vuart_io)

/* the same for 32- and 64-bit callers: no pointer, no padding that moves */
_Static_assert(sizeof(struct bh_cell_load) == 48, "struct bh_cell_load");
_Static_assert(sizeof(struct bh_user_buf) == 16, "struct bh_user_buf");
_Static_assert(sizeof(struct bh_vuart_io) == 48, "struct bh_vuart_io");
#endif

/*
 * The layout every side relies on, checked wherever this header is
 * compiled: a failing assert is an ABI change (bump BH_CONFIG_REVISION or
 * the comm region's revision, and the tests' offsets).
 */
/* clang-format off */
_Static_assert(sizeof(struct bh_memory_region) == 32, "struct bh_memory_region");
_Static_assert(sizeof(struct bh_health_policy) == 24, "struct bh_health_policy");
_Static_assert(sizeof(struct bh_vuart_desc) == 16, "struct bh_vuart_desc");
_Static_assert(sizeof(struct bh_cell_desc) == 240, "struct bh_cell_desc");
_Static_assert(sizeof(struct bh_console) == 16, "struct bh_console");
_Static_assert(sizeof(struct bh_platform) == 48, "struct bh_platform");
_Static_assert(sizeof(struct bh_channel_desc) == 144, "struct bh_channel_desc");
_Static_assert(sizeof(struct bh_system_config) == 360, "struct bh_system_config");
_Static_assert(sizeof(struct bh_vuart_read) == 2048, "struct bh_vuart_read");
_Static_assert(sizeof(struct bh_image_header) == 64, "struct bh_image_header");
_Static_assert(__builtin_offsetof(struct bh_image_header, config_offset) == 40, "bh_image_header.config_offset");
_Static_assert(sizeof(struct bh_report) == 176, "struct bh_report");
_Static_assert(sizeof(struct bh_cell_health) == 120, "struct bh_cell_health");
_Static_assert(sizeof(struct bh_channel_header) == 200, "struct bh_channel_header");
_Static_assert(sizeof(struct bh_comm_region) == 1384, "struct bh_comm_region");
_Static_assert(sizeof(struct bh_comm_channel) == 16, "struct bh_comm_channel");
_Static_assert(sizeof(struct bh_console_ring) == 16 + BH_CONSOLE_RING_SIZE, "struct bh_console_ring");
_Static_assert(__builtin_offsetof(struct bh_cell_desc, cpu_set) == 48, "bh_cell_desc.cpu_set");
_Static_assert(__builtin_offsetof(struct bh_cell_desc, irq_bitmap) == 72, "bh_cell_desc.irq_bitmap");
_Static_assert(__builtin_offsetof(struct bh_cell_desc, health) == 200, "bh_cell_desc.health");
_Static_assert(__builtin_offsetof(struct bh_cell_desc, vuart) == 224, "bh_cell_desc.vuart");
_Static_assert(__builtin_offsetof(struct bh_system_config, num_channels) == 112, "bh_system_config.num_channels");
_Static_assert(__builtin_offsetof(struct bh_system_config, root_cell) == 120, "bh_system_config.root_cell");
_Static_assert(__builtin_offsetof(struct bh_channel_header, state) == 168, "bh_channel_header.state");
_Static_assert(__builtin_offsetof(struct bh_channel_header, rings) == 176, "bh_channel_header.rings");
_Static_assert(__builtin_offsetof(struct bh_comm_region, cmdline) == 72, "bh_comm_region.cmdline");
_Static_assert(__builtin_offsetof(struct bh_comm_region, root_state) == 1096, "bh_comm_region.root_state");
_Static_assert(__builtin_offsetof(struct bh_comm_region, channels) == 1104, "bh_comm_region.channels");
_Static_assert(__builtin_offsetof(struct bh_comm_region, failure_ticks) == 1368, "bh_comm_region.failure_ticks");
_Static_assert(__builtin_offsetof(struct bh_comm_region, console_irq) == 1376, "bh_comm_region.console_irq");
/* clang-format on */

#endif /* _BULKHEAD_ABI_H */
