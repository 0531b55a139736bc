#!/usr/bin/env bash
# Installs the built kiosk (`make dist`) on a Linux PC for a dedicated kiosk account.
#
#   sudo installer/linux/setup-kiosk-user.sh [--user digipunt] [--data-dir /var/lib/digipunt]
#        [--prefix /opt/digipunt-kiosk] [--dist dist/digipunt-kiosk] [--autostart]
#
#  1. copies the build to PREFIX (owned by root: the kiosk account cannot change the program);
#  2. creates the kiosk account if it does not exist (a normal user, no sudo);
#  3. creates the data directory, owned by the kiosk account, mode 700. On PCs that restore
#     themselves at reboot, give a directory on a persistent partition;
#  4. starts the kiosk in that account's graphical session: the systemd user unit (restarts the
#     kiosk when it exits), or with --autostart an XDG autostart entry (any desktop session);
#  5. on Ubuntu 24.04 and later, allows the built-in browser's sandbox (an AppArmor profile);
#  6. runs the build's --self-check as the kiosk account, on the real data directory.
# Afterwards, turn on automatic login for the account in the display manager (installer/README.md).
set -euo pipefail

KIOSK_USER=digipunt
DATA_DIR=/var/lib/digipunt
PREFIX=/opt/digipunt-kiosk
DIST="$(cd "$(dirname "$0")/../.." && pwd)/dist/digipunt-kiosk"
MODE=unit
HERE="$(cd "$(dirname "$0")" && pwd)"

die() { echo "setup-kiosk-user: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --user) KIOSK_USER="$2"; shift 2 ;;
        --data-dir) DATA_DIR="$2"; shift 2 ;;
        --prefix) PREFIX="$2"; shift 2 ;;
        --dist) DIST="$2"; shift 2 ;;
        --autostart) MODE=autostart; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

[ "$(id -u)" -eq 0 ] || die "run this as root (sudo)"
[ -x "$DIST/digipunt-kiosk" ] || die "no built kiosk in $DIST: run 'make dist' first, or give --dist"
for path in "$DATA_DIR" "$PREFIX"; do
    # The paths go into a systemd unit and a .desktop file unquoted.
    [[ "$path" == /* && "$path" != *[[:space:]\|\&\\]* ]] || die "$path: give an absolute path without spaces"
done

echo "1. program -> $PREFIX"
rm -rf "$PREFIX.new"
cp -a "$DIST" "$PREFIX.new"
chown -R root:root "$PREFIX.new"
chmod -R go-w "$PREFIX.new"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"

echo "2. account $KIOSK_USER"
if ! id -u "$KIOSK_USER" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash --comment "Digipunt kiosk" "$KIOSK_USER"
fi
HOME_DIR="$(getent passwd "$KIOSK_USER" | cut -d: -f6)"
GROUP="$(id -gn "$KIOSK_USER")"

echo "3. data directory $DATA_DIR"
mkdir -p "$DATA_DIR"
chown "$KIOSK_USER:$GROUP" "$DATA_DIR"
chmod 700 "$DATA_DIR"

fill_in() { sed -e "s|/opt/digipunt-kiosk|$PREFIX|g" -e "s|/var/lib/digipunt|$DATA_DIR|g" "$1"; }
as_user_install() {  # as_user_install SOURCE TARGET: a file in the account's home, owned by it
    runuser -u "$KIOSK_USER" -- mkdir -p "$(dirname "$2")"
    fill_in "$1" > "$2"
    chown "$KIOSK_USER:$GROUP" "$2"
    chmod 644 "$2"
}
UNIT="$HOME_DIR/.config/systemd/user/digipunt-kiosk.service"
WANTS="$HOME_DIR/.config/systemd/user/graphical-session.target.wants/digipunt-kiosk.service"
AUTOSTART="$HOME_DIR/.config/autostart/digipunt-kiosk.desktop"
# Exactly one of the two, or the kiosk would start twice.
rm -f "$UNIT" "$WANTS" "$AUTOSTART"
if [ "$MODE" = unit ]; then
    echo "4. systemd user unit $UNIT"
    as_user_install "$HERE/digipunt-kiosk.service" "$UNIT"
    # What `systemctl --user enable` does, without needing the account's user manager running now.
    runuser -u "$KIOSK_USER" -- mkdir -p "$(dirname "$WANTS")"
    runuser -u "$KIOSK_USER" -- ln -s ../digipunt-kiosk.service "$WANTS"
else
    echo "4. autostart entry $AUTOSTART"
    as_user_install "$HERE/digipunt-kiosk.desktop" "$AUTOSTART"
fi

if [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null || echo 0)" = 1 ]; then
    echo "5. AppArmor: allow user namespaces for the browser's sandbox"
    cat > /etc/apparmor.d/digipunt-kiosk <<EOF
# Chromium (QtWebEngine) builds its sandbox with user namespaces, which Ubuntu 24.04+ only allows
# to profiled programs. Written by installer/linux/setup-kiosk-user.sh.
abi <abi/4.0>,
include <tunables/global>

profile digipunt-kiosk $PREFIX/digipunt-kiosk flags=(unconfined) {
  userns,
}
profile digipunt-kiosk-webengine $PREFIX/_internal/PySide6/Qt/libexec/QtWebEngineProcess flags=(unconfined) {
  userns,
}
EOF
    apparmor_parser -r /etc/apparmor.d/digipunt-kiosk
else
    echo "5. AppArmor: nothing to do"
fi

echo "6. self-check as $KIOSK_USER"
runuser -u "$KIOSK_USER" -- env QT_QPA_PLATFORM=offscreen "DIGIPUNT_DATA_DIR=$DATA_DIR" "$PREFIX/digipunt-kiosk" \
    --self-check || die "the self-check failed: see the message above and $DATA_DIR/digipunt.log"

cat <<EOF

Done. Last step: let the PC log in as '$KIOSK_USER' automatically, e.g.
  LightDM: /etc/lightdm/lightdm.conf, section [Seat:*]: autologin-user=$KIOSK_USER
  GDM:     /etc/gdm3/custom.conf, section [daemon]: AutomaticLoginEnable=true and AutomaticLogin=$KIOSK_USER
Then reboot. Staff leave the kiosk through its staff menu, or log in on another console.
EOF
