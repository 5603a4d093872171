# SPDX-License-Identifier: GPL-2.0
"""Issue "An RTOS for the real-time cell": rtos-demo in a cell beside Linux.

One boot per board under -icount (guest time: one nanosecond per
instruction, build/logs/rtos-cell-<board>.log), shared by the tests in file
order: the RTOS cell is created, loaded and started; it reports its 1 kHz
control loop's release jitter every second with no deadline missed while
Linux idles; a shutdown request stops its tasks and it approves; it starts
again from a fresh load; destroy gives Linux its CPU back; a new RTOS cell
lives through a CPU loop on every Linux CPU and goes on at its period.

Under -icount QEMU runs the vCPUs one after the other on a single host
thread, each for a slice of guest time, and recomputes the slices only
between rounds.  While Linux CPUs spin, the cell's timer interrupt waits
for their slices: the RTOS then misses deadlines that real hardware, with
CPUs running in parallel, would keep.  Without -icount the vCPUs run in
parallel but on the host's two cores, so the host's scheduler decides.
Neither can show real-time behaviour under load, so with Linux busy the
test checks what the hypervisor owes the cell: it keeps running and, once
Linux stops, goes on at its period; the deadline check runs with Linux idle,
where guest time is exact.  Documentation/benchmarks.md has the figures.
"""
import re

import pytest

from board import BOARDS
from cells_common import (RTOS_IMAGE, boot_enabled, busy_loops, cell_output,
                          cells, create, fails, load, online, output_size,
                          pool_used, stop_loops, wait_for)

RTOS_CPU = 3  # configs/arm64/*-rtos.c
STATS_RE = re.compile(
    r'rtos: (final: )?period (\d+) us releases (\d+) jitter min/avg/max '
    r'(\d+)/(\d+)/(\d+) ns misses (\d+)')


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'rtos-cell-{request.param}',
                     qemu_args=('--icount',))
    yield b
    b.close()


def stats(text):
    """[(final, releases, min, avg, max, misses)] of the statistics lines."""
    return [(bool(s[0]), int(s[2]), int(s[3]), int(s[4]), int(s[5]),
             int(s[6])) for s in STATS_RE.findall(text)]


def cpu_busy(b):
    """Per CPU, the user + system time /proc/stat has counted."""
    busy = {}
    for line in b.run('grep "^cpu[0-9]" /proc/stat').splitlines():
        f = line.split()
        busy[int(f[0][3:])] = int(f[1]) + int(f[3])
    return [busy.get(c, 0) for c in range(4)]


def reports(b, since, count):
    """Periodic statistics lines after byte `since`, once `count` seconds
    have passed with Linux's shell asleep (a polling shell would be load)."""
    b.run(f'sleep {count + 0.5}', timeout=300)
    got = [s for s in stats(cell_output(b, since)) if not s[0]]
    assert len(got) >= count - 1, cell_output(b, since)[-2000:]
    return got


def test_enable_was_quick(board):
    """Under -icount, guest time: entering takes microseconds per CPU.  On
    GICv2 an IPI from a CPU already in to one not yet in was once dropped,
    and each CPU then waited for its next timer tick (1 to 6 s)."""
    assert board.enable_s < 0.1, board.enable_s


def test_rtos_cell_starts(board):
    before = pool_used(board)
    since = output_size(board)
    create(board, 'rtos')
    assert cells(board)['rtos'][1:] == ('created', str(RTOS_CPU), '-')
    assert online(board) == '0-2'
    assert pool_used(board) > before
    load(board, 'rtos', '-s "crunch=0"', image=RTOS_IMAGE)
    board.run('bulkhead cell start rtos')
    found = wait_for(board, r'rtos: Bulkhead RTOS demo on (\S+) \((\w+)\), '
                     r'counter (\d+) Hz', since=since)
    assert found[0][1] == 'cell', found


def test_rtos_cell_keeps_its_deadlines(board):
    since = output_size(board)
    got = reports(board, since, 3)
    for final, releases, jmin, javg, jmax, misses in got:
        assert releases > 0 and 0 < jmin <= javg <= jmax, got
        assert misses == 0, got
    # one release per millisecond of guest time between two reports
    assert 990 <= got[-1][1] - got[-2][1] <= 1010, got


