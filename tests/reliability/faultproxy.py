"""A fault-injecting HTTP proxy between kiosk and server, for the exactly-once proof.

One request per connection (it rewrites `Connection: close` both ways) so that every request gets
its own, seeded, randomly chosen fault:
    ok            forward and answer normally
    refuse        close the connection at once, nothing forwarded
    drop_before   read the request, close without forwarding
    drop_after    forward, let the server commit, close without answering (lost acknowledgement)
    delay         forward after a pause
    truncate      forward, answer only part of the response, close
    bad_gateway   forward, then answer 502 instead of the server's response
    captive       answer a captive portal's 200 HTML page, nothing forwarded
"""
from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter

FAULTS = ("ok", "refuse", "drop_before", "drop_after", "delay", "truncate", "bad_gateway", "captive")
CAPTIVE_PAGE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: 83\r\n\r\n"
                b"<html><body><h1>Welkom op Gratis WiFi</h1><a href='/login'>Aanmelden</a></body></html>")
BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


async def _read_http_message(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    return head + body


def _force_close(message: bytes) -> bytes:
    head, sep, body = message.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith((b"connection:", b"keep-alive:"))]
    return b"\r\n".join(lines + [b"Connection: close"]) + sep + body


class FaultProxy:
    """Runs on its own event-loop thread. `fault_rate` 0.0 makes it a transparent proxy."""

    def __init__(self, upstream_port: int, *, seed: int, fault_rate: float = 0.5, max_delay: float = 0.5):
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.max_delay = max_delay
        self.counts: Counter[str] = Counter()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _choose(self) -> str:
        if self.rng.random() >= self.fault_rate:
            return "ok"
        return self.rng.choice(FAULTS[1:])

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._server = server
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        fault = self._choose()
        self.counts[fault] += 1
        try:
            if fault == "refuse":
                return
            request = await asyncio.wait_for(_read_http_message(reader), 30)
            if fault == "drop_before":
                return
            if fault == "captive":
                writer.write(CAPTIVE_PAGE)
                await writer.drain()
                return
            if fault == "delay":
                await asyncio.sleep(self.rng.uniform(0, self.max_delay))
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            try:
                up_writer.write(_force_close(request))
                await up_writer.drain()
                response = await asyncio.wait_for(up_reader.read(), 60)
            finally:
                up_writer.close()
            if fault == "drop_after":
                return
            if fault == "bad_gateway":
                writer.write(BAD_GATEWAY)
            elif fault == "truncate":
                writer.write(response[: self.rng.randint(0, max(len(response) - 1, 0))])
            else:
                writer.write(_force_close(response))
            await writer.drain()
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client or the server went away: that is what we are testing
        finally:
            writer.close()

    def close(self) -> None:
        async def stop():
            self._server.close()
            # Connections still being handled end here, not with "Task was destroyed" at exit.
            pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(stop(), self._loop)
        self._thread.join(5)
