"""What the "staff-sync" screen shows, decided without Qt: `SyncView` is the sync service's state
(kiosk/ui/shared/sync_service.py replaces it as a whole on every change), `sync_panel()` turns it into
`SyncPanel`, the Dutch lines and switches the screen (kiosk/ui/staff/sync_status.py) only paints.
`staff_banner()` decides the line every staff screen shows above its content when the kiosk cannot
sync (revoked, not connected, long offline with records waiting) and what one tap on it does.

Staff screens are Dutch only (tests/test_translations.py), so the texts live here as plain Dutch.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.clock import Clock
from kiosk.core.secrets import INSECURE_WARNING
from kiosk.sync.status import ParkedRecord, SyncStatus

NEEDS_ENROLLMENT = ("unauthorized", "not-enrolled")
PARKED_SHOWN = 20
LONG_OFFLINE = timedelta(hours=24)  # no successful sync for this long while records wait: tell staff

ERROR_TEXTS = {
    "offline": "Geen verbinding met de server. Kijk of het internet werkt (wifi of kabel). De records blijven "
               "veilig op deze computer en gaan later vanzelf mee.",
    "timeout": "De server antwoordt niet op tijd. Digipunt probeert het later opnieuw. De records blijven veilig "
               "op deze computer.",
    "tls": "De beveiligde verbinding met de server is niet in orde (certificaat). Vraag de beheerder om het "
           "serveradres en het certificaat na te kijken.",
    "server": "De server heeft een probleem. Digipunt probeert het later opnieuw. De records blijven veilig op "
              "deze computer.",
    "not-sync-server": "Het netwerk geeft een andere pagina in plaats van de server. Moet je eerst inloggen op de "
                       "wifi? Open dan de browser. Digipunt probeert het later opnieuw.",
    "unauthorized": "Deze computer is niet meer gekoppeld met de server. Vraag de coördinator een nieuwe code en "
                    "koppel opnieuw. Er gaan geen records verloren.",
    "not-enrolled": "Deze computer is nog niet gekoppeld met de centrale server.",
    "rejected": "De server weigert de gegevens. Meld dit aan de beheerder.",
}
OTHER_ERROR = ("Er ging iets mis bij het synchroniseren. Digipunt probeert het later opnieuw. Blijft dit "
               "gebeuren? Meld het aan de beheerder.")
# Why the last attempt failed, in a few words after "Niet gelukt om 14:32: ".
SHORT_REASONS = {
    "offline": "geen verbinding",
    "timeout": "de server antwoordt niet op tijd",
    "tls": "de beveiligde verbinding met de server is niet in orde",
    "server": "de server heeft een probleem",
    "not-sync-server": "het netwerk geeft een andere pagina in plaats van de server",
    "unauthorized": "deze computer is niet meer gekoppeld met de server",
    "not-enrolled": "deze computer is nog niet gekoppeld met de server",
    "rejected": "de server weigert de gegevens",
}


@dataclass(frozen=True)
class SyncResult:
    """How the last attempt ended, for "Gelukt om 14:32: ..." (`result_text`)."""

    at: datetime
    error: str | None = None  # kind of the failure, None: it worked
    help_requests: int = 0  # versions of help requests the server took (new, corrected, cancelled)
    shifts: int = 0


@dataclass(frozen=True)
class SyncView:
    """The sync service's state; replaced as a whole on every change (`SyncService.view`)."""

    status: SyncStatus | None = None  # None until the store was read once
    online: bool | None = None  # None: not tried yet
    error: str | None = None  # kind of the last failure (kiosk.sync.client), None after a success
    clock_offset: timedelta | None = None  # server minus this computer, from the last answer
    clock_skewed: bool = False
    running: bool = False
    progress: tuple[int, int] = (0, 0)
    result: SyncResult | None = None  # the last attempt that finished

    @property
    def needs_enrollment(self) -> bool:
        return self.error in NEEDS_ENROLLMENT


