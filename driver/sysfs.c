// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: state, per-CPU facts and per-cell facts.
 */
#include <linux/cpu.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/sysfs.h>
#include "bulkhead.h"

static struct kobject *cpus_kobj;
static struct kobject *cells_kobj;
static struct kobject *cpu_kobjs[NR_CPUS];
static struct kobject *exit_kobjs[NR_CPUS];

static const char *const exit_names[BH_EXIT_COUNT] = {
	[BH_EXIT_TOTAL] = "total",
	[BH_EXIT_MMIO] = "mmio",
	[BH_EXIT_IRQ] = "irq",
	[BH_EXIT_SGI] = "sgi",
	[BH_EXIT_HVC] = "hvc",
	[BH_EXIT_SMC_PSCI] = "psci",
	[BH_EXIT_SYSREG] = "sysreg",
	[BH_EXIT_WFX] = "wfx",
	[BH_EXIT_MAINTENANCE] = "maintenance",
	[BH_EXIT_OTHER] = "other",
};

void bh_set_error(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(bh.last_error, sizeof(bh.last_error), fmt, args);
	va_end(args);
	/* the CLI prints it; on the console the user types at it would be a
	 * second copy: the log keeps it below the default console level */
	printk(KERN_DEBUG "bulkhead: %s\n", bh.last_error);
}

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", bh.enabled);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t last_error_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", bh.last_error);
}
static DEVICE_ATTR_RO(last_error);

static ssize_t pool_show(char *buf, unsigned long which)
{
	if (!bh.enabled)
		return sysfs_emit(buf, "0\n");
	return sysfs_emit(buf, "%ld\n",
			  bh_hypercall(BH_HC_HYPERVISOR_GET_INFO, which, 0, 0));
}

static ssize_t mem_pool_size_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return pool_show(buf, BH_INFO_MEM_POOL_SIZE);
}
static DEVICE_ATTR_RO(mem_pool_size);

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return pool_show(buf, BH_INFO_MEM_POOL_USED);
}
static DEVICE_ATTR_RO(mem_pool_used);

static const char *const peer_states[] = {
	[BH_PEER_ABSENT] = "absent",
	[BH_PEER_RUNNING] = "running",
	[BH_PEER_SHUT_DOWN] = "shut-down",
	[BH_PEER_FAILED] = "failed",
};

static const char *peer_state(u32 state)
{
	return state < ARRAY_SIZE(peer_states) ? peer_states[state] : "?";
}

/*
 * One line per channel of the system config, as the hypervisor sees it
 * now: name, then per peer its name, state, doorbells rung and starts,
 * then the sizes of both output areas and the common area, and the
 * address.  `bulkhead channel list` formats it.
 */
static ssize_t channels_format(char *buf, struct bh_channel_header *h)
{
	const struct bh_system_config *sys = bh.sys_config;
	unsigned int id;
	ssize_t len = 0;

	for (id = 0; sys && id < sys->num_channels; id++) {
		const struct bh_channel_desc *d = &bh_system_channels(sys)[id];

		if (bh_hypercall(BH_HC_CHANNEL_GET_HEADER, id, virt_to_phys(h),
				 0))
			break;
		len += sysfs_emit_at(
			buf, len,
			"%.*s %.*s %s %llu %u %.*s %s %llu %u 0x%llx 0x%llx 0x%llx 0x%llx\n",
			BH_CHANNEL_NAME_LEN, d->name, BH_CELL_NAME_LEN,
			d->peer[0], peer_state(h->state[0]), h->rings[0],
			h->starts[0], BH_CELL_NAME_LEN, d->peer[1],
			peer_state(h->state[1]), h->rings[1], h->starts[1],
			d->out_size[0], d->out_size[1], d->common_size,
			d->address);
	}
	return len;
}

static ssize_t channels_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct bh_channel_header *h = kzalloc(sizeof(*h), GFP_KERNEL);
	ssize_t len = 0;

	if (!h)
		return -ENOMEM;
	mutex_lock(&bh.lock);
	if (bh.enabled)
		len = channels_format(buf, h);
	mutex_unlock(&bh.lock);
	kfree(h);
	return len;
}
static DEVICE_ATTR_RO(channels);

