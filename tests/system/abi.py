# SPDX-License-Identifier: GPL-2.0
"""The layouts of include/bulkhead/abi.h, as the C code is built with them.

`make abi-layout` (part of every build) writes build/abi_layout.py from the
header with tools/abi-layout.c; nothing here is copied by hand.  Each
struct is a dict of field offsets plus its 'sizeof'.
"""
import importlib.util
import os

from board import ROOT

PATH = os.path.join(ROOT, 'build', 'abi_layout.py')
if not os.path.exists(PATH):
    raise ImportError(f'{PATH} is missing: run make first')
_spec = importlib.util.spec_from_file_location('abi_layout', PATH)
_layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_layout)

CELL_DESC = _layout.CELL_DESC
COMM_REGION = _layout.COMM_REGION
CONSOLE = _layout.CONSOLE
PLATFORM = _layout.PLATFORM
MEMORY_REGION = _layout.MEMORY_REGION
SYSTEM_CONFIG = _layout.SYSTEM_CONFIG
BH_CELL_NAME_LEN = _layout.BH_CELL_NAME_LEN
BH_COMM_REVISION = _layout.BH_COMM_REVISION
BH_COMM_SIGNATURE = _layout.BH_COMM_SIGNATURE
BH_CONSOLE_PL011 = _layout.BH_CONSOLE_PL011
