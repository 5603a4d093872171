// SPDX-License-Identifier: GPL-2.0
/*
 * Cells from Linux's side: hand a cell's CPUs over (offline them here, the
 * hypervisor takes them), write its image into its memory, and take the
 * CPUs back when it is destroyed.  The hypervisor checks everything again;
 * checking here first gives the user a precise message.
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <bulkhead/config_check.h>
#include "bulkhead.h"

#define SHUTDOWN_ANSWER_MS 1000
#define SHUTDOWN_POLL_MS   10

static LIST_HEAD(bh_cells);

static const char *const state_names[] = {
	[BH_CELL_RUNNING] = "running",
	[BH_CELL_RUNNING_LOCKED] = "running/locked",
	[BH_CELL_SHUT_DOWN] = "shut down",
	[BH_CELL_FAILED] = "failed",
	[BH_CELL_CREATED] = "created",
	[BH_CELL_RESET_REQUESTED] = "reset requested",
};

/* From the events poller: cells that reset themselves start again. */
void bh_cells_reboot(void)
{
	bh_cells_reboot_requested(&bh_cells);
}

/* Unlocked on purpose: the events poller only skips work when idle. */
bool bh_cells_exist(void)
{
	return !list_empty(&bh_cells);
}

const char *bh_cell_state_name(long state)
{
	if (state < 0 || state >= ARRAY_SIZE(state_names))
		return "unknown";
	return state_names[state];
}

static struct bh_cell *find_cell(unsigned long id)
{
	struct bh_cell *cell;

	list_for_each_entry(cell, &bh_cells, list)
		if (cell->id == id)
			return cell;
	return NULL;
}

static const char *cell_name(const struct bh_cell *cell)
{
	return cell->config->name;
}

static long cell_state(const struct bh_cell *cell)
{
	return bh_hypercall(BH_HC_CELL_GET_STATE, cell->id, 0, 0);
}

static bool state_running(long state)
{
	return state == BH_CELL_RUNNING || state == BH_CELL_RUNNING_LOCKED;
}

/* The cell a lifecycle call names, or NULL with the error set. */
static struct bh_cell *lookup(unsigned long id, const char *op)
{
	struct bh_cell *cell;

	if (!bh.enabled) {
		bh_set_error("%s: the hypervisor is not enabled", op);
		return NULL;
	}
	cell = find_cell(id);
	if (!cell)
		bh_set_error("%s: no cell with id %lu (see 'bulkhead cell list')",
			     op, id);
	return cell;
}

/* For the other files: a cell by id, or NULL with the error set. */
struct bh_cell *bh_cell_find(unsigned long id, const char *op)
{
	return lookup(id, op);
}

static int lookup_error(void)
{
	return bh.enabled ? -ENOENT : -EINVAL;
}

/*
 * Why the hypervisor refused our last call, in its words: it writes a
 * report where we ask.  Not its console, which cells may write to.
 */
static void hv_reason(char *out, size_t len)
{
	struct bh_report *rep = kzalloc(sizeof(*rep), GFP_KERNEL);

	out[0] = '\0';
	if (!rep)
		return;
	if (!bh_hypercall(BH_HC_GET_REPORT, virt_to_phys(rep), 0, 0)) {
		rep->msg[sizeof(rep->msg) - 1] = '\0';
		strscpy(out, rep->msg, len);
	}
	kfree(rep);
}

/* A hypercall that failed: errno (BH_E* are errno values) and a message. */
static int hv_failed(long ret, const char *op, const struct bh_cell_desc *cfg)
{
	char reason[BH_REPORT_MSG_LEN];

	hv_reason(reason, sizeof(reason));
	bh_set_error("%s '%.*s': the hypervisor refused (%ld)%s%s", op,
		     BH_CELL_NAME_LEN, cfg->name, ret, reason[0] ? ": " : "",
		     reason);
	return ret < 0 && ret > -4096 ? (int)ret : -EIO;
}

/* ---- create ---- */

