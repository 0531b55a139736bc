#!/usr/bin/env bash
# Installs (or upgrades in place) the built kiosk (`make dist`) on a Linux PC as a single-app
# session: the kiosk alone in the cage Wayland compositor on tty1, for a dedicated account.
#
#   sudo installer/linux/setup-kiosk-user.sh [--user digipunt] [--data-dir /var/lib/digipunt]
#        [--prefix /opt/digipunt-kiosk] [--dist dist/digipunt-kiosk] [--secret-file]
#        [--root DIR] [--no-start]
#
#  1. stops a running kiosk (the unit, then any process still running from PREFIX: SIGTERM, which
#     the kiosk answers by leaving its event loop; its outbox is durable), copies the build to
#     PREFIX (root-owned);
#  2. creates the kiosk account if needed: no login shell (/usr/sbin/nologin), no password, no sudo;
#  3. creates the data directory (owned by the account, mode 700); an existing one is kept as it is
#     (it holds unsynced records) and must already belong to the account;
#  4. installs the system unit digipunt-kiosk.service (cage on tty1, started at boot, restarted
#     whenever it exits, never giving up) and its PAM service;
#  5. on Ubuntu 24.04 and later, allows the built-in browser's sandbox (an AppArmor profile);
#  6. secrets: the OS keyring by default; --secret-file allows the documented file fallback;
#  7. runs the build's --self-check as the kiosk account on the real data directory, then starts
#     the kiosk (the database is migrated at that first start).
# --root DIR puts PREFIX, the data directory and every system file under DIR and starts nothing
# (a throwaway root for tests and image builds); the account is still made on this system.
# Everything written is root-owned and read-only for the kiosk account; no path that the account
# controls is followed, and dangerous prefixes and data directories are refused.
set -euo pipefail
umask 022

KIOSK_USER=digipunt
DATA_DIR=/var/lib/digipunt
PREFIX=/opt/digipunt-kiosk
DIST="$(cd "$(dirname "$0")/../.." && pwd)/dist/digipunt-kiosk"
ROOT=""
SECRET_FILE=no
START=yes
HERE="$(cd "$(dirname "$0")" && pwd)"
UNIT_NAME=digipunt-kiosk.service
MARKER=.digipunt-kiosk-install  # only a directory with this marker is ever replaced

die() { echo "setup-kiosk-user: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --user) KIOSK_USER="$2"; shift 2 ;;
        --data-dir) DATA_DIR="$2"; shift 2 ;;
        --prefix) PREFIX="$2"; shift 2 ;;
        --dist) DIST="$2"; shift 2 ;;
        --root) ROOT="$2"; START=no; shift 2 ;;
        --secret-file) SECRET_FILE=yes; shift ;;
        --no-start) START=no; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

[ "$(id -u)" -eq 0 ] || die "run this as root (sudo)"
[[ "$KIOSK_USER" =~ ^[a-z_][a-z0-9_-]{0,30}$ && "$KIOSK_USER" != root ]] || die "$KIOSK_USER: not a usable account name"
[ -x "$DIST/digipunt-kiosk" ] || die "no built kiosk in $DIST: run 'make dist' first, or give --dist"