def test_rtos_cell_shutdown(board):
    """A shutdown request: the RTOS stops its tasks, prints its final
    statistics and approves; the cell is then 'shut down'."""
    since = output_size(board)
    board.run('bulkhead cell shutdown rtos', timeout=60)
    assert cells(board)['rtos'][1] == 'shut down'
    # the CPU stays with the cell until it is destroyed
    assert online(board) == '0-2'
    wait_for(board, 'rtos: shutdown requested, tasks stopped, approving',
             since=since, timeout=10)
    out = cell_output(board, since)
    final = [s for s in stats(out) if s[0]]
    assert len(final) == 1, out


def test_rtos_cell_restarts(board):
    since = output_size(board)
    fails(board, 'bulkhead cell start no-such-cell', "no cell 'no-such")
    # a fresh image: the last run's variables are still in the cell's RAM
    load(board, 'rtos', '-s "crunch=0"', image=RTOS_IMAGE)
    board.run('bulkhead cell start rtos')
    got = reports(board, since, 2)
    assert got[0][1] <= 2010 and got[-1][5] == 0, got
    board.run('bulkhead cell destroy rtos', timeout=60)
    assert 'rtos' not in cells(board)
    assert online(board) == '0-3'
    board.run(f'taskset {1 << RTOS_CPU} true')
    assert board.sysfs(f'cpus/cpu{RTOS_CPU}/el2') == 'bulkhead'
    board.kernel_healthy()


def test_rtos_cell_beside_busy_linux(board):
    since = output_size(board)
    create(board, 'rtos')
    load(board, 'rtos', '-s "crunch=0"', image=RTOS_IMAGE)
    board.run('bulkhead cell start rtos')
    reports(board, since, 2)
    busy_loops(board)       # one per CPU Linux has left
    try:
        busy = cpu_busy(board)
        first = stats(cell_output(board))[-1]
        board.run('sleep 3', timeout=300)
        busy = [b - a for a, b in zip(busy, cpu_busy(board))]
    finally:
        stop_loops(board)
    # the loops did run: Linux's CPUs busy (clock ticks of 10 ms)
    assert min(busy[:3]) > 100, busy
    # the cell lived through it and goes on at its period; what it got
    # while Linux spun is QEMU's round-robin, not the hypervisor (above).
    # (Starved for seconds, the reporter once computed a negative timeout
    # that waited forever: this is the test that caught it.)
    since = output_size(board)
    got = reports(board, since, 3)
    assert got[-1][1] - first[1] >= 1900, (first, got)
    assert got[-1][1] - got[-2][1] >= 990, got
    assert cells(board)['rtos'][1] == 'running'
    board.kernel_healthy()


def test_destroy_after_busy_linux(board):
    board.run('bulkhead cell destroy rtos', timeout=60)
    assert online(board) == '0-3'
    board.run(f'taskset {1 << RTOS_CPU} true')
    board.kernel_healthy()


def test_rtos_cell_with_crunch_keeps_its_deadlines(board):
    """Issue 15: with the demo's CPU hog on, the cell's timer interrupt is
    often still pending when the RTOS ends it.  On QEMU's GICv2 model an
    interrupt handed over with the hardware bit was then not signalled
    again until an unrelated GIC event: stalls of 1 to 85 ms, a miss every
    few seconds on the zcu102 (7 in 20 s).  12 s of guest time there (8 s
    on virt, whose GICv3 never had the bug), Linux idle."""
    seconds = 12 if board.board == 'zcu102' else 8
    since = output_size(board)
    create(board, 'rtos')
    load(board, 'rtos', image=RTOS_IMAGE)      # crunch on by default
    board.run('bulkhead cell start rtos')
    got = reports(board, since, seconds)
    board.run('bulkhead cell destroy rtos', timeout=60)
    assert got[-1][1] >= (seconds - 2) * 1000, got
    assert all(s[5] == 0 for s in got), got
    # a release is late by the RTOS's own path (< 2 us), never by a period
    assert max(s[4] for s in got) < 500000, got
