"""The take-home printout of a guide: its steps on one or two A4 pages, the visitor's language beside
the Dutch, the official web address with a QR code to it, and the next spreekuur when it is known.

`guide_document()` builds it as a QTextDocument (plain rich text: testable, and printed the same
on paper and into a PDF); `print_guide()` prints it on the kiosk's printer dialog, the one the
built-in browser uses (`files.ask_and_print`: no printing to a file). The text shrinks, down to
MIN_POINT_SIZE, until the guide fits on MAX_PAGES pages.
"""
from __future__ import annotations

import io
import re
from datetime import date

import segno
from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from kiosk.core.content import MASTER_LANGUAGE, Walkthrough, company_site, render_body_html
from kiosk.core.settings import LANGUAGES, RTL_LANGUAGES
from kiosk.ui.visitor.files import ask_and_print
from kiosk.ui.visitor.home_info import next_spreekuur_sentence
from sync.markup import escape

MAX_PAGES = 2
POINT_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # tried in turn until the guide fits MAX_PAGES
MARGIN_MM = 14
QR_RESOURCE = "qr.png"
LABEL_STYLE = "font-weight: bold; background-color: #eeeeee;"


translate = QCoreApplication.translate  # by this name, lupdate finds translate("GuidePrintout", ...) calls


def official_address(guide: Walkthrough, eloket_url: str) -> str | None:
    """The guide's web address: the first step's that has one (the site the visitor goes to)."""
    for index in range(len(guide)):
        url = guide.step_url(index, eloket_url)
        if url:
            return url
    return None


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=2)
    return out.getvalue()


def _step_cell(guide: Walkthrough, lang: str, index: int) -> str:
    """One step in one language: number, title, body, and a question's answers with where each leads."""
    step = guide.step(lang, index)
    rtl = step.language in RTL_LANGUAGES
    direction = ' dir="rtl"' if rtl else ' dir="ltr"'
    body = render_body_html(step.body, LABEL_STYLE, rtl=rtl)
    if not rtl:  # a block without dir follows the application, right to left for an Arabic visitor
        body = re.sub(r"<(p|li|ul|ol)>", r'<\1 dir="ltr">', body)
    parts = [f'<p{direction}><b>{index + 1}. {escape(step.title)}</b></p>', body]
    kind = guide.meta.steps[index].kind
    if kind == "choice":
        # Where each answer leads, in the column's language (the Dutch column is never translated).
        hint = ("ga verder bij stap {n}" if lang == MASTER_LANGUAGE
                else translate("GuidePrintout", "ga verder bij stap {n}"))
        for text, target in guide.choices(lang, index):
            parts.append(f'<p{direction}>&#8226; {escape(text)}: {escape(hint.format(n=target + 1))}</p>')
    elif kind == "end":
        done = "Klaar." if lang == MASTER_LANGUAGE else translate("GuidePrintout", "Klaar.")
        parts.append(f"<p{direction}><i>{escape(done)}</i></p>")
    return "".join(parts)


