"""Developer tools. Not part of the kiosk: no runtime module imports this package, the wheel
includes only kiosk* and sync*, and the PyInstaller build excludes it (tests/test_tools.py)."""
