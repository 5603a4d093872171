# SPDX-License-Identifier: GPL-2.0
"""What the Python tools do before anything else: answer --help, and say
"run make first" when the tree is not built, instead of starting QEMU or
ending in a traceback.  Only the standard library: it must work on a bare
machine."""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
BOARDS = ('virt', 'zcu102')


def start(doc, default_boards=BOARDS):
    """Call first thing in a tool; returns nothing or exits."""
    argv = sys.argv[1:]
    tool = os.path.basename(sys.argv[0])
    if '-h' in argv or '--help' in argv:
        print(doc.strip())
        sys.exit(0)
    boards = [a for a in argv if a in BOARDS] or list(default_boards)
    needed = [os.path.join('build', 'abi_layout.py')]
    needed += [os.path.join('build', b, 'initramfs.cpio.gz') for b in boards]
    missing = [n for n in needed if not os.path.exists(os.path.join(ROOT, n))]
    if missing:
        print(f'{tool}: {missing[0]} is missing: run make first '
              '(make all-boards, or make demo)', file=sys.stderr)
        sys.exit(1)