@dataclass(frozen=True)
class SyncPanel:
    """The screen's content. Empty strings are lines not shown; `problems` are the warnings under
    the status (what went wrong, the computer's clock, the secret store), each one line."""

    state: str
    known: bool  # enrolled once: show the facts and the actions; else `not_enrolled`
    waiting: str
    last_success: str
    server: str
    problems: tuple[str, str, str]  # (last error, clock, secret store); "" when fine
    can_sync: bool
    sync_button: str  # "Nu synchroniseren", or that it is busy
    result: str  # how the last attempt ended, with its time; "" before the first
    progress: tuple[int, int] | None  # None: no sync running; (done, 0): running, size unknown
    progress_text: str
    parked_title: str
    parked_lines: tuple[str, ...]  # at most PARKED_SHOWN
    parked_more: str  # "en nog N andere" beyond those, else ""
    not_enrolled: str
    show_enroll_form: bool
    show_reenroll: bool


def error_text(kind: str | None) -> str:
    """What a failure kind means for staff; "" when there is nothing to say."""
    if kind in (None, "not-enrolled"):
        return ""
    return ERROR_TEXTS.get(kind, OTHER_ERROR)


def state_text(view: SyncView) -> str:
    status = view.status
    if status is None or not status.enrolled:
        return "Nog niet gekoppeld met de centrale server"
    if view.running:
        return "Bezig met synchroniseren..."
    if view.needs_enrollment:
        return "Koppel deze computer opnieuw"
    if view.online is None:
        return "Nog niet geprobeerd"
    return "Verbonden met de server" if view.online else "Geen verbinding met de server"


def clock_text(view: SyncView) -> str:
    if not view.clock_skewed or view.clock_offset is None:
        return ""
    seconds = view.clock_offset.total_seconds()
    direction = "voor op" if seconds < 0 else "achter op"
    return (f"De klok van deze computer loopt {round(abs(seconds) / 60)} minuten {direction} de server. Vraag de "
            "beheerder om datum en tijd juist te zetten. De records houden de tijd van deze computer.")


def when_text(moment: datetime | None, clock: Clock) -> str:
    if moment is None:
        return "nog nooit"
    local = clock.local(moment)
    if local.date() == clock.today():
        return f"vandaag om {local.strftime('%H:%M')}"
    return local.strftime("%d/%m/%Y %H:%M")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def result_text(result: SyncResult | None, clock: Clock) -> str:
    """"Gelukt om 14:32: 3 hulpvragen verstuurd." or "Niet gelukt om 14:32: geen verbinding. Digipunt
    probeert het zelf opnieuw." ("" before the first attempt)."""
    if result is None:
        return ""
    at = clock.local(result.at).strftime("%H:%M")
    if result.error is None:
        sent = [_count(n, one, many) for n, one, many in ((result.help_requests, "hulpvraag", "hulpvragen"),
                                                           (result.shifts, "spreekuur", "spreekuren")) if n]
        return f"Gelukt om {at}: " + (" en ".join(sent) + " verstuurd." if sent else "alles was al verstuurd.")
    reason = SHORT_REASONS.get(result.error, "er ging iets mis")
    next_step = ("Koppel deze computer opnieuw." if result.error in NEEDS_ENROLLMENT
                 else "Digipunt probeert het zelf opnieuw.")
    return f"Niet gelukt om {at}: {reason}. {next_step}"


def parked_text(record: ParkedRecord, clock: Clock) -> str:
    kind = "Hulpvraag" if record.kind == "help_request" else "Spreekuur"
    when = clock.local(record.created_at).strftime("%d/%m %H:%M")
    source, _, detail = record.reason.partition(": ")  # "server: <status>: <reason>" or "local: ..."
    status, _, reason = detail.partition(": ")
    if source == "server" and status == "conflict":
        why = "op de server staat al een andere versie van dit record"
    elif source == "server":
        why = f"de server vindt het ongeldig ({reason or detail})"
    else:
        why = f"het is op deze computer beschadigd ({detail})"
    return f"{kind}, {when}: {why}"


