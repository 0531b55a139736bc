"""The thin Qt layer: one module per screen, calling into kiosk.core."""
import sys

from PySide6 import QtCore  # noqa: F401  (the UI needs it anyway; it loads shiboken's support modules)

# PySide6's import hook (`shibokensupport.feature`, for `from __feature__ import snake_case`) reads
# the whole source of every module imported after Qt, looking for "PySide6", and linecache keeps
# it: about 1 MiB of text (2.4 MiB resident) for the kiosk's UI modules alone, and time on every
# later import (the browser, the helper screens). The kiosk selects no __feature__, so it needs no
# module marked as "uses PySide6": the answer is no without reading. This comes before any other
# import here (ctypes below: its source and that of os, types and struct, 0.2 MiB resident).
# tests/test_fast_start.py notices when a PySide6 upgrade renames the hook.
_feature = sys.modules.get("shibokensupport.feature")
if _feature is not None and hasattr(_feature, "_mod_uses_pyside"):
    _feature._mod_uses_pyside = lambda _module: False  # type: ignore[attr-defined]

if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
    import ctypes

    # PySide6 6.12 on Python 3.11 drops one reference to None on every call of a method that returns
    # nothing (measured: QLabel.setText and setEnabled, -1 each). From 3.12 on None is immortal; here
    # it was deallocated after a few hundred language or text-size changes and the kiosk aborted
    # ("Fatal Python error: none_dealloc"). A reserve of 2**40 references makes None immortal here too.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
