"""Read-aloud with QtTextToSpeech, only where an engine has a voice for the visitor's language.

The engine is the platform's (speechd on Linux, sapi/winrt on Windows). `DIGIPUNT_TTS_ENGINE`
picks one explicitly; tests use Qt's headless `mock` engine. Without a usable engine (library
missing, speech-dispatcher not running, no voice for the language) read-aloud is hidden.
"""
from __future__ import annotations

import logging
import os
from functools import cached_property

from PySide6.QtCore import QLocale, QObject, Signal

log = logging.getLogger(__name__)

# Locales to ask the engine for, best first, per visitor language.
_LOCALES = {
    "nl": ("nl_BE", "nl_NL"), "fr": ("fr_BE", "fr_FR"), "en": ("en_GB", "en_US"),
    "ar": ("ar_SA", "ar_EG", "ar"), "uk": ("uk_UA",), "tr": ("tr_TR",),
    "ru": ("ru_RU",), "fa": ("fa_AF", "fa_IR", "fa"),
}


class ReadAloud(QObject):
    """One engine for the whole app: speaking stops whenever the screen content changes."""

    speaking_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.enabled = False  # the visitor's choice; reset with the session

    @cached_property
    def _tts(self):
        """The engine, made when first needed (the first walkthrough step), not at start-up:
        loading QtMultimedia and reaching speech-dispatcher take a noticeable moment."""
        tts = self._make_engine()
        if tts is not None:
            tts.stateChanged.connect(self._on_state)
        return tts

    @staticmethod
    def _make_engine():
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:  # e.g. libpulse0 missing on Linux
            log.info("read-aloud unavailable: %s", exc)
            return None
        wanted = os.environ.get("DIGIPUNT_TTS_ENGINE")
        engines = [wanted] if wanted else [e for e in QTextToSpeech.availableEngines() if e != "mock"]
        for engine in engines:
            tts = QTextToSpeech(engine)
            if tts.state() != QTextToSpeech.State.Error and tts.availableLocales():
                log.info("read-aloud engine: %s", engine)
                return tts
        log.info("read-aloud unavailable: no working engine among %s", engines)
        return None

    def _locale_for(self, language: str) -> QLocale | None:
        if self._tts is None:
            return None
        available = {loc.name(): loc for loc in self._tts.availableLocales()}
        for name in _LOCALES.get(language, ()):
            if name in available:
                return available[name]
        prefix = language + "_"
        return next((loc for name, loc in available.items() if name.startswith(prefix)), None)

    def available_for(self, language: str) -> bool:
        return self._locale_for(language) is not None

    def say(self, text: str, language: str) -> bool:
        locale = self._locale_for(language)
        if locale is None:
            return False
        self._tts.stop()
        self._tts.setLocale(locale)
        self._tts.say(text)
        return True

    def _made_engine(self):
        """The engine if it was made already (nothing can be speaking before that), else None."""
        return self.__dict__.get("_tts")

    def stop(self) -> None:
        if (tts := self._made_engine()) is not None:
            tts.stop()

    def is_speaking(self) -> bool:
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self._made_engine()
        return tts is not None and tts.state() == QTextToSpeech.State.Speaking

    def _on_state(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking_changed.emit(state == QTextToSpeech.State.Speaking)
