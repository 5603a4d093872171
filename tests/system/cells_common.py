# SPDX-License-Identifier: GPL-2.0
"""Driving cells from the root cell's shell: what every cell test needs.

The hypervisor console ring (16 KiB) wraps within a minute of a cell's
output, so boot_enabled() starts `bulkhead console -f` into HV_LOG on the
board and the helpers read that file by byte offset.  On virt the cells
print through the console hypercall into that console; on the ZCU102 they
own uart1, which the Board captures in build/logs/<name>-uart1.log.
"""
import re
import time

from board import Board

CFG = '/bulkhead/configs/arm64'
INMATES = '/bulkhead/inmates/demos'
RTOS_IMAGE = '/bulkhead/inmates/rtos/rtos-demo.bin'
HV_LOG = '/tmp/hv-console.log'


def cell_config(b, name):
    return f'{CFG}/{b.config}-{name}.cell'


def system_config(b):
    return f'{CFG}/{b.config}.cell'


def boot_enabled(board, name, qemu_args=()):
    """A board with the driver loaded, the hypervisor enabled and its
    console followed."""
    b = Board(board, name, qemu_args=qemu_args)
    # kernel messages off the console: command output stays clean
    b.run('dmesg -n 1')
    b.run('insmod /lib/bulkhead/bulkhead.ko')
    # guest seconds the enable took (exact under -icount)
    t0, t1 = b.run('a=$(cut -d" " -f1 /proc/uptime) && '
                   f'bulkhead enable {system_config(b)} && '
                   'echo $a $(cut -d" " -f1 /proc/uptime)',
                   timeout=180).split()[-2:]
    b.enable_s = float(t1) - float(t0)
    b.run(f'bulkhead console -f > {HV_LOG} & true')
    return b


# true while a process holds /dev/bulkhead open (ls -l shows the fds' targets)
DEV_HELD = 'ls -l /proc/[0-9]*/fd/ 2>/dev/null | grep -q " /dev/bulkhead$"'


def stop_console_follower(b, timeout=10):
    """Before rmmod or disable: the follower keeps /dev/bulkhead open.  Kill
    it, then wait (the shell waiting in `sleep` reaps it: no job notice in a
    later command's output) until no bulkhead process is left and nothing
    holds the device."""
    # (what held the device before is in the output: the board's log)
    out = b.run(f'echo "before: $({DEV_HELD} && echo held)"; '
                'kill $(pidof bulkhead) 2>/dev/null; '
                f'i=0; while [ $i -lt {timeout * 20} ] && '
                f'{{ pidof bulkhead >/dev/null || {DEV_HELD}; }}; '
                'do sleep 0.05; i=$((i + 1)); done; '
                f'echo "left: [$(pidof bulkhead)] held: '
                f'$({DEV_HELD} && echo yes || echo no)"',
                timeout=timeout + 30)
    assert 'left: [] held: no' in out, (
        f'the console follower is still there after {timeout} s: {out}')


def fails(b, command, *words):
    """Run a command that must fail; its message must name the problem."""
    rc, out = b.run_rc(f'{command} 2>&1', timeout=180)
    assert rc != 0, f'`{command}` succeeded:\n{out}'
    for w in words:
        assert w.lower() in out.lower(), f'"{w}" not in the message:\n{out}'
    return out


def cells(b):
    """{name: (id, state, cpus, failed cpus)} from `bulkhead cell list`."""
    out = b.run('bulkhead cell list')
    found = {}
    # the hypervisor's messages may come in between: skip what is not a row
    for line in out.splitlines():
        m = re.match(r'(\d+)\s+(\S+)\s+(.+?)\s{2,}(\S+)\s+(\S+)\s*$', line)
        if m:
            found[m.group(2)] = (int(m.group(1)), m.group(3), m.group(4),
                                 m.group(5))
    return found


def online(b):
    return b.run('cat /sys/devices/system/cpu/online')


def pool_used(b):
    return int(b.sysfs('mem_pool_used'))


def hv_output(b, since=0):
    """The hypervisor console from byte `since` on."""
    return b.run(f'tail -c +{since + 1} {HV_LOG}')


def hv_wait(b, pattern, since, timeout=120):
    """Wait until the hypervisor console (where cells print by hypercall)
    matches after byte `since`; return the matches."""
    deadline = time.monotonic() + timeout
    while True:
        found = re.findall(pattern, hv_output(b, since))
        if found:
            return found
        assert time.monotonic() < deadline, (
            f'no "{pattern}":\n{hv_output(b, since)[-3000:]}')
        time.sleep(0.5)


def hv_output_size(b):
    return int(b.run(f'wc -c < {HV_LOG}'))


def cell_output(b, since=0):
    """What the cells printed from byte `since` on, wherever they print."""
    if b.board == 'zcu102':
        with open(b.uart1_path, encoding='utf-8', errors='replace') as f:
            return f.read()[since:]
    return hv_output(b, since)


def wait_for(b, pattern, timeout=60, since=0):
    """Wait until the cells' output matches; return the matches."""
    deadline = time.monotonic() + timeout
    while True:
        text = cell_output(b, since)
        found = re.findall(pattern, text)
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f'no "{pattern}" in the output:\n'
                                 f'{text[-3000:]}')
        time.sleep(1)


def output_size(b):
    if b.board == 'zcu102':
        return len(cell_output(b))
    return hv_output_size(b)


def poll(b, condition, timeout=20):
    """Until a shell condition holds on the board."""
    deadline = time.monotonic() + timeout
    while b.run_rc(condition)[0] != 0:
        assert time.monotonic() < deadline, f'not so: {condition}'
        time.sleep(0.2)


def wait_state(b, name, wanted, timeout=30):
    deadline = time.monotonic() + timeout
    while cells(b)[name][1] != wanted:
        assert time.monotonic() < deadline, cells(b)
        time.sleep(0.5)


def snapshot(b):
    """Everything an error must leave untouched."""
    return cells(b), online(b), pool_used(b)


def create(b, name, config=None):
    config = config or cell_config(b, name)
    out = b.run(f'bulkhead cell create {config}', timeout=120)
    assert f"cell '{name}' created" in out, out
    return cells(b)[name][0]


def load(b, name, args='', image=None):
    image = image or f'{INMATES}/{name}.bin'
    b.run(f'bulkhead cell load {name} {image} {args}', timeout=120)


def busy_loops(b):
    # started from a subshell: not the shell's jobs, so no "Terminated"
    # notices in the middle of a later command's output
    b.run('(for i in 1 2 3; do (while :; do :; done) & echo $! >> /tmp/loops; '
          'done)')


def stop_loops(b):
    b.run('kill $(cat /tmp/loops) 2>/dev/null; rm -f /tmp/loops', timeout=60)
