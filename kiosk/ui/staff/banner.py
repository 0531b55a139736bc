"""The sync banner above every staff screen's content: what kiosk.sync.view.staff_banner decides
(revoked, not connected, long offline), and its one-tap way out (the enrollment form for a
coordinator, the Synchronisatie screen). Follows the kiosk's sync service, once there is one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout

from kiosk.sync.view import Banner, SyncView, staff_banner
from kiosk.ui.shared.screen import KioskWindow
from kiosk.ui.shared.widgets import big_button, role_label

if TYPE_CHECKING:  # imported when the sync service starts, not with the home screen
    from kiosk.ui.shared.sync_service import SyncService


class SyncBanner(QFrame):
    def __init__(self, window: KioskWindow):
        super().__init__()
        self.window_ = window
        self.setProperty("role", "card")
        self.shown_banner = Banner()
        self._service: SyncService | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.text = role_label("", "banner")
        layout.addWidget(self.text, 1)
        self.button = big_button()
        self.button.clicked.connect(self.act)
        layout.addWidget(self.button)
        self.hide()

    def refresh(self) -> None:
        """Follow the sync service (it may have started since) and paint its current state."""
        service = self.window_.sync
        if service is not None and service is not self._service:
            service.changed.connect(self.paint)
            self._service = service
        self.paint(service.view if service is not None else None)

    def paint(self, view: SyncView | None) -> None:
        user = self.window_.staff_user
        banner = (Banner() if view is None or user is None
                  else staff_banner(view, coordinator=user.is_coordinator, clock=self.window_.api.clock))
        self.shown_banner = banner
        self.text.setText(banner.text)
        self.button.setText(banner.button)
        self.button.setAccessibleName(banner.button)
        self.button.setVisible(bool(banner.action))
        self.setVisible(bool(banner.text))

    def act(self) -> None:
        action = self.shown_banner.action
        if action == "reconnect":
            self.window_.show_screen("staff-sync").open_enrollment()  # type: ignore[attr-defined]
        elif action == "sync":
            self.window_.show_screen("staff-sync")
