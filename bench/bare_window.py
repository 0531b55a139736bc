"""The baseline program: a bare PySide6 window at the kiosk's size, nothing else. Used by the
start-up probe and, built with PyInstaller like the kiosk, as the baseline of dist_size and (with
the kiosk's own `--startup-report`) of startup_dist."""
import sys

from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    if "--startup-report" in sys.argv[1:]:
        from kiosk.startup_report import report_when_idle

        report_when_idle(app)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
