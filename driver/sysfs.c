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

static struct attribute *bh_root_attrs[] = {
	&dev_attr_enabled.attr,
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

static struct attribute *cpu_attrs[] = {
	&el2_attr.attr,
	NULL,
};

static const struct attribute_group cpu_group = {
	.attrs = cpu_attrs,
};

static int cpu_dir_create(unsigned int cpu)
{
	char name[16];

	snprintf(name, sizeof(name), "cpu%u", cpu);
	cpu_kobjs[cpu] = kobject_create_and_add(name, cpus_kobj);
	if (!cpu_kobjs[cpu])
		return -ENOMEM;
	return sysfs_create_group(cpu_kobjs[cpu], &cpu_group);
}

int bh_sysfs_init(void)
{
	unsigned int cpu;
	int err;

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
		kobject_put(cpu_kobjs[cpu]);
		cpu_kobjs[cpu] = NULL;
	}
	kobject_put(cpus_kobj);
	root_device_unregister(bh_root);
}
