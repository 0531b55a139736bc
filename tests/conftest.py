"""Shared fixtures. Qt runs offscreen; every test gets its own real data directory."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    # Chromium refuses to run as root without this; only ever set for tests (see tech notes).
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kiosk.core.runtime import Runtime, bootstrap  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def runtime(data_dir: Path) -> Runtime:
    rt = bootstrap(data_dir, demo=True)
    yield rt
    rt.close()


@pytest.fixture
def window(qtbot, runtime, qapp):
    from PySide6.QtCore import QEvent

    from kiosk.ui.main_window import MainWindow

    # Earlier tests' windows were closed and deleteLater()'d by pytest-qt, but no event loop has
    # deleted them: without this they pile up and every style change restyles all of them.
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    win = MainWindow(runtime, qapp)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.prefs.reset()
