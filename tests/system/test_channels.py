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

from abi import CELL_DESC
from board import BOARDS
from cells_common import (INMATES, boot_enabled, cells, create, fails,
                          hv_output, hv_output_size, hv_wait, load, online,
                          output_size, poll, snapshot, wait_for, wait_state)

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
    rang_before = channel_rows(board)['ping-pong'][0][2]
    run_demo(board, 'ping', 'mode=flood count=1000000 report_ms=0')
    hv_wait(board, r'rang 1000000 times', since, timeout=300)
    mark = hv_output_size(board)
    # six of pong's reports, 500 ms of its time apart, after the last ring
    deadline = time.monotonic() + 60
    while len(counts := doorbells(board, mark)) < 6:
        assert time.monotonic() < deadline, hv_output(board, mark)
        time.sleep(0.2)
    # the pong cell kept running and nothing trickled in afterwards
    assert counts[-1] - counts[0] <= 1, counts
    assert 1 <= counts[-1] <= 1000000 + 1, counts
    assert cells(board)['pong'][1] == 'running'
    rows = channel_rows(board)
    assert rows['ping-pong'][0][:3] == ('ping', 'running',
                                        rang_before + 1000000), rows
    assert rows['ping-pong'][1][:2] == ('pong', 'running'), rows


def channel_rows(board):
    """{channel: [(peer, state, rings, starts), (...)]} from the CLI."""
    rows, name = {}, None
    for line in board.run('bulkhead channel list').splitlines()[1:]:
        f = line.split()
        if len(f) == 7:
            name = f[0]
            f = f[1:]
        if len(f) == 6 and name:
            rows.setdefault(name, []).append(
                (f[0], f[1], int(f[2]), int(f[3])))
    return rows


def test_channel_list_shows_both_sides(board):
    rows = channel_rows(board)
    assert set(rows) == {'rtos-link', 'ping-pong', 'cell-link'}, rows
    assert rows['rtos-link'][0][:2] == ('linux', 'running')
    assert rows['rtos-link'][1][:2] == ('rtos', 'absent')
    assert rows['ping-pong'][0][:2] == ('ping', 'absent')
    # the Linux cell's and the RTOS's (test_linux_channels.py)
    assert [r[:2] for r in rows['cell-link']] == [
        ('linux2', 'absent'), ('rtos', 'absent')], rows
    assert 'channel list' in board.run('bulkhead --help')


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
    assert channel_rows(board)['ping-pong'][1][:2] == ('pong', 'absent')
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
    # region 0's phys_start follows struct bh_cell_desc
    raw = ''.join(f'\\x{(base >> (8 * i)) & 0xff:02x}' for i in range(8))
    board.run(f"printf '{raw}' | dd of=/tmp/p.cell bs=1 "
              f"seek={CELL_DESC['sizeof']} conv=notrunc 2>/dev/null")
    fails(board, 'bulkhead cell create /tmp/p.cell', 'channel',
          'rtos-link')
    assert snapshot(board) == before
    assert online(board) == '0-3'


def echoed(board, dev, seq):
    """Linux publishes seq in its area and rings until the RTOS cell has
    copied it into its own.  Its start line comes before its doorbell
    handler is in place: a ring may come too early, so ring again."""
    board.run(f'channel-poke {dev} 2 0 {seq}')
    poll(board, f'channel-poke {dev} 1 0 1 && '
         f'test "$(channel-poke {dev} 3 0)" = {seq:#x}', timeout=10)


def uio_of(board, channel):
    for n in range(8):
        rc, name = board.run_rc(f'cat /sys/class/uio/uio{n}/name')
        if rc == 0 and name.strip() == f'bulkhead-{channel}':
            return f'/dev/uio{n}'
    raise AssertionError(board.run('ls /sys/class/uio; dmesg | tail'))