# Directories that are never a prefix or data directory, nor the home of any account.
FORBIDDEN="/ /bin /boot /dev /etc /home /lib /lib32 /lib64 /libx32 /media /mnt /opt /proc /root /run /sbin /srv
/sys /tmp /usr /usr/bin /usr/lib /usr/local /usr/local/bin /usr/sbin /usr/share /var /var/lib /var/log /var/tmp"
check_path() {  # check_path WHAT PATH: absolute, plain, not a system or home directory
    local what="$1" path="$2" home
    [[ "$path" == /* ]] || die "$what $path: give an absolute path"
    [[ "$path" != *[[:space:]\|\&\\\'\"\$\`@]* ]] || die "$what $path: no spaces or special characters"
    [[ "/$path/" != *"/../"* && "/$path/" != *"/./"* && "$path" != *//* && "$path" != */ ]] \
        || die "$what $path: no '..', '.', '//' or trailing '/'"
    for home in $FORBIDDEN; do
        [ "$path" != "$home" ] || die "$what $path: refusing a system directory"
    done
    while IFS=: read -r _ _ _ _ _ home _; do
        [ "$path" != "$home" ] || die "$what $path: refusing the home directory of an account"
    done < <(getent passwd)
}
check_path prefix "$PREFIX"
check_path "data directory" "$DATA_DIR"
case "$DATA_DIR/" in "$PREFIX"/*) die "the data directory cannot be inside the prefix" ;; esac
case "$PREFIX/" in "$DATA_DIR"/*) die "the prefix cannot be inside the data directory" ;; esac
if [ -n "$ROOT" ]; then
    check_path root "$ROOT"
    [ -d "$ROOT" ] && [ ! -L "$ROOT" ] || die "--root $ROOT: not a directory"
fi

safe_parents() {  # safe_parents PATH: every existing ancestor is a real, root-owned directory
    local path="$1" dir="" part mode # that only root can write, so nobody can swap in a symlink
    IFS=/ read -ra parts <<< "${path#/}"
    for part in "${parts[@]:0:${#parts[@]}-1}"; do
        dir="$dir/$part"
        [ -e "$dir" ] || [ -L "$dir" ] || return 0
        [ ! -L "$dir" ] || die "$dir is a symbolic link: refusing to write through it"
        [ -d "$dir" ] || die "$dir is not a directory"
        [ "$(stat -c %u "$dir")" = 0 ] || die "$dir is not owned by root: refusing to write below it"
        # Writable by others only with the sticky bit (/tmp): nobody else can then replace its entries.
        mode="0$(stat -c %a "$dir")"
        [ $(( mode & 022 )) = 0 ] || [ $(( mode & 01000 )) != 0 ] \
            || die "$dir is writable by others than root: refusing to write below it"
    done
}
root_dir() {  # root_dir DIR: a root-owned directory, made along with its parents
    safe_parents "$1/x"
    [ ! -L "$1" ] || die "$1 is a symbolic link: refusing to write through it"
    install -d -o root -g root -m 0755 "$1"
}
root_file() {  # root_file MODE SOURCE TARGET: a root-owned file in a root-owned directory
    root_dir "$(dirname "$3")"
    rm -f "$3"  # a symlink or hard link in its place is replaced, never followed
    install -o root -g root -m "$1" "$2" "$3"
}

P="$ROOT$PREFIX"
D="$ROOT$DATA_DIR"
SYSTEMD="$ROOT/etc/systemd/system"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

programs_in() {  # programs_in DIR [NAME]: pids of the processes running a program from DIR
    local exe target pid
    for exe in /proc/[0-9]*/exe; do
        target="$(readlink "$exe" 2>/dev/null)" || continue
        pid="${exe#/proc/}"
        case "$target" in "$1/${2:-}"*) echo "${pid%/exe}" ;; esac
    done
}
stop_programs_in() {  # stop_programs_in DIR: a kiosk still running from DIR (started by hand, or by
    # the unit of a --root install) gets SIGTERM and 15 s to make its last push and close its store,
    # then whatever runs from DIR is killed; its outbox is durable, so nothing is lost either way.
    local pids waited=0
    pids="$(programs_in "$1" digipunt-kiosk)"
    [ -n "$pids" ] || return 0
    echo "   stopping the kiosk that runs from $1 (its unsynced records stay in its outbox)"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    while [ -n "$(programs_in "$1")" ] && [ $waited -lt 30 ]; do sleep 0.5; waited=$((waited + 1)); done
    pids="$(programs_in "$1")"
    # shellcheck disable=SC2086
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
}

echo "1. program -> $P"
if [ "$START" = yes ] && systemctl is-active --quiet "$UNIT_NAME" 2>/dev/null; then
    echo "   stopping the running kiosk (its unsynced records stay in its outbox)"
    systemctl stop "$UNIT_NAME"
fi
[ ! -d "$P" ] || stop_programs_in "$P"
root_dir "$(dirname "$P")"
if [ -e "$P" ] || [ -L "$P" ]; then
    [ ! -L "$P" ] && [ -d "$P" ] || die "$P exists and is not a directory: refusing to replace it"
    [ -f "$P/$MARKER" ] || [ -z "$(ls -A "$P")" ] \
        || die "$P is not empty and not an earlier Digipunt install: refusing to replace it"
fi
rm -rf "$P.new"
cp -a --no-preserve=ownership "$DIST" "$P.new"
chown -R root:root "$P.new"
chmod -R go-w "$P.new"
echo "Digipunt kiosk, installed by installer/linux/setup-kiosk-user.sh" > "$P.new/$MARKER"
rm -rf "$P.old"
if [ -e "$P" ]; then mv "$P" "$P.old"; fi
mv "$P.new" "$P"
rm -rf "$P.old"

echo "2. account $KIOSK_USER"
if ! id -u "$KIOSK_USER" >/dev/null 2>&1; then
    useradd --system --create-home --home-dir "/var/lib/$KIOSK_USER-home" --shell /usr/sbin/nologin \
        --comment "Digipunt kiosk" "$KIOSK_USER"
else
    usermod --shell /usr/sbin/nologin "$KIOSK_USER"  # no shell, also for an account made earlier
