"""The baseline program: a bare PySide6 window at the kiosk's size, nothing else. Used by the
start-up probe and, built with PyInstaller like the kiosk, as the baseline of dist_size."""
import sys

from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
