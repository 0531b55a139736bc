"""The take-home printout of a guide (kiosk/ui/visitor/printout.py), printed into real PDFs and read
back with QtPdf: one or two A4 pages, both languages, the web address and its QR code, and the
kiosk's locked-down printer dialog."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPageSize, QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from kiosk.core.content import MASTER_LANGUAGE
from kiosk.ui.visitor import printout

ELOKET = "https://e-loket.example.be/"


def print_to_pdf(document: QTextDocument, path) -> QPdfDocument:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printout.print_document(document, printer)
    pdf = QPdfDocument()
    assert pdf.load(str(path)) == QPdfDocument.Error.None_
    return pdf


def pdf_text(pdf: QPdfDocument) -> str:
    return " ".join(pdf.getAllText(page).text() for page in range(pdf.pageCount()))


def flat(text: str) -> str:
    """Without white space: a line may break anywhere ("e-" / "mail")."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["nl", "ar", "uk", "tr"])
def test_every_guide_prints_on_one_or_two_a4_pages_with_both_languages(window, tmp_path, lang):
    window.prefs.set(language=lang)  # the printout's labels in the visitor's language
    with_urls = 0
    for guide in window.runtime.content.walkthroughs:
        document = printout.guide_document(guide, lang, eloket_url=ELOKET, today=date(2026, 11, 30))
        pdf = print_to_pdf(document, tmp_path / f"{guide.id}-{lang}.pdf")
        assert 1 <= pdf.pageCount() <= printout.MAX_PAGES, (guide.id, lang, pdf.pageCount())
        size = pdf.pagePointSize(0)
        a4 = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Point)
        assert abs(size.width() - a4.width()) < 2 and abs(size.height() - a4.height()) < 2
        text, laid_out = flat(pdf_text(pdf)), flat(document.toPlainText())
        # Every step's title, in the visitor's language and (beside it) in Dutch. (The PDF's text
        # runs line by line across both columns: the document says what is in them.)
        for index in range(len(guide)):
            for shown in {lang, MASTER_LANGUAGE}:
                assert flat(guide.step(shown, index).title) in laid_out, (guide.id, shown, index)
        url = printout.official_address(guide, ELOKET)  # none for a guide about no one site (e-mail)
        qr = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(printout.QR_RESOURCE))
        if url is None:
            assert qr is None and "Officiële website" not in text
            continue
        with_urls += 1
        assert url in text, (guide.id, url)
        assert isinstance(qr, QImage) and not qr.isNull() and qr.width() == qr.height()
    assert with_urls >= 8


def test_arabic_reads_from_the_right_and_the_dutch_column_stays_left_to_right(window):
    itsme = next(g for g in window.runtime.content.walkthroughs if g.id == "itsme")
    html = printout.printout_html(itsme, "ar", url="https://www.itsme-id.com/nl-BE", spreekuur=None,
                                  today=date(2026, 11, 30))
    first_row = html[html.index("<tr>"):html.index("</tr>")]
    assert first_row.index("Nederlands") < first_row.index("العربية")  # the Arabic column is on the right
    assert 'dir="rtl"' in html and '<p dir="ltr"><b>1. Wat heb je nodig?</b></p>' in html
    # itsme is a company: its site is "website van itsme", never "officieel".
    assert "Website van itsme:" in html and "Officiële website" not in html
    # Where a question's answers lead, so the paper follows the visitor's way.
    assert "Met mijn bankkaart: ga verder bij stap 6" in html


def test_the_next_spreekuur_is_printed_only_when_known(window):
    eloket = next(g for g in window.runtime.content.walkthroughs if g.id == "eloket")
    known = printout.printout_html(eloket, "nl", url=ELOKET, spreekuur="dinsdag 9 tot 12 uur, bibliotheek",
                                   today=date(2026, 11, 30))
    unknown = printout.printout_html(eloket, "nl", url=ELOKET, spreekuur=None, today=date(2026, 11, 30))
    assert "Hulp nodig?</b> dinsdag 9 tot 12 uur, bibliotheek" in known and "Hulp nodig?" not in unknown
    assert printout.next_spreekuur_text(window, "nl") is None  # no schedule yet: never a guess


def test_print_from_a_step_opens_the_locked_down_printer_dialog(window, qtbot):
    window.walkthroughs.open("taxonweb", 3)
    view = window.walkthroughs.view
    assert view.print_button.isVisible() and view.print_button.text() == "Afdrukken"
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintDialog) and w.isVisible())
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)  # no file dialog
    dialog.reject()
