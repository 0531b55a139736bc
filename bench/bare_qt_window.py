"""The dist baseline: a bare PySide6 window that imports the Qt modules the kiosk ships (the
browser, PDF viewer, read-aloud and sound), so that dist_size compares the kiosk with the least
any build of those modules weighs, not with QtWidgets alone."""
import sys

from PySide6 import QtMultimedia, QtPdf, QtPdfWidgets, QtTextToSpeech, QtWebEngineWidgets  # noqa: F401
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
