"""Staff screen "staff-sync": is this kiosk connected, what waits, what the server refused, and
enrollment with the central server (coordinators). All work goes through the SyncService worker.
"""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk.core.secrets import INSECURE_WARNING
from kiosk.ui.staff.enroll_form import EnrollForm
from kiosk.ui.staff.widgets import MessageLine, StaffScreen, clear_layout
from kiosk.ui.sync_service import SyncService, SyncView
from kiosk.ui.shared.widgets import big_button, hbox, role_label, scroll_area
from kiosk.sync.status import ParkedRecord

PARKED_SHOWN = 20


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.setSpacing(10)
    return frame, layout


class StaffSyncScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.view = SyncView()
        self._connected: SyncService | None = None
        self.enroll_open = False
        host = QWidget()
        content = QVBoxLayout(host)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(16)
        scroll = scroll_area(host)
        self.body.addWidget(scroll, 1)

        # Status
        self.status_card, status = card()
        self.state = role_label("", "subtitle")
        status.addWidget(self.state)
        self.facts = QWidget()
        facts = QGridLayout(self.facts)
        facts.setContentsMargins(0, 0, 0, 0)
        facts.setHorizontalSpacing(24)
        facts.setVerticalSpacing(6)
        self.fact_labels = [role_label("", "muted", wrap=False) for _ in range(3)]
        self.waiting, self.last_success, self.server = (role_label("") for _ in range(3))
        for row, (label, value) in enumerate(zip(self.fact_labels, (self.waiting, self.last_success, self.server))):
            facts.addWidget(label, row, 0, Qt.AlignLeft | Qt.AlignTop)
            facts.addWidget(value, row, 1)
        facts.setColumnStretch(1, 1)
        status.addWidget(self.facts)
        self.error = MessageLine()
        self.clock = MessageLine()
        self.secrets = MessageLine()
        for line in (self.error, self.clock, self.secrets):
            status.addWidget(line)
        self.sync_button = big_button("", "primary")
        self.sync_button.clicked.connect(self.sync_now)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        keep_room = self.progress.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # the buttons beside it do not jump
        self.progress.setSizePolicy(keep_room)
        self.progress_text = role_label("", "muted", wrap=False)
        self.reenroll_button = big_button()
        self.reenroll_button.clicked.connect(self.open_enrollment)
        self.actions = QWidget()
        actions = hbox(self.sync_button, self.progress, self.progress_text, self.reenroll_button)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setStretchFactor(self.progress, 1)
        self.actions.setLayout(actions)
        status.addWidget(self.actions)
        self.not_enrolled = role_label("", "muted")
        status.addWidget(self.not_enrolled)
        content.addWidget(self.status_card)

        # Records the server refused
        self.parked_card, parked = card()
        self.parked_title = role_label("", "subtitle")
        self.parked_intro = role_label("", "muted")
        parked.addWidget(self.parked_title)
        parked.addWidget(self.parked_intro)
        self.parked_list = QVBoxLayout()
        self.parked_list.setSpacing(4)
        parked.addLayout(self.parked_list)
        self.retry_button = big_button()
        self.retry_button.clicked.connect(self.retry_parked)
        parked.addLayout(hbox(self.retry_button, stretch_at=1))
        content.addWidget(self.parked_card)

        # Enrollment
        self.enroll_card, enroll = card()
        self.enroll_title = role_label("", "subtitle")
        enroll.addWidget(self.enroll_title)
        self.enroll_form = EnrollForm(window)
        self.enroll_form.started.connect(lambda _service: self._attach())
        self.enroll_form.enrolled.connect(self._enrolled)
        enroll.addWidget(self.enroll_form)
        enroll.addLayout(hbox(self.enroll_form.submit_button, stretch_at=1))
        content.addWidget(self.enroll_card)
        content.addStretch(1)
        self.retranslate()

    # --- the service -------------------------------------------------------------------------------
    @property
    def service(self) -> SyncService | None:
        return getattr(self.window_, "sync", None)

    def _attach(self) -> SyncService | None:
        service = self.service
        if service is not None and service is not self._connected:
            service.changed.connect(self._changed)
            self._connected = service
            self.view = service.view
        return service

    def shown(self) -> None:
        super().shown()
        service = self._attach()
        if service is not None:
            service.refresh()
        self.enroll_form.prefill(self._server_url())
        self.render()

    def _server_url(self) -> str:
        status = self.view.status
        return (status.server_url if status and status.server_url else None) or self.window_.runtime.settings.server_url or ""

    def _changed(self, view: SyncView) -> None:
        self.view = view
        self.render()

    # --- actions -------------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.service is not None:
            self.service.sync_now()

    def retry_parked(self) -> None:
        if self.service is not None:
            self.service.retry_parked()

    def open_enrollment(self) -> None:
        self.enroll_open = True
        self.render()
        self.enroll_form.url_input.setFocus()

    def _enrolled(self, _result) -> None:
        self.enroll_open = False
        self.render()

    # --- texts -----------------------------------------------------------------------------------
    def error_text(self, kind: str) -> str:
        texts = {
            "offline": self.tr("Geen verbinding met de server. Kijk of het internet werkt (wifi of kabel). "
                               "De records blijven veilig op deze computer en gaan later vanzelf mee."),
            "timeout": self.tr("De server antwoordt niet op tijd. Digipunt probeert het later opnieuw. "
                               "De records blijven veilig op deze computer."),
            "tls": self.tr("De beveiligde verbinding met de server is niet in orde (certificaat). Vraag de "
                           "beheerder om het serveradres en het certificaat na te kijken."),
            "server": self.tr("De server heeft een probleem. Digipunt probeert het later opnieuw. "
                              "De records blijven veilig op deze computer."),
            "not-sync-server": self.tr("Het netwerk geeft een andere pagina in plaats van de server. Moet je "
                                       "eerst inloggen op de wifi? Open dan de browser. Digipunt probeert het "
                                       "later opnieuw."),
            "unauthorized": self.tr("Deze computer is niet meer gekoppeld met de server. Vraag de coördinator "
                                    "een nieuwe code en koppel opnieuw. Er gaan geen records verloren."),
            "not-enrolled": self.tr("Deze computer is nog niet gekoppeld met de centrale server."),
            "rejected": self.tr("De server weigert de gegevens. Meld dit aan de beheerder."),
        }
        return texts.get(kind, self.tr("Er ging iets mis bij het synchroniseren. Digipunt probeert het later "
                                       "opnieuw. Blijft dit gebeuren? Meld het aan de beheerder."))

    def parked_text(self, record: ParkedRecord) -> str:
        kind = self.tr("Hulpvraag") if record.kind == "help_request" else self.tr("Spreekuur")
        when = record.created_at.astimezone().strftime("%d/%m %H:%M")
        source, _, detail = record.reason.partition(": ")  # "server: <status>: <reason>" or "local: ..."
        status, _, reason = detail.partition(": ")
        if source == "server" and status == "conflict":
            why = self.tr("op de server staat al een andere versie van dit record")
        elif source == "server":
            why = self.tr("de server vindt het ongeldig ({detail})").format(detail=reason or detail)
        else:
            why = self.tr("het is op deze computer beschadigd ({detail})").format(detail=detail)
        return f"{kind}, {when}: {why}"

    def when_text(self, moment: datetime | None) -> str:
        if moment is None:
            return self.tr("nog nooit")
        local = moment.astimezone()
        if local.date() == datetime.now(timezone.utc).astimezone().date():
            return self.tr("vandaag om {time}").format(time=local.strftime("%H:%M"))
        return local.strftime("%d/%m/%Y %H:%M")

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Synchronisatie"))
        for label, text in zip(self.fact_labels, (self.tr("Records die wachten"), self.tr("Laatst gelukt"),
                                                  self.tr("Server"))):
            label.setText(text)
        self.sync_button.setText(self.tr("Nu synchroniseren"))
        self.parked_intro.setText(self.tr("De server weigert deze records. Ze blijven op deze computer bewaard en "
                                          "houden de andere records niet tegen. Meld ze aan de beheerder."))
        self.retry_button.setText(self.tr("Opnieuw proberen"))
        self.enroll_title.setText(self.tr("Koppelen met de centrale server"))
        self.reenroll_button.setText(self.tr("Opnieuw koppelen"))
        self.render()

    # --- showing the state -----------------------------------------------------------------------
    def render(self) -> None:
        view, status = self.view, self.view.status
        # Without a service there is no status: this kiosk was never connected.
        enrolled = status is not None and status.enrolled and not view.needs_enrollment
        if status is None or not status.enrolled:
            state = self.tr("Nog niet gekoppeld met de centrale server")
        elif view.running:
            state = self.tr("Bezig met synchroniseren...")
        elif view.needs_enrollment:
            state = self.tr("Koppel deze computer opnieuw")
        elif view.online is None:
            state = self.tr("Nog niet geprobeerd")
        else:
            state = self.tr("Verbonden met de server") if view.online else self.tr("Geen verbinding met de server")
        self.state.setText(state)
        known = status is not None and status.enrolled
        self.facts.setVisible(known)
        self.actions.setVisible(known)
        self.not_enrolled.setVisible(not known)
        self.waiting.setText("-" if status is None else str(status.waiting))
        self.last_success.setText("-" if status is None else self.when_text(status.last_success))
        self.server.setText((status.server_url if status else None) or self.tr("geen"))

        self.error.say(self.error_text(view.error) if view.error not in (None, "not-enrolled") else "")
        if view.clock_skewed and view.clock_offset is not None:
            minutes = round(abs(view.clock_offset.total_seconds()) / 60)
            self.clock.say(
                (self.tr("De klok van deze computer loopt {n} minuten voor op de server.") if view.clock_offset.total_seconds() < 0
                 else self.tr("De klok van deze computer loopt {n} minuten achter op de server.")).format(n=minutes)
                + " " + self.tr("Vraag de beheerder om datum en tijd juist te zetten. De records houden de tijd "
                                "van deze computer."))
        else:
            self.clock.say("")
        self.secrets.say(INSECURE_WARNING if status is not None and status.insecure_secrets else "")

        self.sync_button.setEnabled(enrolled and not view.running)
        busy = view.running and view.progress[1] > 0
        self.progress.setVisible(view.running)
        self.progress.setRange(0, view.progress[1] if busy else 0)  # 0..0: "busy" animation
        self.progress.setValue(view.progress[0])
        self.progress_text.setText(self.tr("{done} van {total}").format(done=view.progress[0], total=view.progress[1])
                                   if busy else "")

        parked = status.parked if status is not None else []
        self.parked_card.setVisible(bool(parked))
        self.parked_title.setText(self.tr("Geweigerde records ({n})").format(n=len(parked)))
        clear_layout(self.parked_list)
        for record in parked[:PARKED_SHOWN]:
            self.parked_list.addWidget(role_label(self.parked_text(record)))
        if len(parked) > PARKED_SHOWN:
            self.parked_list.addWidget(role_label(self.tr("en nog {n} andere").format(n=len(parked) - PARKED_SHOWN),
                                                  "muted"))

        coordinator = self.user is not None and self.user.is_coordinator
        needs = status is None or not status.enrolled or view.needs_enrollment
        self.not_enrolled.setText(
            self.tr("Alle records blijven op deze computer bewaard. Ze gaan mee zodra de computer gekoppeld is.")
            + ("" if coordinator else " " + self.tr("Vraag de coördinator om deze computer te koppelen.")))
        self.enroll_card.setVisible(coordinator and (needs or self.enroll_open))
        self.reenroll_button.setVisible(coordinator and not (needs or self.enroll_open))

    def forget(self) -> None:
        self.enroll_form.forget()
        self.enroll_open = False
