"""Live language switching with QTranslator: Dutch source strings, .qm files in resources/i18n."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.core.paths import resources_dir
from kiosk.core.settings import LOCALES, RTL_LANGUAGES

log = logging.getLogger(__name__)


class LanguageSwitcher:
    """Installs the translators for one language at a time; Qt then sends every widget a
    QEvent.LanguageChange, to which screens answer by calling their retranslate()."""

    def __init__(self, app: QApplication):
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "nl"

    def apply(self, language: str) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        if language != "nl":
            ours = QTranslator()
            if ours.load(str(resources_dir() / "i18n" / f"digipunt_{language}.qm")):
                self._installed.append(ours)
            else:
                log.warning("no compiled translation for %s; run `make translations`", language)
        qt_own = QTranslator()  # Qt's own dialog buttons ("OK", "Cancel")
        if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._installed.append(qt_own)
        for translator in self._installed:
            self._app.installTranslator(translator)
        QLocale.setDefault(QLocale(LOCALES.get(language, language)))
        self._app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if language in RTL_LANGUAGES
                                     else Qt.LayoutDirection.LeftToRight)
        self.language = language
