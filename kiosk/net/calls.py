"""Help calls between the kiosks of one location, over the local network, without internet.

Discovery: each kiosk announces `_digipunt-calls._tcp` over mDNS/DNS-SD (python-zeroconf) with a
`tag` derived from the location's key, and browses for the others; only kiosks with the same tag
are peers. The digibus's own Wi-Fi has no uplink: nothing here needs a server or DNS.

Messages: a small JSON body POSTed to a peer's `/v1/calls` (HTTP on a random port), one per event:
a call made, taken or withdrawn, with the guide, the step and the kiosk's name, never who the
visitor is. Every body carries a time stamp and a random nonce and is authenticated with
HMAC-SHA256 under the location's key (header `X-Digipunt-Mac`); a receiver refuses a wrong MAC
(403), a time stamp more than MAX_SKEW_S away, and a nonce it has seen (replay). Its answer, also
authenticated and naming the request's nonce, says whether a helper shift is open there: that is
how the calling kiosk knows whether someone was reached.

Qt-free, and every import is at module level: these threads run beside Qt (ARCHITECTURE.md). The
sending methods block (up to TIMEOUT_S per peer): the UI calls them on a worker.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from queue import Queue
from typing import Literal

import ifaddr
from zeroconf import InterfaceChoice, IPVersion, ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf

log = logging.getLogger(__name__)

SERVICE_TYPE = "_digipunt-calls._tcp.local."
PATH = "/v1/calls"
MAC_HEADER = "X-Digipunt-Mac"
MAX_SKEW_S = 60.0  # kiosks of one location keep their clocks within a minute (OS time sync)
MAX_BODY = 4096
TIMEOUT_S = 2.0
RESOLVE_TIMEOUT_MS = 3000

Kind = Literal["made", "taken", "withdrawn"]


@dataclass(frozen=True)
class CallMessage:
    kind: Kind
    call_id: str
    kiosk_name: str  # the kiosk where the visitor sits
    created_at: str  # ISO 8601, when the call was made
    walkthrough_id: str | None = None
    step_index: int | None = None
    language: str | None = None  # the visitor's screen language (a code such as "tr")


@dataclass(frozen=True)
class Peer:
    name: str  # the mDNS service name
    kiosk_name: str
    address: str
    port: int


def mac(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def location_tag(key: bytes) -> str:
    """What the kiosks of a location announce to find each other; reveals nothing of the key."""
    return hmac.new(key, b"digipunt-calls-tag", hashlib.sha256).hexdigest()[:16]


def seal(key: bytes, payload: dict[str, object]) -> tuple[bytes, str]:
    """(body, its MAC) for a payload, with a fresh time stamp and nonce."""
    body = json.dumps({**payload, "ts": time.time(), "nonce": secrets.token_hex(16)}, sort_keys=True).encode()
    return body, mac(key, body)


class Replay:
    """Nonces seen in the last 2 * MAX_SKEW_S: a captured message cannot be played again."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def fresh(self, nonce: str, ts: float, now: float) -> bool:
        if abs(now - ts) > MAX_SKEW_S:
            return False
        with self._lock:
            self._seen = {n: t for n, t in self._seen.items() if now - t <= 2 * MAX_SKEW_S}
            if nonce in self._seen:
                return False
            self._seen[nonce] = now
            return True


def open_message(key: bytes, body: bytes, received_mac: str, replay: Replay) -> tuple[CallMessage, str] | None:
    """(the message, its nonce), or None when the MAC, the time stamp, the nonce or the form is wrong."""
    if not hmac.compare_digest(mac(key, body), received_mac):
        return None
    try:
        data = json.loads(body)
        nonce, ts = str(data.pop("nonce")), float(data.pop("ts"))
        message = CallMessage(**data)
    except (ValueError, TypeError, KeyError):
        return None
    if message.kind not in ("made", "taken", "withdrawn") or not replay.fresh(nonce, ts, time.time()):
        return None
    return message, nonce


class _Handler(BaseHTTPRequestHandler):
    server: _CallServer

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length") or 0)
        if self.path != PATH or not 0 < length <= MAX_BODY:
            self._answer(400, b"")
            return
        link = self.server.link
        opened = open_message(link.key, self.rfile.read(length), self.headers.get(MAC_HEADER, ""), link.replay)
        if opened is None:
            log.warning("refused a help-call message from %s (wrong key, old or replayed)", self.client_address[0])
            self._answer(403, b"")
            return
        message, nonce = opened
        link.on_message(message)
        body, body_mac = seal(link.key, {"on_duty": link.on_duty(), "reply_to": nonce})
        self._answer(200, body, body_mac)

    def _answer(self, status: int, body: bytes, body_mac: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if body_mac:
            self.send_header(MAC_HEADER, body_mac)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
        pass  # the access log would say nothing useful; refusals are logged above


class _CallServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], link: CallLink):
        self.link = link
        super().__init__(address, _Handler)


class _Listener(ServiceListener):
    """zeroconf's callbacks run on its event loop, where resolving must not block: queue the names."""

    def __init__(self, names: Queue[tuple[str, bool]]):
        self._names = names

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self._names.put((name, True))

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self._names.put((name, True))

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self._names.put((name, False))