def test_linux_talks_to_a_cell_through_uio(board):
    """bulkhead.ko registers rtos-link as a UIO device: the maps, a
    blocking read() that returns when the RTOS cell starts (the peer-state
    doorbell), a ring from Linux answered by the cell, and the peer's area
    refused for writing at mmap while Linux keeps running."""
    dev = uio_of(board, 'rtos-link')
    n = dev[len('/dev/uio'):]
    maps = board.run(f'cat /sys/class/uio/uio{n}/maps/map*/name').split()
    assert maps == ['header', 'doorbell', 'own', 'peer'], maps
    create(board, 'rtos')
    load(board, 'rtos', '-s "channel=rtos-link mode=echo report_ms=0"',
         image=IMAGE)
    # from a subshell: no job notices in a later command's output
    board.run(f'(dd if={dev} bs=4 count=1 2>/dev/null | od -A n -t u4 '
              '> /tmp/ev &)')
    # the reader must hold the device before the start rings it
    poll(board, f'ls -l /proc/$(pidof dd)/fd 2>/dev/null | grep -q {dev}')
    assert board.run('cat /tmp/ev') == ''
    board.run('bulkhead cell start rtos')
    poll(board, 'test -s /tmp/ev')
    assert int(board.run('cat /tmp/ev').split()[-1]) >= 1
    # the demo's area: seq at 0, one_way at 16; Linux publishes seq 5
    echoed(board, dev, 5)
    irqs = board.run('grep bulkhead-rtos-link /proc/interrupts')
    counts = [int(x) for x in irqs.split()[1:] if x.isdigit()]
    # the start and the echo (per online CPU, then "GICv3 248 Edge ...")
    assert 'Edge' in irqs and sum(counts[:-1]) >= 2, irqs
    out = fails(board, f'channel-poke {dev} 3 0 7', 'not permitted')
    assert 'for writing' in out
    fails(board, f'channel-poke {dev} 0 0 7', 'not permitted')
    assert int(board.run(f'channel-poke {dev} 3 0'), 16) == 5
    assert board.run('echo alive') == 'alive'
    assert cells(board)['rtos'][1] == 'running'


def test_a_kernel_store_into_the_peers_area_aborts_only_its_context(board):
    """Stage 2 keeps the RTOS's output area read-only to Linux's kernel
    too: a module storing there gets a synchronous external abort in its
    own context (insmod dies, the kernel oopses), while the hypervisor,
    Linux and the RTOS cell go on and the area keeps what the RTOS wrote."""
    dev = uio_of(board, 'rtos-link')
    n = dev[len('/dev/uio'):]
    peer = int(board.run(f'cat /sys/class/uio/uio{n}/maps/map3/addr'), 16)
    create(board, 'rtos')
    load(board, 'rtos', '-s "channel=rtos-link mode=echo report_ms=0"',
         image=IMAGE)
    # the rtos cell prints on its own UART on the ZCU102 (cell_output)
    since = output_size(board)
    board.run('bulkhead cell start rtos')
    wait_for(board, r"channel-demo: channel 'rtos-link' side \d+, doorbell "
             r'INTID \d+, echo mode', since=since)
    echoed(board, dev, 5)
    since = hv_output_size(board)
    # the oops is printed in insmod's context, before it dies
    rc, out = board.run_rc('insmod /lib/bulkhead/bh-probe.ko '
                           f'store={peer:#x} value=7', timeout=30)
    # an oops turns every kernel message up onto the console: back down
    board.run('dmesg -n 1')
    dmesg = board.run('dmesg | tail -40')
    assert 'went through' not in dmesg, dmesg
    assert 'bh-probe: writing 0x7' in dmesg, dmesg
    assert 'synchronous external abort' in dmesg.lower(), dmesg
    # the console follower copies the hypervisor's line in its own time
    hv_wait(board, r'an access to channel "rtos-link" that it does not allow',
            since)
    assert int(board.run(f'channel-poke {dev} 3 0'), 16) == 5
    assert board.run('echo alive') == 'alive'
    assert cells(board)['rtos'][1] == 'running'
    # the channel still works both ways after the oops
    echoed(board, dev, 6)


def test_direct_delivery_takes_doorbells_without_an_exit(board):
    """GICv3 direct delivery: pong's doorbells reach its CPU with no IRQ
    exit there; only the ringing side exits (the doorbell page)."""
    if board.board != 'virt':
        pytest.skip('direct delivery needs GICv3')
    since = hv_output_size(board)
    run_demo(board, 'pong', 'mode=echo report_ms=0',
             config=f'/bulkhead/configs/arm64/{board.config}-pong-direct.cell')
    irq_before = int(board.sysfs('cpus/cpu3/exits/irq'))
    run_demo(board, 'ping', 'mode=ping count=1000')
    hv_wait(board, r'channel-demo: 1000 round trips', since)
    irq_after = int(board.sysfs('cpus/cpu3/exits/irq'))
    assert irq_after - irq_before == 0, (irq_before, irq_after)
    rows = channel_rows(board)
    assert rows['ping-pong'][1][2] >= 1000, rows
