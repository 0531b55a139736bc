#!/bin/sh
# Restart the Digipunt server processes one at a time; each must answer /healthz before the next
# one goes, so nginx always has processes to send kiosks to. Stops at the first that does not come
# back. Usage: rolling-restart.sh [PORT ...]   (default: every running digipunt-server@PORT)
set -eu
ports=${*:-$(systemctl list-units --plain --no-legend --state=running 'digipunt-server@*.service' \
             | sed -n 's/^digipunt-server@\([0-9]*\)\.service.*/\1/p')}
[ -n "$ports" ] || { echo "rolling-restart: no digipunt-server@PORT unit is running" >&2; exit 1; }
for port in $ports; do
    systemctl restart "digipunt-server@$port.service"
    tries=0
    until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -ge 60 ]; then
            echo "rolling-restart: digipunt-server@$port is not healthy after 60 s; the others keep running," \
                 "see journalctl -u digipunt-server@$port" >&2
            exit 1
        fi
        sleep 1
    done
    echo "digipunt-server@$port: healthy"
done
