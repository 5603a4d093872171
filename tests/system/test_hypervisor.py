# SPDX-License-Identifier: GPL-2.0
"""Issue 3: the hypervisor slides under the running Linux and back out.

For each board, one boot (build/logs/hv-<board>.log) is shared by the tests
of the first part, which run in file order: enable, Linux under load, exit
statistics, disable, enable/disable cycles, then the error paths, and
finally rmmod.  KVM owning EL2 and memory not reserved need boots of their
own (build/logs/hv-kvm-<board>.log, hv-nomem-<board>.log).

Every error case must give a clear message and change nothing: the
hypervisor stays disabled, every CPU keeps the hyp stub at EL2, and a good
enable right after it works.
"""
import re
import time

import pytest

from board import BOARDS, Board

CPUS = (0, 1, 2, 3)
# Linux's own noise over five enable/disable cycles, measured (16 cycles
# on virt: slab wanders by +-200 KiB with no trend; vmalloc without the
# threads' stacks does not move at all, and an enabled hypervisor adds
# 48 KiB of it): a leak of a mapping shows at once, one of kmalloc'd
# memory only when big
CYCLES_FREE_SLACK_KB = 2048
CYCLES_SLAB_SLACK_KB = 1024
CYCLES_VMALLOC_SLACK_KB = 16
UART_IRQ = {'virt': 'uart-pl011', 'zcu102': 'xuartps'}
# the last mem= on the command line wins: these cover the hypervisor memory
NO_RESERVE = {'virt': 'mem=1G', 'zcu102': 'mem=2G'}
BAD_CONFIGS = {
    # file in /bulkhead/bad: key words of the driver's explanation
    'bad-signature': ('signature', 'not a Bulkhead config'),
    'bad-revision': ('revision 99', 'rebuild'),
    'truncated': ('truncated',),
    'overlap': ('overlaps',),
    'unaligned': ('not 4 KiB aligned',),
    'no-such-cpu': ('CPU 40', 'does not have'),
}


def system_cell(b):
    return f'/bulkhead/configs/arm64/{b.config}.cell'


def boot(board, name, qemu_args=()):
    b = Board(board, name, qemu_args=qemu_args)
    # keep kernel messages off the console: command output stays clean
    b.run('dmesg -n 1')
    b.run('insmod /lib/bulkhead/bulkhead.ko')
    return b


def el2_all(b):
    return {cpu: b.sysfs(f'cpus/cpu{cpu}/el2') for cpu in CPUS}


def assert_el2(b, owner):
    el2 = el2_all(b)
    assert all(v == owner for v in el2.values()), f'EL2 owners: {el2}'


def assert_disabled(b):
    assert b.sysfs('enabled') == '0'
    assert_el2(b, 'hyp-stub')
    assert 'Bulkhead' not in b.run('cat /proc/iomem')


def enable(b):
    out = b.run(f'bulkhead enable {system_cell(b)}', timeout=180)
    assert b.sysfs('enabled') == '1'
    return out


def disable(b):
    out = b.run('bulkhead disable', timeout=180)
    assert b.sysfs('enabled') == '0'
    return out


def fails(b, command, *words):
    """Run a command that must fail; its stderr must name the problem."""
    rc, out = b.run_rc(f'{command} 2>&1', timeout=180)
    assert rc != 0, f'`{command}` succeeded:\n{out}'
    for w in words:
        assert w.lower() in out.lower(), f'"{w}" not in the message:\n{out}'
    return out


def last_error(b):
    return b.sysfs('last_error')


def interrupts(b, name):
    """Per-CPU counts of the /proc/interrupts line whose name matches."""
    out = b.run('cat /proc/interrupts')
    lines = out.splitlines()
    cpus = [int(c) for c in re.findall(r'CPU(\d+)', lines[0])]
    for line in lines[1:]:
        if re.search(rf'\b{re.escape(name)}\b', line):
            fields = line.split()[1:1 + len(cpus)]
            return dict(zip(cpus, (int(f) for f in fields)))
    raise AssertionError(f'no "{name}" line in /proc/interrupts:\n{out}')


def exit_counts(b, cpu):
    # 'total' read last: the counters only grow, so it is never behind the
    # others although the files are read one at a time
    names = ('mmio', 'irq', 'sgi', 'hvc', 'psci', 'sysreg', 'wfx',
             'maintenance', 'other', 'total')
    return {n: int(b.sysfs(f'cpus/cpu{cpu}/exits/{n}')) for n in names}


