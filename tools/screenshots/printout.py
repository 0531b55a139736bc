"""The take-home printout of the itsme guide in nl, ar and uk (kiosk/ui/visitor/printout.py),
printed into a PDF and each page rendered to PNG with QtPdf; and the guide's "Afdrukken" at A++."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from kiosk.ui.visitor import printout
from tools.screenshots.common import grab

SPREEKUUR = {"nl": "dinsdag 3 december, 9 tot 12 uur, bibliotheek (Stationsstraat 1)"}  # what the schedule will give


def render(window, outdir: Path) -> list[Path]:
    written = []
    guide = next(g for g in window.runtime.content.walkthroughs if g.id == "itsme")
    for language in ("nl", "ar", "uk"):
        window.prefs.set(language=language, text_size="extra-large")
        window.walkthroughs.open("itsme", 6)
        written.append(grab(window, outdir / f"walkthrough-print-button-{language}-extra-large.png"))
        document = printout.guide_document(guide, language, eloket_url=window.runtime.settings.eloket_url,
                                           spreekuur=SPREEKUUR.get(language), today=date(2026, 11, 30))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        pdf_path = outdir / f"printout-itsme-{language}.pdf"
        printer.setOutputFileName(str(pdf_path))
        printout.print_document(document, printer)
        pdf = QPdfDocument()
        pdf.load(str(pdf_path))
        for page in range(pdf.pageCount()):
            path = outdir / f"printout-itsme-{language}-page{page + 1}.png"
            pdf.render(page, QSize(1240, 1754)).save(str(path))
            written.append(path)
        pdf.close()
    window.prefs.reset()
    window.go_home()
    return written
