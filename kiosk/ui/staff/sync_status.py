"""Staff screen "staff-sync": is this kiosk connected, what waits, what the server refused, and
enrollment with the central server (coordinators). All work goes through the SyncService worker.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk.sync.view import SyncPanel, SyncView, sync_panel
from kiosk.ui.shared.entry import MessageLine
from kiosk.ui.shared.sync_service import SyncService
from kiosk.ui.shared.widgets import big_button, hbox, role_label, scroll_area
from kiosk.ui.staff.enroll_form import EnrollForm
from kiosk.ui.staff.widgets import StaffScreen, clear_layout


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
        scroll = self.scroller = scroll_area(host)
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
        for row, (label, value) in enumerate(zip(self.fact_labels, (self.waiting, self.last_success, self.server),
                                                      strict=True)):
            facts.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
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
        self.result = MessageLine()  # "Gelukt om 14:32: ..." after "Nu synchroniseren"
        status.addWidget(self.result)
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
        known = status.server_url if status and status.server_url else None
        return known or self.window_.runtime.settings.server_url or ""

    def _changed(self, view: SyncView) -> None:
        self.view = view
        self.render()
        self.banner.refresh()

    # --- actions -------------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.service is not None:
            self.service.sync_now()

    def retry_parked(self) -> None:
        if self.service is not None:
            self.service.retry_parked()

    def open_enrollment(self) -> None:
        """The enrollment form, in view (the banner's "Opnieuw koppelen" comes here in one tap)."""
        self.enroll_open = True
        self.render()
        self.scroller.widget().layout().activate()  # the card's place, before scrolling to it
        self.scroller.ensureWidgetVisible(self.enroll_card)
        self.enroll_form.url_input.setFocus()

    def _enrolled(self, _result) -> None:
        self.enroll_open = False
        self.render()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Synchronisatie"))
        for label, text in zip(self.fact_labels, (self.tr("Records die wachten"), self.tr("Laatst gelukt"),
                                                  self.tr("Server")), strict=True):
            label.setText(text)
        self.parked_intro.setText(self.tr("De server weigert deze records. Ze blijven op deze computer bewaard en "
                                          "houden de andere records niet tegen. Meld ze aan de beheerder."))
        self.retry_button.setText(self.tr("Opnieuw proberen"))
        self.enroll_title.setText(self.tr("Koppelen met de centrale server"))
        self.reenroll_button.setText(self.tr("Opnieuw koppelen"))
        self.render()

    # --- showing the state -----------------------------------------------------------------------
    def render(self) -> None:  # type: ignore[override]  # hides QWidget.render, which nothing here calls
        """Paint what kiosk.sync.view decides (Qt-free and tested on its own)."""
        coordinator = self.user is not None and self.user.is_coordinator
        panel = sync_panel(self.view, coordinator=coordinator, enroll_open=self.enroll_open,
                           clock=self.window_.api.clock)
        self.state.setText(panel.state)
        self.facts.setVisible(panel.known)
        self.actions.setVisible(panel.known)  # type: ignore[attr-defined]  # the attribute hides QWidget.actions
        self.not_enrolled.setVisible(not panel.known)
        self.not_enrolled.setText(panel.not_enrolled)
        self.waiting.setText(panel.waiting)
        self.last_success.setText(panel.last_success)
        self.server.setText(panel.server)
        for line, text in zip((self.error, self.clock, self.secrets), panel.problems, strict=True):
            line.say(text)
        self.sync_button.setEnabled(panel.can_sync)
        self.sync_button.setText(panel.sync_button)
        self.result.say(panel.result, "muted" if panel.result.startswith("Niet") else "marker")
        self._paint_progress(panel)
        self._paint_parked(panel)
        self.enroll_card.setVisible(panel.show_enroll_form)
        self.reenroll_button.setVisible(panel.show_reenroll)

    def _paint_progress(self, panel: SyncPanel) -> None:
        done, total = panel.progress or (0, 0)
        self.progress.setVisible(panel.progress is not None)
        self.progress.setRange(0, total)  # 0..0: the "busy" animation
        self.progress.setValue(done)
        self.progress_text.setText(panel.progress_text)

    def _paint_parked(self, panel: SyncPanel) -> None:
        self.parked_card.setVisible(bool(panel.parked_lines))
        self.parked_title.setText(panel.parked_title)
        clear_layout(self.parked_list)
        for text in panel.parked_lines:
            self.parked_list.addWidget(role_label(text))
        if panel.parked_more:
            self.parked_list.addWidget(role_label(panel.parked_more, "muted"))

    def forget(self) -> None:
        self.enroll_form.forget()
        self.enroll_open = False
