"""`digipunt-server`: run the central server and administer it. Every command works on the database
named by --database-url, else DATABASE_URL, else the embedded SQLite file; migrations are applied
first (under a lock), so a fresh database is ready after any command. Production migrates once with
`migrate` and starts `serve --no-migrate`, which refuses an out-of-date schema. Processes keep no
state of their own (console sessions and rate limits are in the database): several `serve`
processes, or `serve --workers N`, share one PostgreSQL database behind a load balancer
(installer/server/)."""
from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import LOCATION_KINDS, ROLES
from sync.server.admin import (
    AdminError,
    add_helper,
    create_enroll_code,
    create_setup_code,
    ensure_location,
    remove_helper,
    remove_topic,
    rename_device,
    revoke_device,
    set_setting,
    set_topic,
    unset_setting,
)
from sync.server.db import default_database_url, make_server_engine, migrate, pending_migrations, utcnow
from sync.server.export import ZONE
from sync.server.kiosk_status import kiosk_table
from sync.server.models import Device, Location, Topic
from sync.version import __version__


def _at_least_one(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, not {text!r}")
    return int(text)


def _serve(args: argparse.Namespace, engine: Engine) -> int:
    import uvicorn

    from sync.server.app import DEFAULT_THREADS, ContactPurge, create_app, settle_heap

    # Bind first so that --port 0 can report the port the OS chose (tests and scripts read it).
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on connections whose socket
    # says it is TCP. Without it every request on a kept-alive connection waits ~40 ms for the
    # client's delayed ACK (bench/README.md, server_load).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(2048)
    port = sock.getsockname()[1]
    ContactPurge(engine, sessionmaker(engine)).run_if_due()  # the retention, at start-up (lending.py)
    # X-Forwarded-For/-Proto count only from these peers (the load balancer): the rate limits on
    # enrollment codes and console passwords key on the client address, which anyone else could forge.
    trusted = args.forwarded_allow_ips or os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
    options = dict(log_level=args.log_level, proxy_headers=True, forwarded_allow_ips=trusted,
                   timeout_graceful_shutdown=10)
    print(f"digipunt-server: listening on http://{args.host}:{port}", flush=True)  # scripts read the port
    if args.workers == 1:
        app = create_app(engine=engine, content_key=args.content_key, threads=args.threads or DEFAULT_THREADS)
        settle_heap()
        uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
        return 0
    from uvicorn.supervisors import Multiprocess

    # Each worker is a fresh (spawned) interpreter that builds its own app and connection pool from
    # DATABASE_URL; the supervisor restarts a worker that dies, and SIGHUP replaces them one by one.
    engine.dispose()
    os.environ["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    os.environ["DIGIPUNT_CONTENT_KEY"] = str(args.content_key)
    os.environ["DIGIPUNT_SERVER_THREADS"] = str(args.threads or DEFAULT_THREADS)
    # A spawned worker imports FastAPI and SQLAlchemy before it answers the supervisor's ping: on a
    # busy old machine that took longer than uvicorn's 5 s, and healthy workers were killed in a loop.
    config = uvicorn.Config("sync.server.app:app_from_environment", factory=True, workers=args.workers,
                            timeout_worker_healthcheck=30, **options)
    Multiprocess(config, sockets=[sock]).run()
    return 0


def _migrate(args: argparse.Namespace, session: Session) -> str:
    """Nothing left to do here: main() applied the migrations before any command."""
    revision = session.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return f"the database is up to date (migration {revision})"


def _enroll_code(args: argparse.Namespace, session: Session) -> str:
    location, created = ensure_location(session, args.location, args.kind)
    code, expires = create_enroll_code(session, location)
    new = f"new location: {location.name} ({location.kind}), id {location.id}\n" if created else ""
    return (f"{new}enrollment code for {location.name}: {code}\n"
            f"single use, valid until {_local(expires)}")


def _add_helper(args: argparse.Namespace, session: Session) -> str:
    location_ids = []
    for name in args.location:
        location = session.scalar(select(Location).where(Location.name == name.strip()))
        if location is None:
            raise AdminError(f"no location called {name!r}; see `digipunt-server locations`")
        location_ids.append(location.id)
    where = ", ".join(args.location) if args.location else "every location"
    if args.setup_code:
        helper = add_helper(session, args.name, args.role, None, location_ids)
        code, expires = create_setup_code(session, helper)
        return (f"helper {helper.display_name} ({helper.role}) at {where}, id {helper.id}\n"
                f"set-up code: {code} (single use, valid until {_local(expires)}); the helper types it on a kiosk "
                f"of their location (staff login, \"Ik heb een instelcode\") and chooses a PIN")
    if args.pin_from_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("PIN (at least 6 digits): ")
        if getpass.getpass("PIN again: ") != pin:
            raise AdminError("the two PINs differ")
    helper = add_helper(session, args.name, args.role, pin, location_ids)
    return f"helper {helper.display_name} ({helper.role}) at {where}, id {helper.id}"


def _create_admin(args: argparse.Namespace, session: Session) -> str:
    """The first console account (or another city admin), from the server's shell."""
    from sync.server.console.auth import ConsoleError, audit, create_user

    if args.password_from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (at least 10 characters): ")
        if getpass.getpass("Password again: ") != password:
            raise AdminError("the two passwords differ")
    try:
        user = create_user(session, args.username, args.name or args.username, password, "admin", [], now=utcnow())
    except ConsoleError as exc:
        raise AdminError(str(exc)) from None
    audit(session, None, "create-admin (cli)", user.username, now=utcnow())
    return f"console admin {user.username} created; log in at /console"


def _remove_helper(args: argparse.Namespace, session: Session) -> str:
    helper = remove_helper(session, args.helper)
    return (f"removed helper {helper.display_name} ({helper.id}); kiosks deactivate the account at their next sync")


def _revoke_device(args: argparse.Namespace, session: Session) -> str:
    device = revoke_device(session, args.device_id)
    return f"revoked device {device.name} ({device.id}); its records stay, its token no longer works"


def _rename_device(args: argparse.Namespace, session: Session) -> str:
    device = rename_device(session, args.device_id, args.name)
    return f"device {device.id} is now called {device.name!r}"


def _local(moment: datetime) -> str:
    """A time as people in Belgium read it, with its offset so that nobody has to guess."""
    return moment.astimezone(ZONE).strftime("%Y-%m-%d %H:%M (%Z, UTC%z)")


def _locations(args: argparse.Namespace, session: Session) -> str:
    counts = dict(session.execute(select(Device.location_id, func.count()).where(Device.revoked_at.is_(None))
                                  .group_by(Device.location_id)).all())
    return "\n".join(
        f"{loc.id}  {loc.kind:8}  {counts.get(loc.id, 0):3} devices  {loc.name}{'' if loc.active else ' (inactive)'}"
        for loc in session.scalars(select(Location).order_by(Location.name)))


def _devices(args: argparse.Namespace, session: Session) -> str:
    names: dict[str | None, str] = dict(session.execute(select(Location.id, Location.name)).all())
    devices = session.scalars(select(Device).order_by(Device.enrolled_at)).all()
    if not devices:
        return "no devices yet: make a code with `digipunt-server enroll-code --location NAME` and connect a kiosk"
    table = kiosk_table(session, list(devices))  # the app version each reported, and whether it is outdated
    lines = [f"{'id':36}  {'state':7}  {'last seen':31}  {'version':20}  name @ location"]
    for row in table.rows:
        device = row.device
        seen = _local(device.last_seen_at) if device.last_seen_at else "never"
        state = "revoked" if device.revoked_at else "active"
        version = (row.status and row.status.app_version or "-") + (" (outdated)" if row.outdated else "")
        lines.append(f"{device.id}  {state:7}  {seen:31}  {version:20}  {device.name} @ "
                     f"{names.get(device.location_id, '-')}")
    return "\n".join(lines)


def _topics(args: argparse.Namespace, session: Session) -> str:
    topics = session.scalars(select(Topic).order_by(Topic.sort_order, Topic.code)).all()
    if not topics:
        return "no topics yet: add one with `digipunt-server set-topic CODE LABEL`"
    width = max(len(topic.code) for topic in topics)
    return "\n".join(f"{topic.code:{width}}  {topic.sort_order:4}  {topic.label_nl}"
                     f"{'' if topic.active else '  (removed)'}" for topic in topics)


def _set_topic(args: argparse.Namespace, session: Session) -> str:
    set_topic(session, args.code, args.label, args.sort_order)
    return "done; kiosks receive the change at their next sync"


def _remove_topic(args: argparse.Namespace, session: Session) -> str:
    remove_topic(session, args.code)
    return "done; kiosks receive the change at their next sync"


def _set_setting(args: argparse.Namespace, session: Session) -> str:
    set_setting(session, args.key, args.value)
    return "done; kiosks receive the change at their next sync"


def _unset_setting(args: argparse.Namespace, session: Session) -> str:
    unset_setting(session, args.key)
    return "done; kiosks receive the change at their next sync"


def _quarantine(args: argparse.Namespace, session: Session) -> str:
    """Records kept aside by migration s0005: list them, fix one (a corrected payload), or discard one."""
    from sync.server.quarantine import QuarantineError, discard, quarantined, restore

    actor = f"cli:{getpass.getuser()}"
    try:
        if args.action == "list":
            rows = quarantined(session)
            if not rows:
                return "no quarantined records"
            return "\n\n".join(f"{row.id}  {row.kind}  received {_local(row.received_at)}\n  why: {row.reason}\n"
                                f"  payload: {row.payload}" for row in rows)
        if not args.record_id:
            raise AdminError(f"quarantine {args.action} needs the record id")
        if args.action == "discard":
            discard(session, args.record_id, actor, utcnow())
            return f"discarded {args.record_id} (logged)"
        if not args.payload_file:
            raise AdminError("quarantine restore needs a file with the corrected payload (JSON)")
        restore(session, args.record_id, Path(args.payload_file).read_text(encoding="utf-8"), actor, utcnow())
        return f"restored {args.record_id}; it counts in reports from now on (logged)"
    except QuarantineError as exc:
        raise AdminError(str(exc)) from None


def _content_key(args: argparse.Namespace, session: Session) -> str:
    """The guide-signing keys: files only (sync/server/content.py), never the database."""
    from sync.server.console.auth import audit
    from sync.server.content import ContentError, describe_keys, init_keys, pinned_keys, rotate_keys

    path = args.content_key
    try:
        if args.action == "show":
            return f"{path}\n{describe_keys(pinned_keys(path))}"
        keys = init_keys(path) if args.action == "init" else rotate_keys(path)
    except ContentError as exc:
        raise AdminError(str(exc)) from None
    audit(session, None, "content-key init (cli)" if args.action == "init" else "content-key rotate (cli)",
          ", ".join(keys), now=utcnow())
    after = ("kiosks that pinned the previous pair accept bundles signed with the new current key; "
             "give new kiosks this pair" if args.action == "rotate" else "pin these in every kiosk")
    return f"{path}\n{describe_keys(keys)}\n{after}"


def _content_publish(args: argparse.Namespace, session: Session) -> str:
    """A walkthroughs folder (the format of resources/walkthroughs) as the next signed bundle."""
    from sync.server.console.auth import audit
    from sync.server.content import DEFAULT_LIFETIME, ContentError, publish_folder

    lifetime = DEFAULT_LIFETIME if args.days is None else timedelta(days=args.days)
    try:
        bundle = publish_folder(session, Path(args.folder), args.content_key, actor=f"cli:{getpass.getuser()}",
                                now=utcnow(), lifetime=lifetime)
    except ContentError as exc:
        raise AdminError("\n".join([str(exc), *map(str, exc.errors)])) from None
    audit(session, None, "content publish (cli)", f"version {bundle.version}", now=utcnow())
    return (f"published guide bundle version {bundle.version} (key {bundle.key_id}); "
            "kiosks install it at their next sync")


def _export(args: argparse.Namespace, session: Session) -> str:
    from sync.server.export import monthly_report, to_csv, to_xlsx

    try:
        report = monthly_report(session, args.month)
    except ValueError as exc:
        raise AdminError(f"--month: {exc}") from None
    if args.format == "csv":
        text = to_csv(report)
        if args.output == "-":
            return text.rstrip("\n")
        data = text.encode("utf-8-sig")  # the BOM makes Excel read the accents right
    else:
        if args.output == "-":
            raise AdminError("xlsx cannot go to stdout; give --output FILE")
        data = to_xlsx(report)
    path = Path(args.output or f"digipunt-{args.month}.{args.format}")
    path.write_bytes(data)
    return f"wrote {path}"


def _lending_key(args: argparse.Namespace, session: Session) -> str:
    from sync.server import lending

    path = Path(args.file) if args.file else lending.key_file()
    try:
        if args.action == "init":
            public = lending.init_key(session, path)
            return (f"made {path} (keep it safe and back it up: without it no contact can be opened)\n"
                    f"public key {public}: kiosks receive it at their next sync")
        public = lending.public_key_of_file(path)
    except lending.LendingKeyError as exc:
        raise AdminError(str(exc)) from None
    published = lending.published_key(session)
    state = "published to kiosks" if published == public else "NOT the key kiosks have: run `lending-key publish`"
    if args.action == "publish":
        lending.publish_public_key(session, public)
        state = "published; kiosks receive it at their next sync"
    return f"{path}\npublic key {public} ({state})"


def _lending_purge(args: argparse.Namespace, session: Session) -> str:
    from sync.server import lending

    erased = lending.purge_contacts(session, utcnow())
    return f"erased the contact of {erased} loan(s) returned more than {lending.retention_days(session)} days ago"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digipunt-server", description="Digipunt central server.")
    parser.add_argument("--version", action="version", version=f"digipunt-server {__version__}")
    parser.add_argument("--database-url", default=None,
                        help="postgresql://user@host/db or sqlite:///path (default: DATABASE_URL, else an "
                             "SQLite file in the user data directory)")
    parser.add_argument("--content-key", type=Path, default=None,
                        help="the guide-signing key file (default: DIGIPUNT_CONTENT_KEY, else content-key.pem in "
                             "the user data directory); its next key is FILE.next")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Callable[..., object], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    serve = command("serve", _serve, "run the HTTP API (migrates the database first, unless --no-migrate)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port (printed at start)")
    serve.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="server processes sharing the port (default 1); a worker that dies is restarted, "
                            "SIGHUP replaces them one at a time")
    serve.add_argument("--threads", type=_at_least_one, default=None, metavar="N",
                       help="requests each process works on at once, each with a database connection (default "
                            "10; more wait their turn): more only for a database server with the cores for it")
    serve.add_argument("--no-migrate", action="store_true",
                       help="do not touch the schema; refuse to start unless `digipunt-server migrate` brought "
                            "the database up to date (production: migrate once, before a rollout)")
    serve.add_argument("--forwarded-allow-ips", default=None, metavar="ADDRESSES",
                       help="comma-separated addresses of the proxies whose X-Forwarded-For is believed "
                            "(default: FORWARDED_ALLOW_IPS, else 127.0.0.1,::1; * trusts everyone: never "
                            "when clients can reach the server directly)")

    command("migrate", _migrate, "bring the database up to date and exit (once, before starting a new version)")

    sub = command("enroll-code", _enroll_code, "make a single-use enrollment code (valid 24 h) for a kiosk")
    sub.add_argument("--location", required=True, help="location name; created when new")
    sub.add_argument("--kind", choices=LOCATION_KINDS, default="fixed", help="for a new location")

    sub = command("add-helper", _add_helper, "add a digihelper or coordinator account")
    sub.add_argument("--name", required=True, help="display name colleagues recognise")
    sub.add_argument("--role", choices=ROLES, default="digihelper")
    sub.add_argument("--location", action="append", default=[], metavar="NAME",
                     help="a location where the helper works (repeat for more); none: every location")
    pin = sub.add_mutually_exclusive_group()
    pin.add_argument("--pin-from-stdin", action="store_true", help="read the PIN from stdin instead of a prompt")
    pin.add_argument("--setup-code", action="store_true",
                     help="no PIN now: print a one-time set-up code with which the helper sets it on a kiosk")

    sub = command("create-admin", _create_admin, "make a city admin account for the web console (/console)")
    sub.add_argument("--username", required=True)
    sub.add_argument("--name", default="", help="the name shown in the console (default: the username)")
    sub.add_argument("--password-from-stdin", action="store_true", help="read the password from stdin, not a prompt")

    sub = command("remove-helper", _remove_helper, "deactivate a helper account on every kiosk")
    sub.add_argument("helper", help="display name or id")

    sub = command("revoke-device", _revoke_device, "revoke a kiosk's token (it must enroll again)")
    sub.add_argument("device_id")

    command("locations", _locations, "list locations and their enrolled devices")
    command("devices", _devices, "list devices (ids for revoke-device and rename-device)")
    sub = command("rename-device", _rename_device, 'name a kiosk as coordinators know it, e.g. "PC 3 bij het raam"')
    sub.add_argument("device_id")
    sub.add_argument("name")
    command("topics", _topics, "list the help-request topics (code, sort order, Dutch label)")

    sub = command("set-topic", _set_topic, "add or rename a help-request topic")
    sub.add_argument("code")
    sub.add_argument("label", help="Dutch label")
    sub.add_argument("--sort-order", type=int, default=0)
    sub = command("remove-topic", _remove_topic, "deactivate a topic on every kiosk")
    sub.add_argument("code")

    sub = command("set-setting", _set_setting, "set an installation setting for every kiosk")
    sub.add_argument("key")
    sub.add_argument("value", help='JSON, e.g. 300 or "fr" or ["gent.be"]')
    sub = command("unset-setting", _unset_setting, "let kiosks use their own value again")
    sub.add_argument("key")

    sub = command("quarantine", _quarantine, "records kept aside because they fail the checks: list, restore, discard")
    sub.add_argument("action", choices=("list", "restore", "discard"))
    sub.add_argument("record_id", nargs="?")
    sub.add_argument("payload_file", nargs="?", help="restore: a file with the corrected payload (JSON)")

    sub = command("content-key", _content_key, "the key that signs guide bundles: init, show (what kiosks pin), rotate")
    sub.add_argument("action", choices=("init", "show", "rotate"))
    sub = command("content-publish", _content_publish, "publish a walkthroughs folder as the next signed guide bundle")
    sub.add_argument("folder", help="a folder like resources/walkthroughs: one sub-folder per guide")
    sub.add_argument("--days", type=int, default=None, help="valid this many days (default 365)")
    sub = command("lending-key", _lending_key,
                  "the coordinators' key for borrowers' contacts: init (make the file), show, publish")
    sub.add_argument("action", choices=("init", "show", "publish"))
    sub.add_argument("--file", default=None, help="the private key file (default: $DIGIPUNT_LENDING_KEY_FILE, "
                                                    "else lending-key in the server's data directory)")
    command("lending-purge", _lending_purge, "erase the contacts of loans returned longer ago than the retention "
                                             "period (also runs at start-up and hourly)")

    sub = command("export", _export, "monthly report per location")
    sub.add_argument("--month", required=True, help="YYYY-MM")
    sub.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    sub.add_argument("--output", default=None, help="file (default digipunt-YYYY-MM.FORMAT); - for stdout (csv)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Admin commands run in one transaction and print their result after it committed."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve" and args.workers < 1:
        parser.error("--workers must be 1 or more")
    if args.content_key is None:
        from sync.server.content import default_key_path

        args.content_key = default_key_path()
    try:
        engine = make_server_engine(args.database_url or default_database_url())
        if args.command == "serve" and args.no_migrate:
            problem = pending_migrations(engine)
        else:
            problem = None
            migrate(engine)
    except Exception as exc:  # unreachable database, bad URL: one line, not a traceback
        print(f"digipunt-server: cannot open the database: {exc}", file=sys.stderr)
        return 2
    if problem:
        print(f"digipunt-server: not starting: {problem}", file=sys.stderr)
        engine.dispose()
        return 2
    try:
        if args.command == "serve":
            return _serve(args, engine)
        with sessionmaker(engine, expire_on_commit=False).begin() as session:
            output = args.handler(args, session)
        if output:  # only after the commit: a printed code or id is real
            print(output)
        return 0
    except (AdminError, OSError) as exc:
        print(f"digipunt-server: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
