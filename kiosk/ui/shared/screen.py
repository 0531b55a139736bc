"""Base class of every screen in the main window's stack."""
from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class Screen(QWidget):
    """Screens retranslate themselves on QEvent.LanguageChange and forget everything on reset()."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window_ = window
        self.setObjectName("screen")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible string again (tr() now answers in the new language)."""

    def reset(self) -> None:
        """Forget the visitor: called on every visitor-session reset."""

    def shown(self) -> None:
        """Called each time the screen becomes the current one."""


class ScreenRegistry:
    """The main window's screens by name. A screen registered by module and class name is
    imported and built the first time it is asked for: start-up builds only what the visitor sees
    first, and Qt never lays out or restyles pages nobody has opened (the browser, the helper
    area). installer/digipunt-kiosk.spec bundles every kiosk.ui module for these imports."""

    def __init__(self, window: MainWindow, stack: QStackedWidget):
        self._window, self._stack = window, stack
        self._classes: dict[str, tuple[str, str]] = {}  # name -> (module, class name)
        self._built: dict[str, Screen] = {}

    def add(self, name: str, screen: Screen) -> Screen:
        self._built[name] = screen
        self._stack.addWidget(screen)
        return screen

    def register(self, name: str, module: str, class_name: str) -> None:
        self._classes[name] = (module, class_name)

    def __getitem__(self, name: str) -> Screen:
        if name not in self._built:
            module, class_name = self._classes[name]
            screen_class = getattr(importlib.import_module(module), class_name)
            self.add(name, screen_class(self._window))  # a screen sets its texts in its constructor
        return self._built[name]

    def __contains__(self, name: str) -> bool:
        return name in self._built or name in self._classes

    def __iter__(self) -> Iterator[str]:
        """Every name, built or not."""
        return iter({**self._classes, **self._built})

    def build_all(self) -> None:
        """For the self-check: every screen must build (a frozen build may lack a screen's module)."""
        for name in list(self):
            self[name]

    def built(self) -> dict[str, Screen]:
        """The screens built so far (only they hold state to reset or text to retranslate)."""
        return dict(self._built)

    def name_of(self, widget: QWidget | None) -> str | None:
        return next((name for name, screen in self._built.items() if screen is widget), None)