static ssize_t events_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return bh.enabled ? bh_events_format(buf) : 0;
}
static DEVICE_ATTR_RO(events);

static struct attribute *bh_root_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_channels.attr,
	&dev_attr_events.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_last_error.attr,
	NULL,
};

static const struct attribute_group bh_device_group = {
	.attrs = bh_root_attrs,
};

static int kobj_cpu(struct kobject *kobj)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_kobjs[cpu] == kobj)
			return cpu;
	return -1;
}

static ssize_t el2_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	int cpu = kobj_cpu(kobj);

	if (cpu < 0 || !cpu_online(cpu))
		return sysfs_emit(buf, "offline\n");
	return sysfs_emit(buf, "%s\n", bh_el2_owner_name(bh_el2_probe(cpu)));
}
static struct kobj_attribute el2_attr = __ATTR_RO(el2);

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	int cpu = kobj_cpu(kobj);

	if (!bh.enabled)
		return sysfs_emit(buf, "%s\n",
				  cpu_online(cpu) ? "linux" : "offline");
	return sysfs_emit(buf, "%s\n",
			  bh_hypercall(BH_HC_CPU_GET_INFO, cpu,
				       BH_CPU_INFO_STATE, 0) == BH_CPU_FAILED ?
				  "failed" :
				  "running");
}
static struct kobj_attribute state_attr = __ATTR_RO(state);

static struct attribute *cpu_attrs[] = {
	&el2_attr.attr,
	&state_attr.attr,
	NULL,
};

static int exit_kobj_cpu(struct kobject *kobj)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (exit_kobjs[cpu] == kobj)
			return cpu;
	return -1;
}

/* One file per exit reason; the attribute's position names the reason. */
static ssize_t exit_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf);
static struct kobj_attribute exit_attrs[BH_EXIT_COUNT];
static struct attribute *exit_attr_ptrs[BH_EXIT_COUNT + 1];

static ssize_t exit_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	int cpu = exit_kobj_cpu(kobj);
	long reason = attr - exit_attrs;

	if (!bh.enabled || cpu < 0)
		return sysfs_emit(buf, "0\n");
	return sysfs_emit(buf, "%ld\n",
			  bh_hypercall(BH_HC_CPU_GET_INFO, cpu,
				       BH_CPU_INFO_STAT_BASE + reason, 0));
}

static const struct attribute_group exit_group = {
	.attrs = exit_attr_ptrs,
};

static void exit_attrs_init(void)
{
	unsigned int n;

	for (n = 0; n < BH_EXIT_COUNT; n++) {
		sysfs_attr_init(&exit_attrs[n].attr);
		exit_attrs[n].attr.name = exit_names[n];
		/* a cell's exit rate tells its activity: root only */
		exit_attrs[n].attr.mode = 0400;
		exit_attrs[n].show = exit_show;
		exit_attr_ptrs[n] = &exit_attrs[n].attr;
	}
}

static const struct attribute_group cpu_group = {
	.attrs = cpu_attrs,
};

static int cpu_dir_create(unsigned int cpu)
{
	char name[16];

	snprintf(name, sizeof(name), "cpu%u", cpu);
	int err;

	cpu_kobjs[cpu] = kobject_create_and_add(name, cpus_kobj);
	if (!cpu_kobjs[cpu])
		return -ENOMEM;
	err = sysfs_create_group(cpu_kobjs[cpu], &cpu_group);
	if (err)
		return err;
	exit_kobjs[cpu] = kobject_create_and_add("exits", cpu_kobjs[cpu]);
	if (!exit_kobjs[cpu])
		return -ENOMEM;
	return sysfs_create_group(exit_kobjs[cpu], &exit_group);
}

/* ---- cells/<id>/ ---- */

static struct bh_cell *kobj_cell(struct kobject *kobj)
{
	return container_of(kobj, struct bh_cell, kobj);
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%.*s\n", BH_CELL_NAME_LEN,
			  kobj_cell(kobj)->config->name);
}
static struct kobj_attribute cell_name_attr = __ATTR_RO(name);