def local_addresses(interface: str | None) -> list[str]:
    """The IPv4 addresses to announce: the one interface asked for, else every non-loopback one."""
    if interface:
        return [interface]
    found = [str(ip.ip) for adapter in ifaddr.get_adapters() for ip in adapter.ips
             if ip.is_IPv4 and not str(ip.ip).startswith("127.")]
    return found or ["127.0.0.1"]


class CallLink:
    """This kiosk's end of the exchange. `on_message` runs on a server thread for every accepted
    message; `on_peer` on the resolver thread when a kiosk of the location appears (to tell it the
    calls it missed); `on_duty()` answers whether a helper shift is open here (keep it cheap)."""

    def __init__(self, key: bytes, kiosk_name: str, *, on_message: Callable[[CallMessage], None],
                 on_duty: Callable[[], bool], on_peer: Callable[[Peer], None] = lambda peer: None,
                 interface: str | None = None):
        self.key, self.kiosk_name = key, kiosk_name
        self.on_message, self.on_duty, self.on_peer = on_message, on_duty, on_peer
        self.interface = interface or None
        self.tag = location_tag(key)
        self.replay = Replay()
        self.name = f"digipunt-{secrets.token_hex(6)}.{SERVICE_TYPE}"
        self._peers: dict[str, Peer] = {}
        self._lock = threading.Lock()
        self._names: Queue[tuple[str, bool]] = Queue()
        self._server: _CallServer | None = None
        self._zc: Zeroconf | None = None
        self._browser: ServiceBrowser | None = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the LAN, never a proxy

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else 0

    def start(self) -> None:
        """Listen, announce and browse. Blocks for a moment (sockets, the mDNS announcement)."""
        self._server = _CallServer((self.interface or "", 0), self)
        threading.Thread(target=self._server.serve_forever, name="calls-http", daemon=True).start()
        threading.Thread(target=self._resolve_loop, name="calls-resolve", daemon=True).start()
        if self.interface:
            self._zc = Zeroconf(interfaces=[self.interface], ip_version=IPVersion.V4Only)
        else:
            self._zc = Zeroconf(interfaces=InterfaceChoice.All, ip_version=IPVersion.V4Only)
        info = ServiceInfo(SERVICE_TYPE, self.name, port=self.port,
                           addresses=[socket.inet_aton(a) for a in local_addresses(self.interface)],
                           properties={"tag": self.tag, "name": self.kiosk_name})
        self._zc.register_service(info)
        self._browser = ServiceBrowser(self._zc, SERVICE_TYPE, _Listener(self._names))
        log.info("help calls: listening on port %d, announced as %s", self.port, self.name)

    def close(self) -> None:
        self._names.put(("", False))  # ends the resolver
        if self._browser is not None:
            self._browser.cancel()
        if self._zc is not None:
            self._zc.close()  # unregisters the service: the others forget this kiosk
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def peers(self) -> list[Peer]:
        with self._lock:
            return list(self._peers.values())

    def _resolve_loop(self) -> None:
        while True:
            name, present = self._names.get()
            if not name:
                return
            if name == self.name:
                continue
            peer = self._resolve(name) if present else None
            with self._lock:
                known = self._peers.pop(name, None)
                if peer is not None:
                    self._peers[name] = peer
            if peer is not None and known != peer:
                log.info("help calls: kiosk %s (%s:%d) joined", peer.kiosk_name, peer.address, peer.port)
                self.on_peer(peer)

    def _resolve(self, name: str) -> Peer | None:
        zc = self._zc
        info = zc.get_service_info(SERVICE_TYPE, name, timeout=RESOLVE_TIMEOUT_MS) if zc else None
        if info is None or info.port is None:
            return None
        props = {k.decode(): (v or b"").decode("utf-8", "replace") for k, v in info.properties.items()}
        addresses = info.parsed_addresses(IPVersion.V4Only)
        if props.get("tag") != self.tag or not addresses:
            return None  # another location's kiosk
        return Peer(name, props.get("name", ""), addresses[0], info.port)

    def send(self, message: CallMessage, peers: list[Peer] | None = None) -> list[bool]:
        """Tell every peer (or those given); returns, per peer that accepted the message, whether a
        helper shift is open there. Peers that do not answer are skipped (they get the open calls
        again when they come back)."""
        answers = []
        for peer in self.peers() if peers is None else peers:
            answer = self._post(peer, message)
            if answer is not None:
                answers.append(answer)
        return answers

    def _post(self, peer: Peer, message: CallMessage) -> bool | None:
        body, body_mac = seal(self.key, asdict(message))
        nonce = json.loads(body)["nonce"]
        request = urllib.request.Request(f"http://{peer.address}:{peer.port}{PATH}", data=body, method="POST",
                                         headers={"Content-Type": "application/json", MAC_HEADER: body_mac})
        try:
            with self._opener.open(request, timeout=TIMEOUT_S) as response:
                reply, reply_mac = response.read(MAX_BODY), response.headers.get(MAC_HEADER, "")
        except (OSError, urllib.error.URLError) as exc:
            log.info("help calls: %s did not take the message (%s)", peer.kiosk_name, type(exc).__name__)
            return None
        try:
            data = json.loads(reply)
        except ValueError:
            return None
        if not hmac.compare_digest(mac(self.key, reply), reply_mac) or data.get("reply_to") != nonce:
            return None  # not our location's kiosk answering this message
        return bool(data.get("on_duty"))
