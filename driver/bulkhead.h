/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bulkhead driver: internal interfaces between its files.
 */
#ifndef _BULKHEAD_DRIVER_H
#define _BULKHEAD_DRIVER_H

#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <bulkhead/abi.h>

/* What a CPU's EL2 holds, as seen from EL1 */
enum bh_el2_owner {
	BH_EL2_UNKNOWN,
	BH_EL2_HYP_STUB, /* Linux's stub: free for Bulkhead */
	BH_EL2_BULKHEAD,
	BH_EL2_OTHER, /* KVM or firmware: not ours to take */
};

struct bh_channel_dev;

struct bh_state {
	struct mutex lock; /* serialises every state change */
	bool enabled;
	/* a disable stopped half way: some CPUs run without the hypervisor */
	bool half_disabled;
	char last_error[256];
	struct device *dev;		     /* /sys/devices/bulkhead */
	struct bh_system_config *sys_config; /* private copy while enabled */
	struct resource *hv_mem;
	struct bh_console_ring *console;      /* mapped while enabled */
	struct bh_console_ring *console_copy; /* kept after disable */
	phys_addr_t log_ring;		      /* while enabled */
	/* the channels root is a peer of, as UIO devices, by config index */
	struct bh_channel_dev *channels[BH_MAX_CHANNELS];
};

extern struct bh_state bh;

/* el2.c */
enum bh_el2_owner bh_el2_probe(unsigned int cpu);
bool bh_kvm_active(void);
const char *bh_el2_owner_name(enum bh_el2_owner owner);
long bh_hypercall(unsigned long code, unsigned long a1, unsigned long a2,
		  unsigned long a3);
/* in atomic context (an IPI, a panic): this CPU only */
long bh_hypercall_here(unsigned long code, unsigned long a1, unsigned long a2,
		       unsigned long a3);
/* bh_enter_cpu(): EL2 did not take our vectors; nothing changed on the CPU */
#define BH_ENTER_EL2_NOT_FREE 1
long bh_enter_cpu(unsigned int cpu, phys_addr_t vectors);
bool bh_cpu_is_free(unsigned int cpu);

/* enable.c */
struct bh_check_env;
int bh_enable(const struct bh_user_buf __user *arg);
int bh_disable(void);
void bh_check_env_linux(struct bh_check_env *env);
void bh_clean_to_poc(void *start, size_t size);
void bh_root_channels_add(const struct bh_system_config *sys);
void bh_root_channels_remove(void);

/* health.c: what the hypervisor's health monitor did */
void bh_health_start(void);
void bh_health_stop(void);
ssize_t bh_events_format(char *buf);
struct bh_cell;
ssize_t bh_cell_health_show(const struct bh_cell *cell, char *buf, bool reason);

/* cell.c: a non-root cell as the driver knows it */
struct bh_cell {
	struct kobject kobj; /* cells/<id>; frees the rest */
	struct list_head list;
	unsigned int id;
	struct bh_cell_desc *config; /* the copy the hypervisor checked */
	size_t config_size;
	u64 offlined; /* CPUs taken from Linux for it */
	bool loaded;
	struct list_head kept; /* images for its resets */
	unsigned int reboots;  /* resets carried out */
};

int bh_cell_create(const struct bh_user_buf __user *arg);
int bh_cell_load(const struct bh_cell_load __user *arg);
int bh_cell_start(unsigned long id);
int bh_cell_shutdown(unsigned long id);
int bh_cell_destroy(unsigned long id);
int bh_cells_destroy_all(void);
const char *bh_cell_state_name(long state);
void bh_cells_reboot(void);

/* cell_reboot.c: a cell's own reset, from images kept here */
int bh_cell_keep_image(struct bh_cell *cell, phys_addr_t phys,
		       const void __user *src, size_t size, bool keep);
void bh_cell_drop_kept(struct bh_cell *cell);
void bh_cells_reboot_requested(struct list_head *cells);
bool bh_cells_exist(void);
struct bh_cell *bh_cell_find(unsigned long id, const char *op);

/* vuart.c: a cell's virtual UART */
int bh_vuart_read(struct bh_vuart_io __user *arg);
int bh_vuart_write(struct bh_vuart_io __user *arg);

/* channel.c: a channel as a UIO device, whoever describes it */
int bh_channel_uio_get(void);
void bh_channel_uio_put(void);
struct bh_channel_dev *bh_channel_register(struct device *parent,
					   const struct bh_channel_desc *desc,
					   int side);
void bh_channel_unregister(struct bh_channel_dev *ch);

/* cell_side.c: the module in a non-root cell's Linux (channels only) */
bool bh_in_cell(void);
int bh_cell_side_init(void);
void bh_cell_side_exit(void);

/* console.c */
ssize_t bh_console_read(char __user *buf, size_t count, loff_t *pos);

/* log.c: the hypervisor's own lines into the kernel log */
void bh_log_start(phys_addr_t ring);
void bh_log_stop(void);

/* sysfs.c */
int bh_sysfs_init(void);
void bh_sysfs_exit(void);
int bh_sysfs_cell_add(struct bh_cell *cell);
void bh_sysfs_cell_del(struct bh_cell *cell);

__printf(1, 2) void bh_set_error(const char *fmt, ...);

#endif