fi
[ "$(id -u "$KIOSK_USER")" != 0 ] || die "$KIOSK_USER has uid 0"
GROUP="$(id -gn "$KIOSK_USER")"
KIOSK_UID="$(id -u "$KIOSK_USER")"
# Leftovers of the earlier desktop-session setup, removed as the account (its home is its own).
HOME_DIR="$(getent passwd "$KIOSK_USER" | cut -d: -f6)"
runuser -u "$KIOSK_USER" -- rm -f "$HOME_DIR/.config/systemd/user/$UNIT_NAME" \
    "$HOME_DIR/.config/systemd/user/graphical-session.target.wants/$UNIT_NAME" \
    "$HOME_DIR/.config/autostart/digipunt-kiosk.desktop" 2>/dev/null || true

echo "3. data directory $D"
root_dir "$(dirname "$D")"
if [ -e "$D" ] || [ -L "$D" ]; then
    [ ! -L "$D" ] && [ -d "$D" ] || die "$D exists and is not a directory"
    owner="$(stat -c %u "$D")"
    if [ "$owner" != "$KIOSK_UID" ]; then
        [ "$owner" = 0 ] && [ -z "$(ls -A "$D")" ] \
            || die "$D already exists and does not belong to $KIOSK_USER: give a new or an empty directory"
        chown "$KIOSK_USER:$GROUP" "$D"
    fi
else
    install -d -o "$KIOSK_USER" -g "$GROUP" -m 0700 "$D"
fi
chmod 0700 "$D"  # the account's own directory: chmod does not follow a symlink named $D (checked)

echo "4. session: $SYSTEMD/$UNIT_NAME (cage on tty1)"
sed -e "s|@USER@|$KIOSK_USER|g" -e "s|@PREFIX@|$PREFIX|g" -e "s|@DATA_DIR@|$DATA_DIR|g" \
    "$HERE/digipunt-kiosk.service" > "$WORK/unit"
root_file 0644 "$WORK/unit" "$SYSTEMD/$UNIT_NAME"
# A logind session for the unit's account (seat access for cage); no password is asked.
cat > "$WORK/pam" <<'EOF'
# Written by installer/linux/setup-kiosk-user.sh for digipunt-kiosk.service.
auth     required pam_permit.so
account  include  common-account
session  include  common-session
EOF
root_file 0644 "$WORK/pam" "$ROOT/etc/pam.d/digipunt-kiosk"
root_dir "$SYSTEMD/graphical.target.wants"
ln -sfn "../$UNIT_NAME" "$SYSTEMD/graphical.target.wants/$UNIT_NAME"  # = systemctl enable

if [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null || echo 0)" = 1 ]; then
    echo "5. AppArmor: allow user namespaces for the browser's sandbox"
    cat > "$WORK/apparmor" <<EOF
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
    root_file 0644 "$WORK/apparmor" "$ROOT/etc/apparmor.d/digipunt-kiosk"
    [ -n "$ROOT" ] || apparmor_parser -r /etc/apparmor.d/digipunt-kiosk
else
    echo "5. AppArmor: nothing to do"
fi

if [ "$SECRET_FILE" = yes ]; then
    echo "6. secrets: the file fallback (secrets.json in the data directory, mode 600)"
    # Written as the account, in its own directory: nothing it controls is followed as root.
    if ! runuser -u "$KIOSK_USER" -- test -e "$D/settings.json"; then
        echo '{"allow_secret_file": true}' | runuser -u "$KIOSK_USER" -- sh -c 'umask 077; cat > "$1"' _ "$D/settings.json"
    else
        runuser -u "$KIOSK_USER" -- sed -i 's/"allow_secret_file": false/"allow_secret_file": true/' "$D/settings.json"
    fi
else
    echo "6. secrets: the OS keyring (the self-check below says whether this session has one)"
fi

echo "7. self-check as $KIOSK_USER"
runuser -u "$KIOSK_USER" -- env -u QTWEBENGINE_CHROMIUM_FLAGS -u XDG_RUNTIME_DIR "HOME=$HOME_DIR" \
    QT_QPA_PLATFORM=offscreen "DIGIPUNT_DATA_DIR=$D" \
    "$P/digipunt-kiosk" --self-check --self-check-log "$D/self-check.json" > /dev/null 2> "$WORK/self-check.err" \
    || { tail -20 "$WORK/self-check.err" >&2; die "the self-check failed: see $D/self-check.json and $D/digipunt.log"; }
cat "$D/self-check.json"
if [ "$START" = yes ]; then
    systemctl daemon-reload
    systemctl restart "$UNIT_NAME"
    echo "The kiosk runs on tty1 (systemctl status $UNIT_NAME); it starts there at every boot."
else
    echo "Installed under ${ROOT:-/}; nothing started."
fi
