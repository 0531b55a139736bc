"""Application-wide stylesheet built from a palette (kiosk.core.theme) and the visitor's text size."""
from __future__ import annotations

from kiosk.core.theme import FONT_PX, palette

BAR_FONT_PX = 24  # bars of fixed controls stay on one row at every text size; the content grows


def _focus_grow(theme: str) -> int:
    """How much thicker the focus ring is than a button's border: the padding gives that much way,
    so a button never needs more room when it gets the focus."""
    return 4 - max(_border(theme), 2)


def _border(theme: str) -> int:
    return 3 if theme == "high-contrast" else 1


def bar_stylesheet(theme: str, text_size: str) -> str:
    grow = _focus_grow(theme)
    return (f"* {{ font-size: {min(FONT_PX[text_size], BAR_FONT_PX)}px; }} QPushButton {{ padding: 8px 12px; }} "
            f"QPushButton:focus {{ padding: {8 - grow}px {12 - grow}px; }}")


def stylesheet(theme: str, text_size: str) -> str:
    c = palette(theme)
    px = FONT_PX[text_size]
    border = _border(theme)
    grow = _focus_grow(theme)
    return f"""
* {{ font-size: {px}px; }}
QMainWindow, QWidget#screen, QStackedWidget, QDialog {{ background: {c['window']}; color: {c['text']}; }}
QWidget#on-card {{ background: transparent; }}
QLabel {{ color: {c['text']}; background: transparent; }}
QLabel[role="title"] {{ font-size: {round(px * 1.6)}px; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {round(px * 1.2)}px; font-weight: bold; }}
QLabel[role="heading"] {{ font-weight: bold; }}
QLabel[role="muted"] {{ color: {c['muted_text']}; }}
QLabel[role="marker"] {{ background: {c['label_bg']}; color: {c['label_text']}; padding: 4px 10px;
    border-radius: 6px; }}
QLabel[role="banner"] {{ background: {c['label_bg']}; color: {c['label_text']}; padding: 8px 12px; }}
QFrame[role="card"] {{ background: {c['surface']}; border: {border}px solid {c['border']}; border-radius: 12px; }}
QFrame[role="call-banner"] {{ background: {c['label_bg']}; border-bottom: {max(border, 2)}px solid {c['border']}; }}
QFrame[role="call-banner"][flash="true"] {{ background: {c['focus']}; }}
QFrame[role="call-banner"] QLabel {{ color: {c['label_text']}; }}
QFrame[role="bar"] {{ background: {c['surface']}; border-bottom: {border}px solid {c['border']}; }}
QPushButton, QToolButton {{ background: {c['button']}; color: {c['button_text']};
    border: {max(border, 2)}px solid {c['border']}; border-radius: 10px; padding: 8px 16px; min-height: 48px;
    min-width: 48px; }}
QPushButton:hover, QToolButton:hover {{ border-color: {c['accent']}; }}
QPushButton:focus, QToolButton:focus {{ border: 4px solid {c['focus']};
    padding: {8 - grow}px {16 - grow}px; }}
QPushButton:pressed {{ background: {c['accent']}; color: {c['accent_text']}; }}
QPushButton:disabled {{ color: {c['muted_text']}; border-style: dashed; }}
QPushButton:checked {{ background: {c['accent']}; color: {c['accent_text']}; }}
QPushButton[role="primary"] {{ background: {c['accent']}; color: {c['accent_text']}; font-weight: bold; }}
QPushButton[role="danger"] {{ background: {c['danger']}; color: {c['danger_text']}; font-weight: bold;
    border-color: {c['danger_text'] if theme == 'high-contrast' else c['danger']}; }}
QPushButton[role="primary"]:disabled, QPushButton[role="danger"]:disabled {{ background: {c['button']};
    color: {c['muted_text']}; border-color: {c['border']}; }}
QPushButton[role="help"] {{ background: {c['help']}; color: {c['help_text']}; font-weight: bold;
    border-color: {c['help']}; }}
QPushButton[role="language"] {{ padding: 8px 6px; }}
QPushButton[role="language"]:focus {{ padding: {8 - grow}px {max(6 - grow, 0)}px; }}
QPushButton[role="tile"] {{ background: {c['surface']}; color: {c['text']}; border-radius: 16px;
    padding: 0px; min-height: {max(150, round(px * 6))}px; }}
QPushButton[role="tile"] QLabel {{ color: {c['text']}; }}
QPushButton[role="tile"] QLabel[role="subtitle"] {{ font-size: {round(px * 1.1)}px; }}
QProgressBar {{ border: {border}px solid {c['border']}; border-radius: 6px; background: {c['surface']};
    min-height: 14px; max-height: 14px; }}
QProgressBar::chunk {{ background: {c['accent']}; border-radius: 5px; }}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QTextEdit {{ background: {c['surface']}; color: {c['text']};
    border: {max(border, 2)}px solid {c['border']}; border-radius: 8px; padding: 6px; min-height: 40px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ border: 3px solid {c['focus']}; }}
QScrollArea {{ background: transparent; border: none; }}
QScrollBar:vertical {{ background: transparent; width: 18px; margin: 0; border: none; }}
QScrollBar::handle:vertical {{ background: {c['accent']}; min-height: 56px; border-radius: 7px; margin: 2px; }}
QScrollBar::handle:vertical:disabled {{ background: transparent; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QTextBrowser {{ background: {c['surface']}; color: {c['text']}; border: none; }}
QMenu {{ background: {c['surface']}; color: {c['text']}; border: 2px solid {c['border']}; }}
QMenu::item {{ padding: 10px 24px; }}
QMenu::item:selected {{ background: {c['accent']}; color: {c['accent_text']}; }}
"""


def label_style(theme: str) -> str:
    """Inline CSS for the official Dutch button labels quoted in walkthrough text."""
    c = palette(theme)
    return f"background-color:{c['label_bg']}; color:{c['label_text']}; font-weight:bold;"
