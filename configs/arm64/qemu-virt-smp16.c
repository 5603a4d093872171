// SPDX-License-Identifier: BSD-2-Clause
/*
 * System config for QEMU virt with 16 CPUs (tools/qemu-run --smp 16): that
 * of qemu-virt.c with all 16 in the root cell, from which cells take them
 * (tests/system/test_scale.py: the root cell and 8 cells at once).
 */
#define VIRT_ROOT_CPUS 0xffff
#include "qemu-virt.c"