def sync_panel(view: SyncView, *, coordinator: bool, enroll_open: bool, clock: Clock) -> SyncPanel:
    """`coordinator`: the logged-in helper may (re)enroll; `enroll_open`: they asked to."""
    status = view.status
    known = status is not None and status.enrolled
    needs = not known or view.needs_enrollment
    progress = view.progress if view.running else None
    sized = progress is not None and progress[1] > 0
    parked = status.parked if status is not None else []
    return SyncPanel(
        state=state_text(view), known=known,
        waiting="-" if status is None else str(status.waiting),
        last_success="-" if status is None else when_text(status.last_success, clock),
        server=(status.server_url if status else None) or "geen",
        problems=(error_text(view.error), clock_text(view),
                  INSECURE_WARNING if status is not None and status.insecure_secrets else ""),
        can_sync=not needs and not view.running,
        sync_button="Bezig met synchroniseren..." if view.running else "Nu synchroniseren",
        result="" if view.running else result_text(view.result, clock),
        progress=progress, progress_text=f"{progress[0]} van {progress[1]}" if progress is not None and sized else "",
        parked_title=f"Geweigerde records ({len(parked)})",
        parked_lines=tuple(parked_text(record, clock) for record in parked[:PARKED_SHOWN]),
        parked_more=f"en nog {len(parked) - PARKED_SHOWN} andere" if len(parked) > PARKED_SHOWN else "",
        not_enrolled="Alle records blijven op deze computer bewaard. Ze gaan mee zodra de computer gekoppeld is."
                     + ("" if coordinator else " Vraag de coördinator om deze computer te koppelen."),
        show_enroll_form=coordinator and (needs or enroll_open),
        show_reenroll=coordinator and not (needs or enroll_open),
    )


@dataclass(frozen=True)
class Banner:
    """The line above every staff screen's content; `text` "" shows none. `action`: what its button
    does, "reconnect" (the enrollment form, coordinators only), "sync" (the Synchronisatie screen)
    or "" (no button); `button` is its label."""

    text: str = ""
    action: str = ""
    button: str = ""


def staff_banner(view: SyncView, *, coordinator: bool, clock: Clock) -> Banner:
    """Shown only on a kiosk that has a server (a sync service): revoked (401), not (yet) connected,
    or no successful sync for LONG_OFFLINE while records wait. A coordinator gets the reconnect in
    one tap; a digihelper is told to ask a coordinator (only a coordinator gets enrollment codes)."""
    status = view.status
    if status is None or view.running:
        return Banner()
    if view.error == "unauthorized" or not status.enrolled:
        what = ("Deze computer is niet meer gekoppeld met de centrale server." if view.error == "unauthorized"
                else "Deze computer is nog niet gekoppeld met de centrale server.")
        safe = " Wat je registreert, blijft hier veilig bewaard en gaat mee zodra de computer gekoppeld is."
        if coordinator:
            return Banner(what + safe + " Koppel hem met een nieuwe koppelcode.", "reconnect", "Opnieuw koppelen")
        return Banner(what + safe + " Vraag een coördinator om deze computer opnieuw te koppelen.")
    last = status.last_success
    if status.waiting and last is not None and clock.now() - last > LONG_OFFLINE:
        waiting = _count(status.waiting, "record wacht", "records wachten")
        return Banner(f"Al sinds {when_text(last, clock)} geen verbinding met de server. {waiting} op deze computer; "
                      "ze blijven veilig bewaard. Kijk of het internet werkt (wifi of kabel). Blijft het zo? Meld "
                      "het aan " + ("de beheerder." if coordinator else "een coördinator."), "sync", "Synchronisatie")
    return Banner()
