"""Qt-free core of the kiosk. Nothing in this package may import PySide6 (a test enforces it)."""