# ---------------------------------------------------------------------------
# One boot per board: enable, run, disable, cycles, error paths, rmmod
# ---------------------------------------------------------------------------

@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot(request.param, f'hv-{request.param}')
    yield b
    b.close()


def test_enable(board):
    assert_disabled(board)
    out = enable(board)
    assert 'Bulkhead hypervisor' in out, out
    assert 'Bulkhead' in board.run('cat /proc/iomem')
    assert int(board.sysfs('mem_pool_size')) > 0
    assert 0 < int(board.sysfs('mem_pool_used')) < \
        int(board.sysfs('mem_pool_size'))


def test_banner_in_console(board):
    out = board.run('bulkhead console')
    assert re.search(r'Bulkhead hypervisor \d+\.\d+\.\d+ ', out), out
    for cpu in CPUS:
        assert re.search(rf'CPU {cpu} \(MPIDR 0x[0-9a-f]+\) activated', out), \
            f'CPU {cpu} not activated:\n{out}'


def test_every_cpu_under_hypervisor(board):
    assert_el2(board, 'bulkhead')
    for cpu in CPUS:
        assert board.sysfs(f'cpus/cpu{cpu}/state') == 'running'


def test_linux_under_load(board):
    timer0 = interrupts(board, 'arch_timer')
    board.run('for i in 1 2 3 4; do (while :; do :; done) & done')
    try:
        start = time.monotonic()
        out = board.run('cat /proc/uptime; sleep 3; cat /proc/uptime',
                        timeout=60)
        wall = time.monotonic() - start
        up = [float(line.split()[0]) for line in out.splitlines()]
        guest = up[1] - up[0]
        # generous: QEMU shares two host cores among four busy vCPUs
        assert 2.9 <= guest <= 6, f'sleep 3 took {guest:.2f} s of uptime'
        assert 2.9 <= wall <= 20, f'sleep 3 took {wall:.2f} s of wall time'
        load = board.run('cat /proc/loadavg')
        assert re.match(r'\d+\.\d+', load)
        timer1 = interrupts(board, 'arch_timer')
    finally:
        board.run('kill $(jobs -p); wait', timeout=60)
    for cpu in CPUS:
        assert timer1[cpu] > timer0[cpu], \
            f'timer interrupts on CPU {cpu} stuck at {timer0[cpu]}'
    board.kernel_healthy()


def test_uart_interrupts(board):
    name = UART_IRQ[board.board]
    before = sum(interrupts(board, name).values())
    # every command is typed into the UART: input makes interrupts
    for _ in range(3):
        assert board.run('echo ping') == 'ping'
    after = sum(interrupts(board, name).values())
    assert after > before, f'{name} interrupts stuck at {before}'


def test_cpu_offline_online(board):
    board.run('echo 0 > /sys/devices/system/cpu/cpu3/online', timeout=60)
    assert board.run('cat /sys/devices/system/cpu/online') == '0-2'
    assert board.sysfs('cpus/cpu3/el2') == 'offline'
    assert 'CPU3' not in board.run('cat /proc/interrupts').splitlines()[0]
    board.run('echo 1 > /sys/devices/system/cpu/cpu3/online', timeout=60)
    assert board.run('cat /sys/devices/system/cpu/online') == '0-3'
    # a CPU brought back by PSCI CPU_ON enters the hypervisor first
    assert board.sysfs('cpus/cpu3/el2') == 'bulkhead'
    assert board.sysfs('cpus/cpu3/state') == 'running'
    before = interrupts(board, 'arch_timer')[3]
    board.run('taskset 8 sh -c "i=0; while [ \\$i -lt 20000 ]; do '
              'i=\\$((i+1)); done"; sleep 1', timeout=60)
    assert interrupts(board, 'arch_timer')[3] > before
    board.kernel_healthy()


