# SPDX-License-Identifier: GPL-2.0
"""Linux in a non-root cell with what its channels need.

`bulkhead cell linux` boots the stock kernel in the cell "linux2" (the
system configs' peer of "cell-link"; configs/arm64/*-linux.conf) with a
device tree it makes, which has the comm-region node bulkhead.ko looks
for.  This makes the cell's busybox initramfs with bulkhead.ko, the stock
uio.ko, rtos-monitor, channel-poke and the CLI, and a root initramfs that
carries it and the kernel under /lx.
"""
import gzip
import os
import shutil
import subprocess
import time

from board import ROOT

CACHE = os.environ.get('BULKHEAD_CACHE',
                       os.path.expanduser('~/.cache/bulkhead'))
NAME = 'linux2'
PROMPT = '[cell]# '

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


def _cpio(tree, out):
    files = subprocess.run(['find', '.'], cwd=tree, check=True,
                           capture_output=True, text=True).stdout
    data = subprocess.run(['cpio', '-o', '-H', 'newc', '-R', 'root:root',
                           '--quiet'], cwd=tree, check=True,
                          input=''.join(sorted(files.splitlines(True))).encode(),
                          capture_output=True).stdout
    with gzip.open(out, 'wb', compresslevel=1) as f:
        f.write(data)


def build(board):
    """Make build/<board>/linux-cell/root.cpio.gz (the board's initramfs
    and /lx: Image, initrd.cpio.gz); return its path."""
    out = os.path.join(ROOT, 'build', board, 'linux-cell')
    bdir = os.path.join(ROOT, 'build', board)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(CACHE, 'kernel-version')) as f:
        kver = f.read().strip()

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
        b = self.b
        b.run(f'bulkhead cell linux /bulkhead/configs/arm64/{b.config}-linux'
              '.cell /lx/Image -i /lx/initrd.cpio.gz', timeout=300)
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
