"""A visitor's downloaded files, opened and printed inside the kiosk (never by an outside program,
which could show the file system or keep a copy).

QtPdf and QtPrintSupport are imported where a PDF is opened or a print dialog shown, on the UI
thread: importing them with this module cost the first "Internet" tap about 4 ms (their libraries
and the Python enums of their classes), for visitors who mostly never print."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.shared.widgets import big_button, role_label

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

# What the built-in browser shows itself; PDFs get the viewer below; anything else cannot be opened.
BROWSER_VIEWABLE = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".txt", ".htm", ".html"})
_RENDER_DPI = 200  # enough for paper, bounded memory per page


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page, scaled to fit the paper. Returns the number of pages printed."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    try:
        if document.status() != QPdfDocument.Status.Ready:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            dpi = min(printer.resolution(), _RENDER_DPI)
            for index in range(document.pageCount()):
                if index:
                    printer.newPage()
                area = painter.viewport()
                points = document.pagePointSize(index)
                scale = min(area.width() / points.width(), area.height() / points.height())
                target = QRect(area.x(), area.y(), round(points.width() * scale), round(points.height() * scale))
                image = document.render(index, QSize(round(points.width() * dpi / 72),
                                                     round(points.height() * dpi / 72)))
                painter.drawImage(target, image)
            return document.pageCount()
        finally:
            painter.end()
    finally:
        document.close()


def ask_and_print(parent: QWidget, print_to: Callable[[QPrinter], object]) -> QPrintDialog:
    """The system print dialog (which printer, how many copies), then print_to(printer)."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    # No "print to file": it would open a file dialog on the kiosk's file system.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.accepted.connect(lambda: print_to(printer))
    # QPrintDialog's binding has only open(receiver, member) and raises TypeError without them;
    # QDialog's own open() shows it window-modal without a nested event loop.
    QDialog.open(dialog)
    return dialog


class PdfViewer(QDialog):
    """A PDF over the whole kiosk window: bigger/smaller, print, close."""

    ZOOM_STEP = 1.25

    def __init__(self, parent: QWidget, path: Path):
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.path = path
        self.setWindowTitle(path.name)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QFrame()
        bar.setProperty("role", "bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 10, 24, 10)
        row.setSpacing(10)
        row.addWidget(role_label(path.name, "subtitle", wrap=False), 1)
        self.smaller = big_button(self.tr("Kleiner"))
        self.bigger = big_button(self.tr("Groter"))
        self.print_button = big_button(self.tr("Afdrukken"))
        self.close_button = big_button(self.tr("Sluiten"), "primary")
        for button in (self.smaller, self.bigger, self.print_button, self.close_button):
            row.addWidget(button)
        layout.addWidget(bar)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)
        self.smaller.clicked.connect(lambda: self._zoom(1 / self.ZOOM_STEP))
        self.bigger.clicked.connect(lambda: self._zoom(self.ZOOM_STEP))
        self.print_button.clicked.connect(lambda: ask_and_print(self, lambda p: print_pdf(self.path, p)))
        self.close_button.clicked.connect(self.accept)
        self.setGeometry(QRect(parent.mapToGlobal(parent.rect().topLeft()), parent.size()))

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(self.view.ZoomMode.Custom)  # QPdfView's enum: the class is imported in __init__
        self.view.setZoomFactor(max(0.25, min(self.view.zoomFactor() * factor, 5.0)))

    def done(self, result: int) -> None:
        self.document.close()  # release the file, so the session folder can be deleted (Windows)
        super().done(result)
