# SPDX-License-Identifier: GPL-2.0
"""Issue 10, the safety demo: the RTOS survives a Linux crash.

An RTOS cell runs (its background task on), then Linux panics
(`echo c > /proc/sysrq-trigger`).  With panic=-1 (qemu-run's default)
Linux then resets the board through PSCI; the hypervisor's default policy
stops only Linux's CPUs, tells the cells through their comm regions, and
gives them the UART nobody else reads now.  The RTOS enters its safe state
(background work off) and must keep every deadline: under -icount, with
Linux's CPUs off, nothing competes with it for QEMU's round-robin.  One
boot per board (build/logs/root-crash-<board>.log; on the ZCU102 the RTOS
prints on uart1, build/logs/root-crash-zcu102-uart1.log).
"""
import re
import time

import pexpect
import pytest

from board import BOARDS
from cells_common import (INMATES, RTOS_IMAGE, boot_enabled, cell_output,
                          create, load, output_size, wait_for)

STATS_RE = re.compile(r'rtos: period \d+ us releases (\d+) jitter min/avg/max '
                      r'\d+/\d+/(\d+) ns misses (\d+)')
SAFE = 'rtos: Linux has stopped: safe state'
SECONDS_AFTER = 5


def text_after_crash(b, since):
    """What the RTOS printed since `since`: on virt it reaches the UART
    once Linux is gone (pexpect's buffer), on the ZCU102 uart1's file."""
    if b.board == 'zcu102':
        return cell_output(b, since)
    # time flies with Linux's CPUs off: read for a while, not to the end
    stop = time.monotonic() + 2
    try:
        while time.monotonic() < stop:
            b.crash_text += b.child.read_nonblocking(65536, timeout=0.5)
    except (pexpect.TIMEOUT, pexpect.EOF):
        pass
    return b.crash_text


@pytest.mark.parametrize('board_name', BOARDS)
def test_rtos_survives_a_linux_panic(board_name):
    b = boot_enabled(board_name, f'root-crash-{board_name}',
                     qemu_args=('--icount',))
    try:
        since = output_size(b)
        create(b, 'rtos')
        # on virt through the console hypercall, which then reaches the UART
        load(b, 'rtos', '-s "console=hvc"' if board_name == 'virt' else '',
             image=RTOS_IMAGE)
        b.run('bulkhead cell start rtos')
        wait_for(b, r'rtos: period', since=since)
        since = output_size(b)
        b.child.sendline('echo c > /proc/sysrq-trigger')
        b.child.expect('Kernel panic', timeout=60)
        b.child.expect('root cell: system reset with cells running: '
                       "Linux's CPUs stop, the cells go on", timeout=60)
        # what came in with the match is in pexpect's buffer, which
        # read_nonblocking() does not return: the safe-state line may be there
        b.crash_text = b.child.buffer
        b.child.buffer = ''
        deadline = time.monotonic() + 300
        while True:
            text = text_after_crash(b, since)
            after = text.split(SAFE, 1)[1] if SAFE in text else ''
            got = [tuple(map(int, s)) for s in STATS_RE.findall(after)]
            if len(got) > SECONDS_AFTER:
                break
            assert time.monotonic() < deadline, text[-3000:]
            time.sleep(1)
        # cumulative figures: no miss since the cell started, 5 s of
        # releases after the safe state at the 1 ms period
        assert all(misses == 0 for _, _, misses in got), got
        assert got[-1][0] - got[0][0] >= SECONDS_AFTER * 1000 - 10, got
        assert got[-1][1] < 500000, got       # max jitter under 0.5 ms
    finally:
        # nothing to power off: Linux is gone
        b.child.close(force=True)
        b.log.close()


@pytest.mark.parametrize('board_name', BOARDS)
def test_restart_needs_no_linux(board_name):
    """Linux panics first; then the cell fails: the hypervisor restarts it
    on its own (its messages reach the UART once Linux is gone)."""
    b = boot_enabled(board_name, f'health-crash-{board_name}',
                     qemu_args=('--icount',))
    try:
        create(b, 'rtos-ha')
        load(b, 'rtos-ha', '-s "mem=0 bad=0 delay_ms=2000"',
             image=f'{INMATES}/fault-demo.bin')
        b.run('bulkhead cell start rtos-ha')
        b.child.sendline('echo c > /proc/sysrq-trigger')
        b.child.expect('Kernel panic', timeout=60)
        b.child.expect("Linux's CPUs stop, the cells go on", timeout=60)
        b.child.expect('access to a resource it does not own: restarting',
                       timeout=120)
        b.child.expect(r'"rtos-ha" restarted by the hypervisor \(1 of 3\)',
                       timeout=60)
        b.child.expect(r'"rtos-ha" restarted by the hypervisor \(3 of 3\)',
                       timeout=120)
        b.child.expect(r'stopped \(restarts 3 of 3\)', timeout=120)
    finally:
        b.child.close(force=True)
        b.log.close()