def test_exit_statistics(board):
    for cpu in CPUS:
        exits = exit_counts(board, cpu)
        assert exits['total'] > 0, f'CPU {cpu}: {exits}'
        assert exits['irq'] > 0, f'CPU {cpu}: {exits}'
        # read one file at a time, so only roughly consistent
        assert exits['total'] >= exits['irq'], f'CPU {cpu}: {exits}'
    out = board.run('bulkhead info')
    assert re.search(r'enabled:\s+yes', out), out
    rows = {int(m.group(1)): m for m in
            re.finditer(r'^(\d+)\s+running\s+bulkhead\s+(\d+)', out, re.M)}
    assert sorted(rows) == list(CPUS), out
    for cpu, m in rows.items():
        assert int(m.group(2)) > 0, f'CPU {cpu} has no exits:\n{out}'


def test_disable(board):
    disable(board)
    assert_disabled(board)
    for cpu in CPUS:
        assert board.sysfs(f'cpus/cpu{cpu}/state') == 'linux'
    # the console stays readable after the hypervisor left
    assert 'Bulkhead hypervisor' in board.run('bulkhead console')
    board.kernel_healthy()


def linux_memory(b):
    """Linux's free memory and what the kernel allocated for itself (slab,
    vmalloc), in KiB, with the page cache dropped: what a leak in the
    driver (a kmalloc, a memremap) would show in."""
    b.run('sync; echo 3 > /proc/sys/vm/drop_caches')
    info = dict(re.findall(r'^(\w+):\s+(\d+) kB', b.run('cat /proc/meminfo'),
                           re.M))
    memory = {k: int(info[k]) for k in ('MemFree', 'Slab')}
    memory['Vmalloc'] = vmalloc_without_stacks(b)
    return memory


def vmalloc_without_stacks(b):
    """Live vmalloc and ioremap areas in KiB, without the kernel threads'
    stacks: short-lived kworkers and cpuhp threads come and go with CPU
    hotplug (seen: +64 KiB, four stacks, after five cycles, then gone),
    while a mapping the driver forgets stays."""
    areas = b.run("grep -v -e unpurged -e kernel_clone /proc/vmallocinfo"
                  " | awk '{ s += $2 } END { print s }'")
    return int(areas) // 1024


def test_enable_disable_cycles(board):
    """Five cycles here; `make soak` runs a hundred.  The pool is rebuilt
    at each enable, so its use cannot show a leak: Linux's memory can.  A
    first cycle warms the driver's caches (the console copy kept after
    disable) before the baseline."""
    enable(board)
    disable(board)
    before = linux_memory(board)
    for n in range(5):
        enable(board)
        assert_el2(board, 'bulkhead')
        assert board.run('echo alive') == 'alive'
        disable(board)
        assert_el2(board, 'hyp-stub')
    after = linux_memory(board)
    assert before['MemFree'] - after['MemFree'] < CYCLES_FREE_SLACK_KB, \
        (before, after)
    assert after['Slab'] - before['Slab'] < CYCLES_SLAB_SLACK_KB, \
        (before, after)
    assert after['Vmalloc'] - before['Vmalloc'] < \
        CYCLES_VMALLOC_SLACK_KB, (before, after)
    board.kernel_healthy()


# --- error paths: each must leave everything as it was ---------------------

def test_disable_that_fails_half_way(board):
    """Issue 10, row 6: sleeping SCHED_DEADLINE tasks hold more bandwidth
    than three CPUs give, so Linux refuses to take any CPU offline and the
    disable stops half way.  The hypervisor then refuses cell management
    and says why, and a second disable finishes the job once the CPUs can
    go."""
    enable(board)
    used = board.sysfs('mem_pool_used')
    board.run('(dl-reserve 3 96000 100000 > /tmp/dl &); sleep 0.5')
    group = re.search(r'group (\d+)', board.run('cat /tmp/dl')).group(1)
    try:
        fails(board, 'bulkhead disable', 'not every CPU left',
              'disable again')
    finally:
        # reaped by init (the shell) while it waits, not while it reads
        board.run(f'kill -- -{group}; sleep 1')
    # the CPUs could go now, but the hypervisor is half way out
    assert board.sysfs('enabled') == '1'
    fails(board, f'bulkhead cell create '
          f'/bulkhead/configs/arm64/{board.config}-uart-demo.cell',
          'being disabled', 'disable again')
    assert 'uart-demo' not in board.run('bulkhead cell list')
    assert board.sysfs('mem_pool_used') == used
    assert board.run('cat /sys/devices/system/cpu/online') == '0-3'
    assert board.run('echo alive') == 'alive'
    disable(board)
    assert_disabled(board)
    good_enable_works(board)
    board.kernel_healthy()


