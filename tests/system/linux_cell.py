# SPDX-License-Identifier: GPL-2.0
"""Linux in a non-root cell, put together on the host by hand.

Until `bulkhead cell linux` builds the cell's device tree itself, this
makes what the cell needs the way one does it by hand: a busybox
initramfs for the cell (bulkhead.ko, the stock uio.ko, rtos-monitor,
channel-poke, the CLI), a device tree written out as DTS (CPUs 1-2, the
cell's RAM, the GIC, the vUART as its console, and the comm-region node
bulkhead.ko looks for), the 40-byte boot stub, and a root initramfs that
carries all of it with the kernel under /lx.

The cell is "linux2" (the system configs' peer of "cell-link"): CPUs 1
and 2, its RAM at 0x40000000 on virt (0x0 on the ZCU102), the kernel at
+2 MiB, the initrd at +96 MiB, the device tree just below the end.
"""
import gzip
import os
import shutil
import struct
import subprocess
import time

from board import ROOT

CACHE = os.environ.get('BULKHEAD_CACHE',
                       os.path.expanduser('~/.cache/bulkhead'))
NAME = 'linux2'
PROMPT = '[cell]# '
COMM = 0x80000000

BOARDS = {
    'virt': dict(
        ram=0x40000000, size=0x7000000, phys=0x77000000, dtb=0x6f00000,
        cpu='arm,cortex-a57', vuart=0x09000000, vuart_irq=253,
        gic='''    gic: interrupt-controller@8000000 {
        compatible = "arm,gic-v3";
        #interrupt-cells = <3>;
        interrupt-controller;
        reg = <0 0x08000000 0 0x10000>, <0 0x080c0000 0 0x40000>;
    };''', timer_flags=4),
    'zcu102': dict(
        ram=0, size=0x8000000, phys=0x68000000, dtb=0x7f00000,
        cpu='arm,cortex-a53', vuart=0xff010000, vuart_irq=141,
        gic='''    gic: interrupt-controller@f9010000 {
        compatible = "arm,gic-400";
        #interrupt-cells = <3>;
        #address-cells = <0>;
        interrupt-controller;
        reg = <0 0xf9010000 0 0x10000>, <0 0xf9020000 0 0x20000>;
    };''', timer_flags=0xf08),
}
KERNEL_OFFSET = 0x200000
INITRD_OFFSET = 0x6000000

CELL_INIT = '''#!/bin/sh
/bin/busybox mkdir -p /usr/bin /sbin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
export PATH=/usr/sbin:/sbin:/bin:/usr/bin
echo "bulkhead linux cell up: $(nproc) CPUs"
export PS1='[cell]# '
while :; do setsid cttyhack /bin/sh; done
'''


def config_text(board):
    p = BOARDS[board]
    return f'''# SPDX-License-Identifier: BSD-2-Clause
[cell]
name = {NAME}
cpus = 1-2
entry = {p['ram']:#x}
irqs = {p['vuart_irq']}
vuart = {p['vuart']:#x}
vuart_irq = {p['vuart_irq']}

[region]
phys = {p['phys']:#x}
virt = {p['ram']:#x}
size = {p['size'] >> 20}M
flags = rwx, loadable

[region]
flags = rw, comm
'''