static int check_config(const struct bh_cell_desc *cfg, size_t size)
{
	const struct bh_cell_desc **others;
	struct bh_check_report rep;
	struct bh_check_env env;
	struct bh_cell *cell;
	unsigned int n = 0;
	cpumask_t cell_cpus;
	int err;

	list_for_each_entry(cell, &bh_cells, list)
		n++;
	others = kcalloc(n + 1, sizeof(*others), GFP_KERNEL);
	if (!others)
		return -ENOMEM;
	n = 0;
	list_for_each_entry(cell, &bh_cells, list)
		others[n++] = cell->config;
	bh_check_env_linux(&env);
	/*
	 * The caller is only "on" a CPU of the cell if it cannot run
	 * anywhere else: otherwise offlining just migrates it.
	 */
	cpumask_clear(&cell_cpus);
	bitmap_from_u64(cpumask_bits(&cell_cpus), cfg->cpu_set);
	if (cpumask_subset(current->cpus_ptr, &cell_cpus))
		env.calling_cpu = raw_smp_processor_id();
	err = bh_check_cell_config(cfg, size, bh.sys_config, others, n, &env,
				   &rep);
	if (err)
		bh_set_error("cell create: %s", rep.msg);
	kfree(others);
	return err;
}

static struct bh_cell_desc *
copy_cell_config(const struct bh_user_buf __user *arg, size_t *size)
{
	struct bh_cell_desc *cfg;
	struct bh_user_buf ubuf;
	int err;

	if (copy_from_user(&ubuf, arg, sizeof(ubuf)))
		return ERR_PTR(-EFAULT);
	if (ubuf.size < sizeof(*cfg) || ubuf.size > BH_CELL_CONFIG_MAX) {
		bh_set_error("cell create: config of %llu bytes: a valid one is %zu to %zu bytes",
			     ubuf.size, sizeof(*cfg), BH_CELL_CONFIG_MAX);
		return ERR_PTR(-EINVAL);
	}
	/* kmalloc: physically contiguous, the hypervisor reads it there */
	cfg = memdup_user(u64_to_user_ptr(ubuf.addr), ubuf.size);
	if (IS_ERR(cfg))
		return cfg;
	err = check_config(cfg, ubuf.size);
	if (err) {
		kfree(cfg);
		return ERR_PTR(err);
	}
	*size = ubuf.size;
	return cfg;
}

/*
 * A CPU that has just left a cell may still be on its way to the firmware's
 * CPU_OFF (the hypervisor waits a while, but a loaded host can hold a vCPU
 * back longer): the CPU_ON then fails and is worth another try.
 */
#define ONLINE_TRIES	5
#define ONLINE_RETRY_MS 100

static void bring_cpus_online(u64 set)
{
	unsigned int cpu, tries;
	int err;

	for (cpu = 0; cpu < 64; cpu++) {
		if (!(set & BIT_ULL(cpu)))
			continue;
		for (tries = 1; (err = add_cpu(cpu)) && tries < ONLINE_TRIES;
		     tries++)
			msleep(ONLINE_RETRY_MS);
		if (err)
			pr_err("bulkhead: CPU %u did not come back online (%d)\n",
			       cpu, err);
		else if (tries > 1)
			pr_info("bulkhead: CPU %u back online at try %u\n", cpu,
				tries);
	}
}

/* Linux lets go of the cell's CPUs; nothing changes if one cannot go. */
static int offline_cpus(const struct bh_cell_desc *cfg, u64 *offlined)
{
	unsigned int cpu;
	int err;

	*offlined = 0;
	for (cpu = 0; cpu < 64; cpu++) {
		if ((cfg->cpu_set & BIT_ULL(cpu)) && !cpu_online(cpu)) {
			bh_set_error("cell create: CPU %u is not online in Linux: cells get CPUs Linux runs (echo 1 > /sys/devices/system/cpu/cpu%u/online)",
				     cpu, cpu);
			return -EBUSY;
		}
	}
	for (cpu = 0; cpu < 64; cpu++) {
		if (!(cfg->cpu_set & BIT_ULL(cpu)))
			continue;
		err = remove_cpu(cpu);
		if (err) {
			bh_set_error("cell create: Linux cannot give up CPU %u (%d): is it busy, its last CPU, or is CPU hotplug disabled?",
				     cpu, err);
			bring_cpus_online(*offlined);
			*offlined = 0;
			return -EBUSY;
		}
		*offlined |= BIT_ULL(cpu);
	}
	return 0;
}

