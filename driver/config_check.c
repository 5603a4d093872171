// SPDX-License-Identifier: GPL-2.0
/* The one config checker, shared with the hypervisor and the CLI. */
#include "../hypervisor/config_check.c"