def dts_text(board, initrd_size, comm=True):
    p = BOARDS[board]
    cpus = ''.join(
        f'\t\tcpu@{n} {{ device_type = "cpu"; compatible = "{p["cpu"]}"; '
        f'reg = <{n}>; enable-method = "psci"; }};\n' for n in (1, 2))
    t = p['timer_flags']
    initrd = p['ram'] + INITRD_OFFSET
    node = (f'\tbulkhead-comm@{COMM:x} {{\n'
            '\t\tcompatible = "bulkhead,comm-region";\n'
            f'\t\treg = <0 {COMM:#x} 0 0x1000>;\n\t}};\n') if comm else ''
    return f'''/dts-v1/;
/ {{
    #address-cells = <2>;
    #size-cells = <2>;
    compatible = "bulkhead,cell";
    model = "Bulkhead cell";
    interrupt-parent = <&gic>;
    cpus {{
        #address-cells = <1>;
        #size-cells = <0>;
{cpus}    }};
    psci {{ compatible = "arm,psci-1.0", "arm,psci-0.2"; method = "smc"; }};
    timer {{ compatible = "arm,armv8-timer";
        interrupts = <1 13 {t:#x}>, <1 14 {t:#x}>, <1 11 {t:#x}>, <1 10 {t:#x}>; }};
{p['gic']}
    memory@{p['ram']:x} {{ device_type = "memory"; reg = <0 {p['ram']:#x} 0 {p['size']:#x}>; }};
    clk24: clk24 {{ compatible = "fixed-clock"; #clock-cells = <0>;
        clock-frequency = <24000000>; }};
    uart@{p['vuart']:x} {{
        compatible = "arm,pl011", "arm,primecell";
        reg = <0 {p['vuart']:#x} 0 0x1000>;
        interrupts = <0 {p['vuart_irq'] - 32} 1>;
        clocks = <&clk24>, <&clk24>;
        clock-names = "uartclk", "apb_pclk";
    }};
{node}    chosen {{
        bootargs = "console=ttyAMA0";
        stdout-path = "/uart@{p['vuart']:x}";
        linux,initrd-start = <0 {initrd:#x}>;
        linux,initrd-end = <0 {initrd + initrd_size:#x}>;
    }};
}};
'''


def stub(dtb, kernel):
    """ldr x0, 1f; ldr x4, 2f; mov x1..x3, xzr; br x4; 1: dtb; 2: kernel"""
    words = (0x580000c0, 0x580000e4, 0xaa1f03e1, 0xaa1f03e2, 0xaa1f03e3,
             0xd61f0080)
    return struct.pack('<6I2Q', *words, dtb, kernel)


def _cpio(tree, out):
    files = subprocess.run(['find', '.'], cwd=tree, check=True,
                           capture_output=True, text=True).stdout
    data = subprocess.run(['cpio', '-o', '-H', 'newc', '-R', 'root:root',
                           '--quiet'], cwd=tree, check=True,
                          input=''.join(sorted(files.splitlines(True))).encode(),
                          capture_output=True).stdout
    with gzip.open(out, 'wb', compresslevel=1) as f:
        f.write(data)


def build(board, comm=True):
    """Make build/<board>/linux-cell/root.cpio.gz (the board's initramfs
    and /lx: Image, initrd.cpio.gz, cell.dtb, stub.bin, linux2.conf);
    return its path.  comm=False leaves the comm-region node out."""
    out = os.path.join(ROOT, 'build', board, 'linux-cell')
    bdir = os.path.join(ROOT, 'build', board)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    kver = open(os.path.join(CACHE, 'kernel-version')).read().strip()

    cell = os.path.join(out, 'cellroot')
    for d in ('bin', 'sbin', 'usr/bin', 'usr/sbin', 'dev', 'proc', 'sys',
              'tmp', 'lib/bulkhead', f'lib/modules/{kver}/kernel/drivers/uio'):
        os.makedirs(os.path.join(cell, d))
    shutil.copy(os.path.join(CACHE, 'busybox'), os.path.join(cell, 'bin'))
    os.symlink('busybox', os.path.join(cell, 'bin', 'sh'))
    with open(os.path.join(cell, 'init'), 'w') as f:
        f.write(CELL_INIT)
    os.chmod(os.path.join(cell, 'init'), 0o755)
    shutil.copy(os.path.join(ROOT, 'driver', 'bulkhead.ko'),
                os.path.join(cell, 'lib', 'bulkhead'))
    uio = os.path.join(CACHE, 'sysroot', 'lib', 'modules', kver, 'kernel',
                       'drivers', 'uio', 'uio.ko')
    shutil.copy(uio, os.path.join(cell, 'lib', 'bulkhead'))
    shutil.copy(uio, os.path.join(cell, 'lib', 'modules', kver, 'kernel',
                                  'drivers', 'uio'))
    with open(os.path.join(cell, 'lib', 'modules', kver, 'modules.dep'),
              'w') as f:
        f.write('kernel/drivers/uio/uio.ko:\n')
    for tool in ('rtos-monitor', 'channel-poke', 'bulkhead'):
        shutil.copy(os.path.join(bdir, 'tools', tool),
                    os.path.join(cell, 'usr', 'sbin'))
    shutil.copy(os.path.join(bdir, 'configs', 'arm64',
                             f'{"qemu-virt" if board == "virt" else board}.cell'),
                os.path.join(cell, 'tmp', 'system.cell'))

    root = os.path.join(out, 'rootfs')
    shutil.copytree(os.path.join(bdir, 'initramfs'), root, symlinks=True)
    lx = os.path.join(root, 'lx')
    os.makedirs(lx)
    initrd = os.path.join(lx, 'initrd.cpio.gz')
    _cpio(cell, initrd)
    p = BOARDS[board]
    dts = os.path.join(out, 'cell.dts')
    with open(dts, 'w') as f:
        f.write(dts_text(board, os.path.getsize(initrd), comm))
    subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-o',
                    os.path.join(lx, 'cell.dtb'), dts], check=True)
    with open(os.path.join(lx, 'stub.bin'), 'wb') as f:
        f.write(stub(p['ram'] + p['dtb'], p['ram'] + KERNEL_OFFSET))
    with open(os.path.join(lx, f'{NAME}.conf'), 'w') as f:
        f.write(config_text(board))
    shutil.copy(os.path.join(CACHE, 'Image'), lx)
    path = os.path.join(out, 'root.cpio.gz')
    _cpio(root, path)
    return path


