"""Staff screen "staff-help-form": record (or correct) a help request with taps only.

Required: topic(s), duration, outcome (and the place when no shift runs); everything else has a
sensible default or is optional. The note is the only typing and is checked by the privacy guard
before anything leaves the screen. Saving runs on the store worker; "Opgeslagen" appears only after
the record and its outbox entry are committed, and on failure the form stays filled.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QWidget

from kiosk.core.helplog import FormContext, HelpRequestInput, SavedRequest
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, role_label, scroll_area
from kiosk.ui.staff.widgets import ChipGroup, StaffScreen, VisitorCodeControls
from sync import labels
from sync.privacy import NoteRefused, guard_note
from sync.protocol import NOTE_MAX

DURATIONS = (5, 10, 15, 30, 45, 60)


if TYPE_CHECKING:
    from kiosk.ui.staff.help_today import TodayScreen


class HelpFormScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.context: FormContext | None = None
        self.correcting: SavedRequest | None = None
        self._saving = False
        self._prefill_topics: list[str] = []
        self.call_context = ""
        self.call_id: str | None = None  # a taken call this request registers (helpcalls.CallBoard.taken_by)

        self.where = role_label("", "muted")
        self.body.addWidget(self.where)
        self.warning = MessageLine()  # the core's FormContext.warning
        self.body.addWidget(self.warning)
        host = QWidget()
        grid = self.grid = QGridLayout(host)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(18)
        grid.setColumnStretch(1, 1)
        self.topics = ChipGroup(multiple=True)
        self.duration = ChipGroup()
        self.outcome = ChipGroup()
        self.channel = ChipGroup()
        self.language = ChipGroup()
        self.first_visit = ChipGroup()
        self.referrals = ChipGroup(multiple=True)
        self.target_groups = ChipGroup(multiple=True)
        self.location = ChipGroup()
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        self.code = VisitorCodeControls(window, self)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code.button)
        code_row.addWidget(self.code.state, 1)
        code_row.addWidget(self.code.remove)
        code_host = QWidget()
        code_host.setLayout(code_row)
        code_row.setContentsMargins(0, 0, 0, 0)

        self.fields = [("topics", self.topics), ("duration", self.duration), ("outcome", self.outcome),
                       ("location", self.location), ("channel", self.channel), ("language", self.language),
                       ("first_visit", self.first_visit), ("referrals", self.referrals),
                       ("target_groups", self.target_groups), ("note", self.note), ("visitor_code", code_host)]
        self.field_labels = {}
        for row, (name, widget) in enumerate(self.fields):
            label = role_label("", "subtitle")
            label.setMinimumWidth(210)
            label.setMaximumWidth(260)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
            self.field_labels[name] = label
        for chips in (self.topics, self.duration, self.outcome, self.location, self.channel, self.language,
                      self.first_visit, self.referrals, self.target_groups):
            chips.changed.connect(self._changed)
        self.note.textChanged.connect(self._changed)
        scroll = self.scroll = scroll_area(host)
        self.body.addWidget(scroll, 1)

        bar = QHBoxLayout()
        bar.setSpacing(16)
        self.message = MessageLine(keep_space=True)
        bar.addWidget(self.message, 1)
        self.cancel_button = big_button()
        self.cancel_button.clicked.connect(lambda: self.window_.show_screen("staff-menu"))
        self.save_button = big_button("", "primary")
        self.save_button.setMinimumWidth(220)
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.save_button)
        self.body.addLayout(bar)

        # The fixed vocabularies (sync.protocol); labels come with retranslate().
        self.duration.set_options((str(m), "") for m in DURATIONS)
        for chips, names in ((self.outcome, labels.OUTCOMES), (self.channel, labels.CHANNELS),
                             (self.language, labels.HELP_LANGUAGES), (self.first_visit, labels.FIRST_VISIT),
                             (self.referrals, labels.REFERRALS), (self.target_groups, labels.TARGET_GROUPS)):
            chips.set_options((code, "") for code in names)
        self.retranslate()

    # --- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Hulpvraag corrigeren") if self.correcting else self.tr("Hulpvraag registreren"))
        texts = {"topics": self.tr("Onderwerp"), "duration": self.tr("Duur"), "outcome": self.tr("Resultaat"),
                 "location": self.tr("Plek"), "channel": self.tr("Hoe"), "language": self.tr("Taal van de hulp"),
                 "first_visit": self.tr("Eerste bezoek?"), "referrals": self.tr("Doorverwezen naar"),
                 "target_groups": self.tr("Doelgroep (mag leeg)"), "note": self.tr("Notitie (mag leeg)"),
                 "visitor_code": self.tr("Bezoekerscode (mag leeg)")}
        for name, label in self.field_labels.items():
            label.setText(texts[name])
        self.duration.set_labels({str(m): labels.minutes(m) for m in DURATIONS})
        self.outcome.set_labels(labels.OUTCOMES)
        self.channel.set_labels(labels.CHANNELS)
        self.language.set_labels(labels.HELP_LANGUAGES)
        self.first_visit.set_labels(labels.FIRST_VISIT)
        self.referrals.set_labels(labels.REFERRALS)
        self.target_groups.set_labels(labels.TARGET_GROUPS)
        self.note.setPlaceholderText(self.tr("Alleen over de hulp. Nooit namen, nummers of adressen."))
        self.note.setAccessibleName(self.tr("Notitie"))
        self.code.set_texts(self.tr("Bezoeker maakt een code"), self.tr("Code weghalen"), self.tr("Code toegevoegd."))
        self.cancel_button.setText(self.tr("Terug"))
        self.save_button.setText(self.tr("Opslaan"))
        self._update_state()

    # --- opening ---------------------------------------------------------------------------------
    def start_new(self, topics: list[str] | None = None, context: str = "", *, language: str | None = None,
                  call_id: str | None = None) -> None:
        """A blank request; `topics` are preselected (a help call's guide), `context` says why,
        `language` is the call's visitor's (else this kiosk's visitor session's), `call_id` the taken
        call it registers."""
        self._open(None, list(topics or []), context, language or self.window_.prefs.language)
        self.call_id = call_id

    def start_correction(self, request: SavedRequest) -> None:
        self._open(request, list(request.data.topics), "", None)

    def _open(self, correcting: SavedRequest | None, topics: list[str], context: str, language: str | None) -> None:
        self.forget()
        self.correcting, self._prefill_topics, self.call_context = correcting, topics, context
        self.retranslate()
        self.window_.show_screen("staff-help-form")
        api, user = self.window_.api, self.user
        self.window_.db_tasks.run(lambda: api.help_form(user, language), self._loaded, self._failed)

    def _loaded(self, context: FormContext) -> None:
        if self.user is None:
            return  # logged out while loading
        self.context = context
        self.warning.say(context.warning if self.correcting is None else "")
        self.topics.set_options(context.topics)
        self.location.set_options((loc_id, name) for loc_id, name, _kind in context.locations)
        self.retranslate()
        self._fill_defaults()

    def _fill_defaults(self) -> None:
        if self.correcting is not None:
            self._fill(self.correcting.data)
        else:
            self._fill_new()
        assert self.context is not None  # filled only once the context is loaded
        uses_location = self.context.asks_location and self.correcting is None
        self.location.setVisible(uses_location)
        self.field_labels["location"].setVisible(uses_location)
        self._show_where()
        self.scroll.verticalScrollBar().setValue(0)  # type: ignore[attr-defined]  # the attribute hides QWidget.scroll
        self._update_state()

    def _fill_new(self) -> None:
        """A new request starts with the core's defaults (kiosk.core.helplog.form_context)."""
        context = self.context
        assert context is not None  # filled only once the context is loaded
        self.topics.set_selected(self._prefill_topics)
        self.duration.set_selected(None)
        self.outcome.set_selected(None)
        self.channel.set_selected(context.default_channel)
        self.language.set_selected(context.default_language)
        self.first_visit.set_selected(context.default_first_visit)
        self.referrals.set_selected(None)
        self.target_groups.set_selected(None)
        self.location.set_selected(context.default_location_id)
        self.note.clear()
        self.code.set(None)

    def _show_where(self) -> None:
        assert self.context is not None  # filled only once the context is loaded
        shift = self.context.shift
        where = [self.call_context] if self.call_context else []
        if self.correcting is not None:
            where.append(self.tr("Je past de hulpvraag van {time} aan. De oude versie blijft bewaard.")
                         .format(time=self.window_.api.clock.local(self.correcting.created_at).strftime("%H:%M")))
        elif shift is not None:
            where.append(self.tr("Spreekuur: {place}").format(place=shift.place))
        self.where.setText(" ".join(where))
        self.where.setVisible(bool(where))

    def _fill(self, data: HelpRequestInput) -> None:
        self.topics.set_selected(data.topics)
        self.duration.set_selected(str(data.duration_min) if str(data.duration_min) in self.duration.buttons else None)
        self.outcome.set_selected(data.outcome)
        self.channel.set_selected(data.channel)
        self.language.set_selected(data.language)
        self.first_visit.set_selected(data.first_visit)
        self.referrals.set_selected(data.referrals)
        self.target_groups.set_selected(data.target_groups)
        self.note.setText(data.note or "")
        self.code.set(data.visitor_code)

    # --- state -----------------------------------------------------------------------------------
    def missing(self) -> list[str]:
        missing = []
        if not self.topics.selected():
            missing.append(self.tr("onderwerp"))
        if self.duration.value() is None:
            missing.append(self.tr("duur"))
        if self.outcome.value() is None:
            missing.append(self.tr("resultaat"))
        if self.location.isVisibleTo(self) and self.location.value() is None:
            missing.append(self.tr("plek"))
        return missing

    def _changed(self) -> None:
        if not self._saving:
            self.message.say("", "muted")  # a new choice replaces "Opgeslagen" or an old error
        self._update_state()

    def _update_state(self) -> None:
        missing = self.missing()
        self.save_button.setEnabled(self.context is not None and not self._saving and not missing)
        if self.context is not None and not self._saving and self.message.role == "muted":
            self.message.say(self.tr("Kies nog: {fields}.").format(fields=", ".join(missing)) if missing else "",
                             "muted")

    def collect(self) -> HelpRequestInput:
        context = self.context
        assert context is not None  # the form is shown only once the context is loaded
        return HelpRequestInput(
            topics=tuple(self.topics.selected()), channel=self.channel.value() or context.default_channel,
            language=self.language.value() or context.default_language, duration_min=int(self.duration.value()),
            outcome=self.outcome.value(), referrals=tuple(self.referrals.selected()),
            first_visit=self.first_visit.value() or context.default_first_visit,
            target_groups=tuple(self.target_groups.selected()),
            note=self.note.text(), visitor_code=self.code.code,
            location_id=self.location.value() if self.location.isVisibleTo(self) else None)


    # --- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        try:
            guard_note(self.note.text())  # here already, so a refused note never leaves the screen
        except NoteRefused as refused:
            self.message.say(str(refused), "banner")
            self.note.setFocus()
            return
        data, user, correcting, api = self.collect(), self.user, self.correcting, self.window_.api
        task = ((lambda: api.save_help_request(user, data)) if correcting is None
                else (lambda: api.correct_help_request(user, correcting.id, data)))
        self._saving = True
        self.message.say(self.tr("Bezig met opslaan…"), "muted")
        self._update_state()
        self.window_.db_tasks.run(task, self._saved, self._failed)

    def _saved(self, _request_id: str) -> None:
        self._saving = False
        self.window_.staff.record_saved()
        if self.call_id is not None and self.user is not None:
            self.window_.api.call_registered(self.user, self.call_id)  # in memory: no store work
            self.call_id = None
        if self.correcting is not None:  # back where the correction started
            self.forget()
            cast("TodayScreen", self.window_.screens["staff-today"]).open_with(self.tr("Gecorrigeerd."))
            return
        self.correcting, self._prefill_topics, self.call_context, self.call_id = None, [], "", None
        self.retranslate()
        if self.context is not None:
            self._fill_defaults()
        self.message.say(self.tr("Opgeslagen. Je kunt de volgende hulpvraag registreren."), "marker")

    def _failed(self, exc: Exception) -> None:
        self._saving = False
        self.message.say(error_text(exc), "banner")
        self._update_state()

    def forget(self) -> None:
        self.context = None
        self.warning.say("")
        self.correcting, self._prefill_topics, self.call_context, self.call_id = None, [], "", None
        self._saving = False
        self.note.clear()
        self.code.set(None)
        for chips in (self.topics, self.duration, self.outcome, self.channel, self.language, self.first_visit,
                      self.referrals, self.target_groups, self.location):
            chips.set_selected(None)
        self.message.say("", "muted")
        self._update_state()