int bh_cell_create(const struct bh_user_buf __user *arg)
{
	struct bh_cell_desc *cfg;
	struct bh_cell *cell;
	u64 offlined;
	size_t size;
	long id;
	int err;

	if (!bh.enabled) {
		bh_set_error(
			"cell create: the hypervisor is not enabled (bulkhead enable first)");
		return -EINVAL;
	}
	cfg = copy_cell_config(arg, &size);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	cell = kzalloc(sizeof(*cell), GFP_KERNEL);
	if (!cell) {
		kfree(cfg);
		return -ENOMEM;
	}
	cell->config = cfg;
	cell->config_size = size;
	INIT_LIST_HEAD(&cell->kept);
	err = offline_cpus(cfg, &cell->offlined);
	if (err)
		goto err_free;
	id = bh_hypercall(BH_HC_CELL_CREATE, virt_to_phys(cfg), size, 0);
	if (id < 0) {
		err = hv_failed(id, "cell create", cfg);
		goto err_cpus;
	}
	cell->id = id;
	list_add_tail(&cell->list, &bh_cells);
	offlined = cell->offlined;
	err = bh_sysfs_cell_add(cell);
	if (err) {
		/* the kobject freed the cell: undo with what we still know */
		list_del(&cell->list);
		bh_set_error("cell create: sysfs entry for cell %ld failed (%d)",
			     id, err);
		bh_hypercall(BH_HC_CELL_DESTROY, id, 0, 0);
		bring_cpus_online(offlined);
		return err;
	}
	pr_info("bulkhead: cell %ld '%.*s' created\n", id, BH_CELL_NAME_LEN,
		cfg->name);
	return id;

err_cpus:
	bring_cpus_online(cell->offlined);
err_free:
	kfree(cell);
	kfree(cfg);
	return err;
}

/* ---- load ---- */

/* The loadable region the image goes into, or an error with its message. */
static const struct bh_memory_region *load_region(const struct bh_cell *cell,
						  struct bh_cell_load *ld)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	const struct bh_memory_region *first = NULL;
	unsigned int n;

	for (n = 0; n < cell->config->num_memory_regions; n++, r++) {
		if (!(r->flags & BH_MEM_LOADABLE))
			continue;
		if (!first)
			first = r;
		if (!(ld->flags & BH_LOAD_DEFAULT_ADDRESS) &&
		    ld->load_address >= r->virt_start &&
		    ld->load_address - r->virt_start < r->size)
			break;
	}
	if (ld->flags & BH_LOAD_DEFAULT_ADDRESS) {
		r = first;
		if (r)
			ld->load_address = r->virt_start;
	} else if (n == cell->config->num_memory_regions) {
		r = NULL;
	}
	if (!r) {
		bh_set_error("cell load: cell '%s' has no loadable memory at 0x%llx",
			     cell_name(cell), ld->load_address);
		return ERR_PTR(-EINVAL);
	}
	if (ld->image_size > r->size - (ld->load_address - r->virt_start)) {
		bh_set_error("cell load: image of %llu bytes at 0x%llx does not fit: cell '%s' has %llu bytes of loadable memory there [0x%llx-0x%llx)",
			     ld->image_size, ld->load_address, cell_name(cell),
			     r->size - (ld->load_address - r->virt_start),
			     r->virt_start, r->virt_start + r->size);
		return ERR_PTR(-EFBIG);
	}
	return r;
}