def printout_html(guide: Walkthrough, lang: str, *, url: str | None, spreekuur: str | None,
                  today: date) -> str:
    """The printout's HTML: a header, one table row per step (the visitor's language, then Dutch),
    the address and its QR code, and the next spreekuur when known."""
    two = lang != MASTER_LANGUAGE
    rtl = lang in RTL_LANGUAGES
    direction = ' dir="rtl"' if rtl else ' dir="ltr"'
    title = escape(guide.title(lang))
    dutch_title = escape(guide.title(MASTER_LANGUAGE))
    out = [f'<h2{direction}>{title}</h2>']
    if two:
        out.append(f'<p dir="ltr"><i>{dutch_title}</i></p>')
    printed = translate("GuidePrintout", "Digipunt: de stappen om mee te nemen. Gedrukt op {date}.").format(
        date=today.strftime("%d-%m-%Y"))
    out.append(f"<p{direction}>{escape(printed)}</p>")
    out.append('<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse;">')
    def row(cells: list[str]) -> str:  # an Arabic reader starts at the right: their column goes there
        return "<tr>" + "".join(f'<td width="{100 // len(cells)}%" valign="top">{c}</td>'
                                for c in (cells[::-1] if rtl else cells)) + "</tr>"

    if two:
        heading = f"<p{direction}><b>{escape(LANGUAGES[lang])}</b></p>"
        out.append(row([heading, '<p dir="ltr"><b>Nederlands</b></p>']))
    for index in range(len(guide)):
        cells = [_step_cell(guide, lang, index)]
        if two:
            cells.append(_step_cell(guide, MASTER_LANGUAGE, index))
        out.append(row(cells))
    out.append("</table>")
    footer = []
    if url:
        company = company_site(QUrl(url).host(), [guide])  # itsme is a company: never "officieel"
        label = (translate("GuidePrintout", "Website van {name}:").format(name=company) if company
                 else translate("GuidePrintout", "Officiële website:"))
        scan = translate("GuidePrintout", "Scan de code met de camera van je gsm om de website te openen.")
        # The address is a left-to-right paragraph of its own: inside Arabic text its "/" would jump.
        footer += [f"<p{direction}><b>{escape(label)}</b></p>",
                   f'<p dir="ltr" align="{"right" if rtl else "left"}">{escape(url)}</p>',
                   f"<p{direction}>{escape(scan)}</p>"]
    if spreekuur:
        need_help = translate("GuidePrintout", "Hulp nodig?")
        footer.append(f"<p{direction}><b>{escape(need_help)}</b> {escape(spreekuur)}</p>")
    if footer:
        qr = f'<img src="{QR_RESOURCE}" width="110" height="110"/>' if url else ""
        cells = [f'<td valign="top">{"".join(footer)}</td>', f'<td width="120" valign="top">{qr}</td>']
        out.append(f'<table width="100%" cellpadding="4" style="margin-top: 8px;"><tr>'
                   f'{"".join(cells[::-1] if rtl else cells)}</tr></table>')
    return "".join(out)


def _page_size() -> QSizeF:
    """A4 minus the margins, in points: the size the document is laid out in."""
    a4 = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Point)
    margin = MARGIN_MM * 72 / 25.4
    return QSizeF(a4.width() - 2 * margin, a4.height() - 2 * margin)


def guide_document(guide: Walkthrough, lang: str, *, eloket_url: str, spreekuur: str | None = None,
                   today: date | None = None) -> QTextDocument:
    """The printout as a document laid out on A4 pages, at the largest text size that fits MAX_PAGES.

    `spreekuur`: where and when the next spreekuur is, in the visitor's language, or None when not
    known (see `next_spreekuur_text`)."""
    url = official_address(guide, eloket_url)
    document = QTextDocument()
    if url:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_RESOURCE),
                             QImage.fromData(qr_png(url)))
    # Compact paragraphs and lists: the steps, not white space, fill the two pages.
    document.setDefaultStyleSheet("p { margin-top: 0; margin-bottom: 3px; } ul, ol { margin-top: 0; "
                                  "margin-bottom: 3px; -qt-list-indent: 1; } h2 { margin-bottom: 2px; }")
    document.setHtml(printout_html(guide, lang, url=url, spreekuur=spreekuur, today=today or date.today()))
    document.setPageSize(_page_size())
    document.setDocumentMargin(0)
    for size in POINT_SIZES:
        font = QFont(document.defaultFont())
        font.setPointSizeF(size)
        document.setDefaultFont(font)
        if document.pageCount() <= MAX_PAGES:
            break
    return document


def prepare(printer: QPrinter) -> None:
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                      QPageLayout.Unit.Millimeter))


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    prepare(printer)
    document.print_(printer)


def next_spreekuur_text(window, language: str) -> str | None:
    """When the next spreekuur at this location is, in `language` (the visitor's, else Dutch), or
    None without a schedule: never a guess."""
    return next_spreekuur_sentence(window, dutch=language != window.prefs.language)


def print_guide(parent: QWidget, window, guide: Walkthrough) -> None:
    """The printer dialog, then the guide in the visitor's current language."""
    lang = window.prefs.language
    document = guide_document(guide, lang, eloket_url=window.runtime.settings.eloket_url,
                              spreekuur=next_spreekuur_text(window, lang))
    document.setParent(parent)
    ask_and_print(parent, lambda printer: print_document(document, printer))