/* Asks the hypervisor: cells change state on their own (fail, power off). */
static ssize_t cell_state_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	long state = bh_hypercall(BH_HC_CELL_GET_STATE, kobj_cell(kobj)->id, 0,
				  0);

	return sysfs_emit(buf, "%s\n", bh_cell_state_name(state));
}
static struct kobj_attribute cell_state_attr = __ATTR(state, 0444,
						      cell_state_show, NULL);

static ssize_t cpu_list(char *buf, u64 set)
{
	unsigned long bits = set;

	return sysfs_emit(buf, "%*pbl\n", 64, &bits);
}

static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return cpu_list(buf, kobj_cell(kobj)->config->cpu_set);
}
static struct kobj_attribute cell_cpus_attr = __ATTR_RO(cpus);

static ssize_t failed_cpus_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	u64 set = kobj_cell(kobj)->config->cpu_set, failed = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < 64; cpu++)
		if ((set & BIT_ULL(cpu)) &&
		    bh_hypercall(BH_HC_CPU_GET_INFO, cpu, BH_CPU_INFO_STATE,
				 0) == BH_CPU_FAILED)
			failed |= BIT_ULL(cpu);
	return cpu_list(buf, failed);
}
static struct kobj_attribute cell_failed_attr = __ATTR_RO(failed_cpus);

static ssize_t restarts_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return bh_cell_health_show(kobj_cell(kobj), buf, false);
}
static struct kobj_attribute cell_restarts_attr = __ATTR_RO(restarts);

static ssize_t reason_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return bh_cell_health_show(kobj_cell(kobj), buf, true);
}
static struct kobj_attribute cell_reason_attr = __ATTR_RO(reason);

static struct attribute *cell_attrs[] = {
	&cell_name_attr.attr,
	&cell_state_attr.attr,
	&cell_cpus_attr.attr,
	&cell_failed_attr.attr,
	&cell_restarts_attr.attr,
	&cell_reason_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cell);

static void cell_release(struct kobject *kobj)
{
	struct bh_cell *cell = kobj_cell(kobj);

	kfree(cell->config);
	kfree(cell);
}

static const struct kobj_type cell_ktype = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_groups,
};

/* On failure the cell is freed already: the kobject owned it. */
int bh_sysfs_cell_add(struct bh_cell *cell)
{
	int err;

	err = kobject_init_and_add(&cell->kobj, &cell_ktype, cells_kobj, "%u",
				   cell->id);
	if (err)
		kobject_put(&cell->kobj);
	return err;
}

/* Waits for readers of its files, then frees the cell. */
void bh_sysfs_cell_del(struct bh_cell *cell)
{
	kobject_del(&cell->kobj);
	kobject_put(&cell->kobj);
}

int bh_sysfs_init(void)
{
	unsigned int cpu;
	int err;

	exit_attrs_init();
	bh.dev = root_device_register("bulkhead");
	if (IS_ERR(bh.dev))
		return PTR_ERR(bh.dev);
	err = sysfs_create_group(&bh.dev->kobj, &bh_device_group);
	if (err)
		goto err_root;
	cpus_kobj = kobject_create_and_add("cpus", &bh.dev->kobj);
	if (!cpus_kobj) {
		err = -ENOMEM;
		goto err_root;
	}
	for_each_possible_cpu(cpu) {
		err = cpu_dir_create(cpu);
		if (err)
			goto err_cpus;
	}
	cells_kobj = kobject_create_and_add("cells", &bh.dev->kobj);
	if (!cells_kobj) {
		err = -ENOMEM;
		goto err_cpus;
	}
	return 0;

err_cpus:
	bh_sysfs_exit();
	return err;
err_root:
	root_device_unregister(bh.dev);
	return err;
}

void bh_sysfs_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		kobject_put(exit_kobjs[cpu]);
		exit_kobjs[cpu] = NULL;
		kobject_put(cpu_kobjs[cpu]);
		cpu_kobjs[cpu] = NULL;
	}
	kobject_put(cells_kobj);
	cells_kobj = NULL;
	kobject_put(cpus_kobj);
	root_device_unregister(bh.dev);
}
