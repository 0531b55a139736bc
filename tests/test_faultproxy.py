"""The fault proxy itself: transparent when healthy, and each fault looks like it should."""
from __future__ import annotations

import http.server
import threading

import pytest
import requests

from tests.reliability.faultproxy import FAULTS, FaultProxy


class _Echo(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).hits += 1
        reply = b'{"echo": ' + body + b"}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def upstream():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Echo.hits = 0
    yield server.server_address[1]
    server.shutdown()


def test_healthy_proxy_is_transparent_across_reused_sessions(upstream):
    proxy = FaultProxy(upstream, seed=1, fault_rate=0.0)
    with requests.Session() as session:
        for i in range(5):
            reply = session.post(f"http://127.0.0.1:{proxy.port}/x", data=str(i), timeout=5)
            assert reply.json() == {"echo": i}
    assert _Echo.hits == 5 and proxy.counts["ok"] == 5
    proxy.close()


def test_every_fault_happens_and_the_server_sees_only_forwarded_requests(upstream):
    proxy = FaultProxy(upstream, seed=7, fault_rate=1.0, max_delay=0.05)
    outcomes = []
    for i in range(80):
        try:
            reply = requests.post(f"http://127.0.0.1:{proxy.port}/x", data=str(i), timeout=5)
            outcomes.append((reply.status_code, reply.headers.get("Content-Type")))
        except requests.RequestException:
            outcomes.append("error")
    proxy.close()
    assert set(proxy.counts) == set(FAULTS) - {"ok"}
    forwarded = sum(proxy.counts[f] for f in ("drop_after", "delay", "truncate", "bad_gateway"))
    assert _Echo.hits == forwarded
    assert (200, "text/html") in outcomes and (502, None) in outcomes and "error" in outcomes