/* The cell may run it with its MMU off: clean it to memory. */
static int copy_image(const struct bh_memory_region *r,
		      const struct bh_cell_load *ld)
{
	phys_addr_t phys = r->phys_start + (ld->load_address - r->virt_start);
	void *dst;
	int err = 0;

	dst = memremap(phys, ld->image_size, MEMREMAP_WB);
	if (!dst) {
		bh_set_error("cell load: cannot map cell memory at 0x%llx",
			     (u64)phys);
		return -ENOMEM;
	}
	if (copy_from_user(dst, u64_to_user_ptr(ld->image_addr),
			   ld->image_size)) {
		bh_set_error("cell load: cannot read the image");
		err = -EFAULT;
	}
	bh_clean_to_poc(dst, ld->image_size);
	memunmap(dst);
	return err;
}

static char *copy_cmdline(const struct bh_cell_load *ld)
{
	char *buf;

	if (ld->cmdline_size > BH_CMDLINE_MAX) {
		bh_set_error("cell load: command line of %llu bytes, the limit is %d",
			     ld->cmdline_size, BH_CMDLINE_MAX);
		return ERR_PTR(-E2BIG);
	}
	buf = kzalloc(BH_CMDLINE_MAX, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (ld->cmdline_size &&
	    copy_from_user(buf, u64_to_user_ptr(ld->cmdline_addr),
			   ld->cmdline_size)) {
		kfree(buf);
		return ERR_PTR(-EFAULT);
	}
	buf[BH_CMDLINE_MAX - 1] = '\0';
	return buf;
}

static int check_loadable(const struct bh_cell *cell)
{
	long state = cell_state(cell);

	if (state_running(state)) {
		bh_set_error("cell load: cell '%s' is %s: shut it down first",
			     cell_name(cell), bh_cell_state_name(state));
		return -EBUSY;
	}
	return 0;
}

int bh_cell_load(const struct bh_cell_load __user *arg)
{
	const struct bh_memory_region *r;
	struct bh_cell_load ld;
	struct bh_cell *cell;
	char *cmdline;
	long ret;
	int err;

	if (copy_from_user(&ld, arg, sizeof(ld)))
		return -EFAULT;
	cell = lookup(ld.cell_id, "cell load");
	if (!cell)
		return lookup_error();
	err = check_loadable(cell);
	if (err)
		return err;
	if (!ld.image_size || ld.flags & ~BH_LOAD_VALID_FLAGS) {
		bh_set_error("cell load: %s", ld.image_size ?
						      "unknown flags" :
						      "the image is empty");
		return -EINVAL;
	}
	r = load_region(cell, &ld);
	if (IS_ERR(r))
		return PTR_ERR(r);
	cmdline = copy_cmdline(&ld);
	if (IS_ERR(cmdline))
		return PTR_ERR(cmdline);

	ret = bh_hypercall(BH_HC_CELL_SET_LOADABLE, cell->id, 0, 0);
	if (ret) {
		err = hv_failed(ret, "cell load", cell->config);
		goto out;
	}
	err = copy_image(r, &ld);
	if (err)
		goto out;
	err = bh_cell_keep_image(cell,
				 r->phys_start +
					 (ld.load_address - r->virt_start),
				 u64_to_user_ptr(ld.image_addr), ld.image_size,
				 ld.flags & BH_LOAD_KEEP);
	if (err)
		goto out;
	/* the hypervisor keeps a copy if the cell's policy restarts it */
	ret = bh_hypercall(BH_HC_CELL_KEEP_IMAGE, cell->id, ld.load_address,
			   ld.image_size);
	if (ret) {
		err = hv_failed(ret, "cell load", cell->config);
		goto out;
	}
	ret = bh_hypercall(BH_HC_CELL_SET_CMDLINE, cell->id,
			   virt_to_phys(cmdline), strlen(cmdline));
	if (ret) {
		err = hv_failed(ret, "cell load", cell->config);
		goto out;
	}
	cell->loaded = true;
	pr_info("bulkhead: cell %u '%s': %llu bytes loaded at 0x%llx\n",
		cell->id, cell_name(cell), ld.image_size, ld.load_address);
out:
	kfree(cmdline);
	return err;
}

/* ---- start, shutdown, destroy ---- */

int bh_cell_start(unsigned long id)
{
	struct bh_cell *cell = lookup(id, "cell start");
	long state, ret;

	if (!cell)
		return lookup_error();
	state = cell_state(cell);
	if (state_running(state)) {
		bh_set_error("cell start: cell '%s' is %s already",
			     cell_name(cell), bh_cell_state_name(state));
		return -EBUSY;
	}
	if (!cell->loaded) {
		bh_set_error("cell start: cell '%s' has no image: bulkhead cell load %s IMAGE first",
			     cell_name(cell), cell_name(cell));
		return -EINVAL;
	}
	ret = bh_hypercall(BH_HC_CELL_START, id, 0, 0);
	if (ret)
		return hv_failed(ret, "cell start", cell->config);
	return 0;
}

static int shutdown_refused(const struct bh_cell *cell, long state)
{
	switch (state) {
	case BH_CELL_RUNNING_LOCKED:
		bh_set_error("cell shutdown: cell '%s' is running/locked: it does not allow to be stopped now",
			     cell_name(cell));
		return -EPERM;
	case BH_CELL_CREATED:
		bh_set_error("cell shutdown: cell '%s' was not started",
			     cell_name(cell));
		return -EINVAL;
	default:
		return 0;
	}
}

/*
 * The cell gets SHUTDOWN_ANSWER_MS to answer its shutdown request (flush
 * its output, stop its tasks).  We sleep while it decides: the hypervisor
 * only asks and looks, so no CPU of Linux spins in EL2 meanwhile.
 */
static long ask_shutdown(unsigned long id)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(SHUTDOWN_ANSWER_MS);
	long ret;

	for (;;) {
		ret = bh_hypercall(BH_HC_CELL_SHUTDOWN, id, BH_SHUTDOWN_ASK, 0);
		if (ret != -BH_EAGAIN || time_after(jiffies, deadline))
			break;
		msleep(SHUTDOWN_POLL_MS);
	}
	if (ret == -BH_EAGAIN)
		ret = bh_hypercall(BH_HC_CELL_SHUTDOWN, id, BH_SHUTDOWN_DECIDE,
				   0);
	return ret;
}

