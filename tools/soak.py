#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""make soak: Bulkhead used over and over, nothing may leak.

Per board: CELL_CYCLES times create, load, start and destroy of a cell,
then ENABLE_CYCLES times disable and enable, all from a loop in the
board's shell.  Before and after, the hypervisor's pool use and Linux's
free memory (page cache dropped) are read; both must be back at their
baselines.  Prints what it measured; exits non-zero on a failed cycle or
a leak.  Logs: build/logs/soak-<board>.log.

Usage: tools/soak.py [virt] [zcu102] [--cycles N] [--enables N]
"""
import os
import re
import sys
import time

import toolcheck

toolcheck.start(__doc__)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'tests', 'system'))
from board import BOARDS  # noqa: E402
from cells_common import (boot_enabled, cells,  # noqa: E402
                          stop_console_follower)

CFG = '/bulkhead/configs/arm64'
# Linux's free memory moves by a few pages on its own (slab, per-CPU lists)
MEMFREE_SLACK_KB = 1024
WARM_UP = 10


def memfree_kb(b):
    out = b.run('sync; echo 3 > /proc/sys/vm/drop_caches; '
                'grep MemFree /proc/meminfo')
    return int(re.search(r'MemFree:\s+(\d+)', out).group(1))


def pool(b):
    return int(b.run('cat /sys/devices/bulkhead/mem_pool_used').split()[-1])


def loop(b, count, body, timeout):
    """Run body count times in the board's shell; seconds it took."""
    start = time.monotonic()
    out = b.run(f'i=0; while [ $i -lt {count} ]; do {body} >/dev/null 2>&1 '
                f'|| break; i=$((i+1)); done; echo "cycles $i"',
                timeout=timeout)
    done = int(re.search(r'cycles (\d+)', out).group(1))
    if done != count:
        raise RuntimeError(f'cycle {done + 1} of {count} failed: '
                           f'{b.run("cat /sys/devices/bulkhead/last_error")}')
    return time.monotonic() - start


def soak(name, cell_cycles, enable_cycles):
    b = boot_enabled(name, f'soak-{name}')
    try:
        stop_console_follower(b)
        cell = f'{CFG}/{b.config}-uart-demo.cell'
        cycle = (f'bulkhead cell create {cell} && bulkhead cell load '
                 'uart-demo /bulkhead/inmates/demos/uart-demo.bin && '
                 'bulkhead cell start uart-demo && '
                 'bulkhead cell destroy uart-demo')
        # the first CPU hotplug cycles fill Linux's caches for good (about
        # 1.5 MiB, the same after 20 cycles as after 80): the baseline
        # comes after them
        loop(b, WARM_UP, cycle, timeout=120)
        # free pages wait in per-CPU lists that MemFree does not count;
        # cycling every CPU (disable, enable) drains them before a reading
        drain = f'bulkhead disable && bulkhead enable {CFG}/{b.config}.cell'
        loop(b, 1, drain, timeout=120)
        pool0, free0 = pool(b), memfree_kb(b)
        secs = loop(b, cell_cycles, cycle, timeout=120 + 5 * cell_cycles)
        assert not cells(b), cells(b)
        pool1 = pool(b)
        loop(b, 1, drain, timeout=120)
        free1 = memfree_kb(b)
        print(f'{name}: {cell_cycles} create/load/start/destroy cycles in '
              f'{secs:.0f} s ({1000 * secs / cell_cycles:.0f} ms each); '
              f'pool {pool0} -> {pool1} bytes, Linux free '
              f'{free0} -> {free1} KiB', flush=True)
        secs = loop(b, enable_cycles, drain, timeout=120 + 20 * enable_cycles)
        pool2, free2 = pool(b), memfree_kb(b)
        print(f'{name}: {enable_cycles} disable/enable cycles in '
              f'{secs:.0f} s ({1000 * secs / enable_cycles:.0f} ms each); '
              f'pool {pool0} -> {pool2} bytes, Linux free '
              f'{free0} -> {free2} KiB', flush=True)
        b.kernel_healthy()
    finally:
        b.close()
    leaks = []
    if pool1 != pool0 or pool2 != pool0:
        leaks.append(f'hypervisor pool {pool0} -> {pool1} -> {pool2}')
    for after in (free1, free2):
        if free0 - after > MEMFREE_SLACK_KB:
            leaks.append(f'Linux free memory {free0} -> {after} KiB')
    return leaks


def main(argv):
    cell_cycles, enable_cycles, boards = 1000, 100, []
    args = iter(argv)
    for a in args:
        if a == '--cycles':
            cell_cycles = int(next(args))
        elif a == '--enables':
            enable_cycles = int(next(args))
        elif a in BOARDS:
            boards.append(a)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    failed = False
    for name in boards or BOARDS:
        try:
            leaks = soak(name, cell_cycles, enable_cycles)
        except (AssertionError, RuntimeError) as e:
            leaks = [str(e)]
        for leak in leaks:
            print(f'{name}: FAILED: {leak}', flush=True)
        failed |= bool(leaks)
    print('soak: ' + ('FAILED' if failed else 'no leak, no failed cycle'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