def good_enable_works(b):
    assert_disabled(b)
    enable(b)
    assert_el2(b, 'bulkhead')
    disable(b)
    assert_disabled(b)


def test_enable_twice(board):
    enable(board)
    used = board.sysfs('mem_pool_used')
    fails(board, f'bulkhead enable {system_cell(board)}', 'already enabled')
    assert 'already enabled' in last_error(board)
    # still running as before
    assert board.sysfs('enabled') == '1'
    assert_el2(board, 'bulkhead')
    assert board.sysfs('mem_pool_used') == used
    disable(board)
    good_enable_works(board)


def test_disable_when_not_enabled(board):
    assert_disabled(board)
    fails(board, 'bulkhead disable', 'not enabled')
    assert 'not enabled' in last_error(board)
    # the exit status of "no hypervisor" (bulkhead.1)
    assert board.run_rc('bulkhead disable')[0] == 3
    good_enable_works(board)


def test_missing_firmware(board):
    board.run('mv /lib/firmware/bulkhead.bin /tmp/bulkhead.bin')
    try:
        fails(board, f'bulkhead enable {system_cell(board)}',
              '/lib/firmware/bulkhead.bin', 'installed')
        assert 'bulkhead.bin' in last_error(board)
        assert_disabled(board)
    finally:
        board.run('mv /tmp/bulkhead.bin /lib/firmware/bulkhead.bin')
    good_enable_works(board)


@pytest.mark.parametrize('name', sorted(BAD_CONFIGS))
def test_bad_config_cli_precheck(board, name):
    fails(board, f'bulkhead enable /bulkhead/bad/{name}.cell',
          *BAD_CONFIGS[name])
    assert_disabled(board)


@pytest.mark.parametrize('name', sorted(BAD_CONFIGS))
def test_bad_config_driver(board, name):
    """With the CLI's own check skipped, the driver must refuse."""
    fails(board, f'BULKHEAD_NO_PRECHECK=1 bulkhead enable '
          f'/bulkhead/bad/{name}.cell', *BAD_CONFIGS[name])
    err = last_error(board)
    for w in BAD_CONFIGS[name]:
        assert w in err, f'"{w}" not in last_error: {err}'
    good_enable_works(board)


def test_healthy_after_errors(board):
    board.kernel_healthy()


def test_rmmod(board):
    assert_disabled(board)
    board.run('rmmod bulkhead')
    rc, _ = board.run_rc('ls /dev/bulkhead')
    assert rc != 0
    # no driver: the CLI says so, with the status of "not there"
    rc, out = board.run_rc('bulkhead disable 2>&1')
    assert rc == 3 and 'insmod bulkhead.ko' in out, (rc, out)
    assert_el2_free = board.run('cat /sys/devices/system/cpu/online')
    assert assert_el2_free == '0-3'
    # and it loads again
    board.run('insmod /lib/bulkhead/bulkhead.ko')
    assert_disabled(board)
    board.run('rmmod bulkhead')
    board.kernel_healthy()


# ---------------------------------------------------------------------------
# Boots of their own
# ---------------------------------------------------------------------------

@pytest.mark.parametrize('name', BOARDS)
def test_kvm_owns_el2(name):
    b = boot(name, f'hv-kvm-{name}', qemu_args=('--kvm',))
    try:
        assert 'bulkhead' not in el2_all(b).values()
        fails(b, f'bulkhead enable {system_cell(b)}', 'kvm-arm.mode=none')
        assert 'kvm-arm.mode=none' in last_error(b)
        assert b.sysfs('enabled') == '0'
        assert 'Bulkhead' not in b.run('cat /proc/iomem')
        b.run('rmmod bulkhead')
        b.kernel_healthy()
    finally:
        b.close()


@pytest.mark.parametrize('name', BOARDS)
def test_memory_not_reserved(name):
    b = boot(name, f'hv-nomem-{name}',
             qemu_args=('--append', NO_RESERVE[name]))
    try:
        fails(b, f'bulkhead enable {system_cell(b)}', 'Linux RAM', 'mem=')
        assert 'mem=' in last_error(b)
        assert_disabled(b)
        b.run('rmmod bulkhead')
        b.kernel_healthy()
    finally:
        b.close()
