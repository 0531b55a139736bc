"""The thin Qt layer: one module per screen, calling into kiosk.core."""
import sys

if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
    import ctypes

    # PySide6 6.12 on Python 3.11 drops one reference to None on every call of a method that returns
    # nothing (measured: QLabel.setText and setEnabled, -1 each). From 3.12 on None is immortal; here
    # it was deallocated after a few hundred language or text-size changes and the kiosk aborted
    # ("Fatal Python error: none_dealloc"). A reserve of 2**40 references makes None immortal here too.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
