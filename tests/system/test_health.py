# SPDX-License-Identifier: GPL-2.0
"""Issue 10, section 3: health monitoring and automatic recovery.

The cell `rtos-ha` (configs/arm64/<board>-rtos-ha.c) restarts on every
failure, up to three times, and wants a watchdog kick every 100 ms.  The
hypervisor restarts it alone, from the images it kept at load.  Under
-icount (guest time), one boot per board: build/logs/health-<board>.log;
the restart without Linux has its own boot (health-crash-<board>.log).
"""
import re

import pytest

from board import BOARDS
from cells_common import (INMATES, RTOS_IMAGE, boot_enabled, create,
                          hv_output, hv_output_size, hv_wait, load, online,
                          poll)

FAULT_DEMO = f'{INMATES}/fault-demo.bin'
BUDGET = 3
RESTART = re.compile(r'cell \d+ "rtos-ha" restarted by the hypervisor '
                     r'\((\d+) of 3\)')


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'health-{request.param}',
                     qemu_args=('--icount',))
    yield b
    b.close()


@pytest.fixture(autouse=True)
def no_leftovers(board):
    yield
    if board.child.isalive():
        board.run_rc('bulkhead cell destroy rtos-ha', timeout=60)


def start(board, image, options=''):
    create(board, 'rtos-ha')
    load(board, 'rtos-ha', f'-s "{options}"' if options else '', image=image)
    board.run('bulkhead cell start rtos-ha')


def listed(board):
    """The cell's row and its health line from `bulkhead cell list`."""
    out = board.run('bulkhead cell list')
    m = re.search(r'^\d+\s+rtos-ha\s+(\S+).*\n\s+restarts (\d+)(.*)$', out,
                  re.M)
    assert m, out
    return m.group(1), int(m.group(2)), m.group(3)


def spent(board, since, reason):
    """Three restarts, then stopped for good: the state and the reason
    show in `cell list`; Linux ran on throughout."""
    hv_wait(board, rf'rtos-ha": {reason}.*: stopped \(restarts 3 of 3\)',
            since)
    restarts = [int(n) for n in RESTART.findall(hv_output(board, since))]
    assert restarts == [1, 2, 3], restarts
    state, count, rest = listed(board)
    assert (state, count) == ('failed', BUDGET), (state, count, rest)
    assert re.search(reason, rest), rest
    assert online(board) == '0-2'
    assert board.run('echo alive') == 'alive'


def test_a_fault_restarts_the_cell_until_the_budget_is_spent(board):
    since = hv_output_size(board)
    start(board, FAULT_DEMO, 'mem=0 bad=0')
    spent(board, since, 'access to a resource it does not own')
    # each run started from the kept image, with a fresh comm region
    runs = re.findall(r'fault-demo: in a cell.*restarted (\d+) times',
                      hv_output(board, since))
    assert runs == ['0', '1', '2', '3'], runs


def test_the_watchdog_restarts_a_hung_cell(board):
    """It spins with interrupts masked: only the hypervisor's timer can
    tell, and it does, after 100 ms each time."""
    since = hv_output_size(board)
    start(board, FAULT_DEMO, 'mem=0 dev=0 bad=0 hang=1')
    spent(board, since, r'watchdog expired \(no kick in 100 ms\)')


def test_a_reported_failure_restarts_the_cell(board):
    since = hv_output_size(board)
    start(board, FAULT_DEMO, 'mem=0 dev=0 bad=0 report=1 delay_ms=50')
    spent(board, since, 'it reported a failure')


def test_the_rtos_kicks_its_watchdog(board):
    """3 s of guest time with a 100 ms watchdog and the CPU hog on: no
    restart, because the lowest-priority task kicks."""
    since = hv_output_size(board)
    start(board, RTOS_IMAGE)
    hv_wait(board, r'rtos: period 1000 us releases [3-9]\d{3} ', since)
    assert 'watchdog' not in hv_output(board, since)
    out = board.run('bulkhead cell list')
    assert re.search(r'rtos-ha\s+running', out) and 'restarts' not in out


def test_the_rtos_is_back_within_10_ms(board):
    """A stray store after 500 ms: the hypervisor restarts the RTOS from
    its images; its first release comes well within 10 ms of the fault
    (guest time), and it then keeps its deadlines."""
    since = hv_output_size(board)
    start(board, RTOS_IMAGE, 'fail_after_ms=500')
    ns = int(hv_wait(board, r'rtos: restart 1: first release (\d+) ns '
                     r'after the failure', since)[0])
    assert ns < 10_000_000, ns
    mark = hv_output_size(board)
    hv_wait(board, r'rtos: period 1000 us releases [2-9]\d{3} ', mark)
    state, count, rest = listed(board)
    assert (state, count) == ('running', 1), (state, count, rest)
    assert 'access to a resource' in rest or 'it does not own' in rest


def test_events_follow_shows_failures_as_they_happen(board):
    board.run('(bulkhead events -f > /tmp/events & echo $! > /tmp/events.pid)')
    try:
        # it has read the events once and waits for the next: from here
        # on it sees every change
        poll(board, 'grep -q do_sys_poll /proc/$(cat /tmp/events.pid)/wchan')
        since = hv_output_size(board)
        # running long enough to be seen running on a loaded host
        start(board, FAULT_DEMO, 'mem=0 bad=0 delay_ms=2000')
        spent(board, since, 'access to a resource it does not own')
        # (a loaded host can hold the follower back for seconds)
        poll(board, "grep -q 'restarts 3' /tmp/events", timeout=30)
        lines = board.run('cat /tmp/events').splitlines()
        assert any(re.search(r"cell \d+ 'rtos-ha': running, restarts 0",
                             line) for line in lines), lines
        assert any(re.search(r"'rtos-ha': failed, restarts 3, last failure "
                             r"\(access\)", line) for line in lines), lines
    finally:
        board.run('kill $(cat /tmp/events.pid) 2>/dev/null; true')