int bh_cell_shutdown(unsigned long id)
{
	struct bh_cell *cell = lookup(id, "cell shutdown");
	long ret;
	int err;

	if (!cell)
		return lookup_error();
	err = shutdown_refused(cell, cell_state(cell));
	if (err)
		return err;
	ret = ask_shutdown(id);
	if (ret == -BH_EPERM) {
		bh_set_error("cell shutdown: cell '%s' denied the shutdown request and keeps running",
			     cell_name(cell));
		return -EPERM;
	}
	if (ret == -BH_EBUSY) {
		bh_set_error("cell shutdown: cell '%s' received the shutdown request but did not answer in time; try again, or destroy it",
			     cell_name(cell));
		return -EBUSY;
	}
	if (ret)
		return hv_failed(ret, "cell shutdown", cell->config);
	return 0;
}

static int destroy(struct bh_cell *cell)
{
	long ret;

	if (cell_state(cell) == BH_CELL_RUNNING_LOCKED) {
		bh_set_error("cell destroy: cell '%s' is running/locked: it does not allow to be stopped now",
			     cell_name(cell));
		return -EPERM;
	}
	ret = bh_hypercall(BH_HC_CELL_DESTROY, cell->id, 0, 0);
	if (ret)
		return hv_failed(ret, "cell destroy", cell->config);
	pr_info("bulkhead: cell %u '%s' destroyed\n", cell->id, cell_name(cell));
	list_del(&cell->list);
	bh_cell_drop_kept(cell);
	bring_cpus_online(cell->offlined);
	bh_sysfs_cell_del(cell);
	return 0;
}

int bh_cell_destroy(unsigned long id)
{
	struct bh_cell *cell = lookup(id, "cell destroy");

	return cell ? destroy(cell) : lookup_error();
}

/* Before the hypervisor goes: every cell, or stop at the first refusal. */
int bh_cells_destroy_all(void)
{
	struct bh_cell *cell, *next;
	int err;

	list_for_each_entry_safe(cell, next, &bh_cells, list) {
		err = destroy(cell);
		if (err)
			return err;
	}
	return 0;
}
