// SPDX-License-Identifier: GPL-2.0
/*
 * The real configs, compiled for the host straight from configs/arm64 so the
 * unit tests check exactly the sources that become the .cell files.  Each is
 * renamed from `config` to a unique symbol.
 */
#include "configs.h"

#define config virt_sys
#include "../../configs/arm64/qemu-virt.c"
#undef config
#define config virt_uart
#include "../../configs/arm64/qemu-virt-uart-demo.c"
#undef config
#define config virt_gic
#include "../../configs/arm64/qemu-virt-gic-demo.c"
#undef config
#define config virt_fault
#include "../../configs/arm64/qemu-virt-fault-demo.c"
#undef config
#define config virt_rtos
#include "../../configs/arm64/qemu-virt-rtos.c"
#undef config
#define config zcu_sys
#include "../../configs/arm64/zcu102.c"
#undef config
#define config zcu_uart
#include "../../configs/arm64/zcu102-uart-demo.c"
#undef config
#define config zcu_gic
#include "../../configs/arm64/zcu102-gic-demo.c"
#undef config
#define config zcu_fault
#include "../../configs/arm64/zcu102-fault-demo.c"
#undef config
#define config zcu_rtos
#include "../../configs/arm64/zcu102-rtos.c"
#undef config

#define ENTRY(sym) { &sym, sizeof(sym) }

const struct test_config test_virt_system = ENTRY(virt_sys);
const struct test_config test_zcu_system = ENTRY(zcu_sys);
const struct test_config test_virt_cells[TEST_CELLS_PER_BOARD] = {
	ENTRY(virt_uart), ENTRY(virt_gic), ENTRY(virt_fault), ENTRY(virt_rtos),
};
const struct test_config test_zcu_cells[TEST_CELLS_PER_BOARD] = {
	ENTRY(zcu_uart), ENTRY(zcu_gic), ENTRY(zcu_fault), ENTRY(zcu_rtos),
};
