"""Debian's nginx as the load balancer in front of several server processes, run unprivileged-style
on 127.0.0.1 with everything (config, pid, logs, temp files) in one directory.

The config is the shipped one: the `upstream` block of installer/server/nginx/digipunt-server.conf
with its `server` lines pointed at the given ports, and its TLS `server` block listening on a plain
http port instead (the kiosk speaks plain http to 127.0.0.1), with installer/server/nginx/
digipunt-proxy.conf included as it is. Used by the
multi-process reliability trials and by the server_load benchmark.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "installer" / "server" / "nginx" / "digipunt-server.conf"
PROXY = ROOT / "installer" / "server" / "nginx" / "digipunt-proxy.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def missing() -> str | None:
    """Why nginx cannot run here, or None."""
    if not os.access(NGINX, os.X_OK):
        return "nginx is not installed (Debian: apt install nginx)"
    return None


def server_block(port: int) -> str:
    """The shipped TLS `server` block, listening on 127.0.0.1:PORT over plain http instead."""
    blocks = re.findall(r"^server \{.*?^\}", SITE.read_text(), re.M | re.S)
    tls = next(block for block in blocks if "listen 443" in block)
    lines = [line for line in tls.splitlines() if not re.match(r"\s*(listen|ssl_\w+|server_name)\b", line)]
    lines.insert(1, f"    listen 127.0.0.1:{port} backlog=4096;")
    return "\n".join(lines).replace("include snippets/digipunt-proxy.conf;", f"include {PROXY};")


def upstream_block(ports: list[int]) -> str:
    """The shipped upstream, with one `server` line (the shipped parameters) per port."""
    block = re.search(r"^upstream digipunt_server \{.*?^\}", SITE.read_text(), re.M | re.S)
    if block is None:
        raise RuntimeError(f"no `upstream digipunt_server` block in {SITE}")
    lines = block.group(0).splitlines()
    servers = [i for i, line in enumerate(lines) if re.match(r"\s*server \S+:\d+", line)]
    params = re.match(r"\s*server \S+:\d+(.*);", lines[servers[0]]).group(1)  # type: ignore[union-attr]
    ours = [f"    server 127.0.0.1:{port}{params};" for port in ports]
    return "\n".join(lines[:servers[0]] + ours + lines[servers[-1] + 1:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """nginx in the foreground (a child process) on a free 127.0.0.1 port; `url` reaches the upstream."""

    def __init__(self, directory: Path, ports: list[int], *, workers: int = 1):
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = 0
        self.ports, self.workers = ports, workers
        self.popen: subprocess.Popen | None = None

    def _config(self) -> str:
        d = self.dir
        user = "user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""  # workers write temp files here
        temps = "\n".join(f"    {kind}_temp_path {d / kind};"
                           for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return f"""{user}worker_processes {self.workers};
worker_rlimit_nofile 16384;
pid {d / 'nginx.pid'};
error_log {d / 'error.log'} warn;
events {{ worker_connections 8192; }}
http {{
    log_format status '$status';
    access_log {d / 'access.log'} status buffer=4k flush=1s;
{temps}
{upstream_block(self.ports)}
{server_block(self.port)}
}}
"""

    def start(self) -> None:
        for _ in range(10):  # the free port may be taken between choosing and binding it
            self.port = free_port()
            conf = self.dir / "nginx.conf"
            conf.write_text(self._config())
            argv = [NGINX, "-p", str(self.dir), "-e", str(self.dir / "error.log"), "-c", str(conf)]
            check = subprocess.run([*argv, "-t"], capture_output=True, text=True)
            if check.returncode != 0:
                raise RuntimeError(f"nginx rejects the config: {check.stderr}")
            self.popen = subprocess.Popen([*argv, "-g", "daemon off;"],
                                          stdout=subprocess.DEVNULL, stderr=(self.dir / "stderr.log").open("ab"))
            for _ in range(100):
                if self.popen.poll() is not None:
                    break
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            self.stop()
        raise RuntimeError(f"nginx did not start; see {self.dir / 'error.log'}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def statuses(self) -> Counter[str]:
        """HTTP statuses nginx answered so far (the access log is flushed at least every second)."""
        log = self.dir / "access.log"
        return Counter(log.read_text().split()) if log.exists() else Counter()

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGQUIT)  # graceful: the access log is written out
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self.popen = None
