"""The dist baseline: bare_window.py's window in a program that imports the Qt modules the kiosk
ships (the browser, PDF viewer, read-aloud and sound), so that dist_size compares the kiosk with the
least any build of those modules weighs, not with QtWidgets alone. Run as a script (and built by
PyInstaller) from this folder, where `bare_window` is found."""
import sys

from bare_window import main  # type: ignore[import-not-found]  # beside this script, not a package import
from PySide6 import QtMultimedia, QtPdf, QtPdfWidgets, QtTextToSpeech, QtWebEngineWidgets  # noqa: F401

if __name__ == "__main__":
    sys.exit(main())
