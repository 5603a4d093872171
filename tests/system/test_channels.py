# SPDX-License-Identifier: GPL-2.0
"""Issue 11: channels between cells, through the real CLI, driver and
hypervisor.

Two bare-metal cells, ping (CPU 2) and pong (CPU 3), run channel-demo on
the system config's ping-pong channel (inmates/demos/channel-demo.c).
One boot per board: build/logs/channels-<board>.log.
"""
import re
import time

import pytest

from board import BOARDS
from cells_common import (INMATES, boot_enabled, cells, create, fails,
                          hv_output, hv_output_size, load, online, snapshot,
                          wait_state)

IMAGE = f'{INMATES}/channel-demo.bin'


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'channels-{request.param}')
    yield b
    b.close()


@pytest.fixture(autouse=True)
def no_leftovers(board):
    yield
    if not board.child.isalive():
        return
    for name in cells(board):
        board.run_rc(f'bulkhead cell destroy {name}', timeout=60)


def run_demo(board, name, options, config=None):
    create(board, name, config)
    load(board, name, f'-s "{options}"', image=IMAGE)
    board.run(f'bulkhead cell start {name}')


def hv_wait(board, pattern, since, timeout=60):
    """The hypervisor console (where these cells print) matches."""
    deadline = time.monotonic() + timeout
    while True:
        found = re.findall(pattern, hv_output(board, since))
        if found:
            return found
        assert time.monotonic() < deadline, (
            f'no "{pattern}":\n{hv_output(board, since)[-3000:]}')
        time.sleep(0.5)


def test_round_trips_between_two_cells(board):
    since = hv_output_size(board)
    run_demo(board, 'pong', 'mode=echo report_ms=0')
    run_demo(board, 'ping', 'mode=ping count=1000')
    hv_wait(board, r"peer 'pong' is running \(started \d+ times\)", since)
    hv_wait(board, r'channel-demo: 1000 round trips', since)
    one_way = hv_wait(board, r'one way min/avg/max (\d+)/(\d+)/(\d+) ns',
                      since)[0]
    assert 0 < int(one_way[0]) <= int(one_way[1]) <= int(one_way[2])
    assert 'no echo' not in hv_output(board, since)


def doorbells(board, since):
    return [int(n) for n in
            re.findall(r'channel-demo: (\d+) doorbells', hv_output(board,
                                                                   since))]


def test_a_flood_of_rings_coalesces(board):
    """1,000,000 rings: the receiver takes at most one doorbell per
    acknowledgement, and none is left queued once the ringing stops."""
    since = hv_output_size(board)
    run_demo(board, 'pong', 'mode=echo report_ms=500')
    run_demo(board, 'ping', 'mode=flood count=1000000 report_ms=0')
    hv_wait(board, r'rang 1000000 times', since, timeout=300)
    mark = hv_output_size(board)
    hv_wait(board, r'channel-demo: \d+ doorbells', mark)
    time.sleep(3)
    counts = doorbells(board, mark)
    assert len(counts) >= 2, hv_output(board, mark)
    # the pong cell kept running and nothing trickled in afterwards
    assert counts[-1] - counts[0] <= 1, counts
    assert 1 <= counts[-1] <= 1000000 + 1, counts
    assert cells(board)['pong'][1] == 'running'


def test_destroying_a_peer_informs_the_other(board):
    since = hv_output_size(board)
    run_demo(board, 'ping', 'mode=echo report_ms=0')
    hv_wait(board, r"peer 'pong' is absent", since)
    run_demo(board, 'pong', 'mode=echo report_ms=0')
    starts = int(hv_wait(board, r"peer 'pong' is running \(started (\d+)",
                         since)[0])
    mark = hv_output_size(board)
    board.run('bulkhead cell destroy pong')
    hv_wait(board, r"peer 'pong' is absent", mark)
    assert cells(board)['ping'][1] == 'running'
    mark = hv_output_size(board)
    board.run('bulkhead cell shutdown ping', timeout=60)
    assert 'ping' in cells(board)
    run_demo(board, 'pong', 'mode=echo report_ms=0')
    hv_wait(board, r"peer 'ping' is shut down", mark)
    board.run('bulkhead cell start ping')
    hv_wait(board, rf"peer 'pong' is running \(started {starts + 1} times",
            mark)


def test_writing_into_the_peers_area_fails_the_cell(board):
    since = hv_output_size(board)
    run_demo(board, 'pong', 'mode=echo report_ms=0')
    run_demo(board, 'ping', 'mode=write-peer')
    wait_state(board, 'ping', 'failed')
    hv_wait(board, r'FAULT: cell \d+ "ping" CPU 2: an access to channel '
            r'"ping-pong" that it does not allow', since)
    # the victim goes on, and learns about it
    hv_wait(board, r"peer 'ping' is failed", since)
    assert cells(board)['pong'][1] == 'running'
    board.run('bulkhead cell destroy ping')
    assert 'ping' not in cells(board)


def test_cell_regions_must_stay_clear_of_channels(board):
    """The checker refuses a cell whose RAM is a channel's memory."""
    before = snapshot(board)
    base = 0x7e000000
    # the ping config with its RAM moved onto the rtos-link channel
    board.run(f'cp /bulkhead/configs/arm64/{board.config}-ping.cell '
              '/tmp/p.cell')
    # region 0's phys_start follows the 200-byte struct bh_cell_desc
    raw = ''.join(f'\\x{(base >> (8 * i)) & 0xff:02x}' for i in range(8))
    board.run(f"printf '{raw}' | dd of=/tmp/p.cell bs=1 seek=200 "
              'conv=notrunc 2>/dev/null')
    fails(board, 'bulkhead cell create /tmp/p.cell', 'channel',
          'rtos-link')
    assert snapshot(board) == before
    assert online(board) == '0-3'
