// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: state, per-CPU facts and (later) per-cell facts.
 */
#include <linux/cpu.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/sysfs.h>
#include "bulkhead.h"

#define bh_root bh.dev
static struct kobject *cpus_kobj;
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
	pr_err("bulkhead: %s\n", bh.last_error);
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

static struct attribute *bh_root_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_last_error.attr,
	NULL,
};

static const struct attribute_group bh_root_group = {
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
		return sysfs_emit(buf, "%s\n", cpu_online(cpu) ? "linux" : "offline");
	return sysfs_emit(buf, "%s\n",
			  bh_hypercall(BH_HC_CPU_GET_INFO, cpu, BH_CPU_INFO_STATE,
				       0) == BH_CPU_FAILED ? "failed" : "running");
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
		exit_attrs[n].attr.mode = 0444;
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

int bh_sysfs_init(void)
{
	unsigned int cpu;
	int err;

	exit_attrs_init();
	bh_root = root_device_register("bulkhead");
	if (IS_ERR(bh_root))
		return PTR_ERR(bh_root);
	err = sysfs_create_group(&bh_root->kobj, &bh_root_group);
	if (err)
		goto err_root;
	cpus_kobj = kobject_create_and_add("cpus", &bh_root->kobj);
	if (!cpus_kobj) {
		err = -ENOMEM;
		goto err_root;
	}
	for_each_possible_cpu(cpu) {
		err = cpu_dir_create(cpu);
		if (err)
			goto err_cpus;
	}
	return 0;

err_cpus:
	bh_sysfs_exit();
	return err;
err_root:
	root_device_unregister(bh_root);
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
	kobject_put(cpus_kobj);
	root_device_unregister(bh_root);
}