class LinuxCell:
    """The Linux cell on a booted board: start it, type at its shell
    through `bulkhead cell console --send`, read what it prints from a
    follower's file on the board."""

    LOG = '/tmp/linux2-console.log'

    def __init__(self, b):
        self.b = b
        self.serial = 0

    def boot(self, timeout=240):
        b, p = self.b, BOARDS[self.b.board]
        b.run(f'bulkhead cell create /lx/{NAME}.conf')
        b.run(f'bulkhead cell load {NAME} /lx/stub.bin -k -a {p["ram"]:#x}')
        b.run(f'bulkhead cell load {NAME} /lx/Image -k '
              f'-a {p["ram"] + KERNEL_OFFSET:#x}', timeout=300)
        b.run(f'bulkhead cell load {NAME} /lx/initrd.cpio.gz -k '
              f'-a {p["ram"] + INITRD_OFFSET:#x}')
        b.run(f'bulkhead cell load {NAME} /lx/cell.dtb -k '
              f'-a {p["ram"] + p["dtb"]:#x}')
        b.run(f'bulkhead cell start {NAME}')
        b.run(f'bulkhead cell console {NAME} -f > {self.LOG} & true')
        self.wait(PROMPT, timeout=timeout)

    def output(self, since=0):
        return self.b.run(f'tail -c +{since + 1} {self.LOG}').replace('\r', '')

    def size(self):
        return int(self.b.run(f'wc -c < {self.LOG}'))

    def wait(self, text, timeout=60, since=0):
        deadline = time.monotonic() + timeout
        while True:
            out = self.output(since)
            if text in out:
                return out
            assert time.monotonic() < deadline, \
                f'no "{text}" from the Linux cell:\n{out[-3000:]}'
            time.sleep(1)

    def send(self, line):
        """Type one line at the cell's shell (no single quotes in it)."""
        assert "'" not in line
        self.b.run(f"printf '%s\\n' '{line}' | "
                   f'bulkhead cell console {NAME} --send')

    def run_rc(self, command, timeout=60):
        """Run a command in the cell; (exit status, output).  The marker
        lines are made by the shell's arithmetic, so the echoed command
        line never matches them."""
        self.serial += 1
        n = self.serial
        since = self.size()
        self.send(f'echo "@@b"$(({n})); {command}; echo "@@e"$(({n}))" $?"')
        out = self.wait(f'@@e{n} ', timeout=timeout, since=since)
        start = out.index(f'@@b{n}\n') + len(f'@@b{n}\n')
        end = out.index(f'@@e{n} ')
        rc = int(out[end:].split('\n', 1)[0].split()[1])
        return rc, out[start:end]

    def run(self, command, timeout=60):
        rc, out = self.run_rc(command, timeout)
        assert rc == 0, f'`{command}` in the Linux cell: exit {rc}:\n{out}'
        return out
