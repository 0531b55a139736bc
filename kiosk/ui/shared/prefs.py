"""The current visitor's display choices: language, text size, contrast. Reset with the session."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.settings import Settings


class VisitorPrefs(QObject):
    changed = Signal()

    def __init__(self, settings: Settings):
        super().__init__()
        self._settings = settings
        self.language: str = settings.default_language
        self.text_size: str = settings.default_text_size
        self.high_contrast = settings.default_high_contrast

    @property
    def theme(self) -> str:
        return "high-contrast" if self.high_contrast else "default"

    def set(self, *, language: str | None = None, text_size: str | None = None,
            high_contrast: bool | None = None) -> None:
        if language is not None:
            self.language = language
        if text_size is not None:
            self.text_size = text_size
        if high_contrast is not None:
            self.high_contrast = high_contrast
        self.changed.emit()

    def use_settings(self, settings: Settings) -> None:
        """New installation defaults (staff saved the settings): the next reset applies them."""
        self._settings = settings

    def reset(self) -> None:
        s = self._settings
        self.set(language=s.default_language, text_size=s.default_text_size, high_contrast=s.default_high_contrast)
