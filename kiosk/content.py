"""`python -m kiosk.content check`: validate all walkthrough content and print a coverage table."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.core.content import load_walkthroughs
from kiosk.core.paths import resources_dir
from kiosk.core.settings import LANGUAGES
from sync.content_format import SOURCES_FILE


def check(root: Path) -> int:
    report = load_walkthroughs(root)
    ids = sorted({wt_id for wt_id, _ in report.missing})
    width = max([len(i) for i in ids] + [11])
    print("walkthrough".ljust(width), *(lang.ljust(10) for lang in LANGUAGES))
    for wt_id in ids:
        cells = []
        for lang in LANGUAGES:
            missing = report.missing[(wt_id, lang)]
            cells.append(("complete" if not missing else f"-{len(missing)} steps").ljust(10))
        print(wt_id.ljust(width), *cells)
    for (wt_id, lang), missing in sorted(report.missing.items()):
        if missing:
            print(f"  {wt_id}/{lang}: missing {', '.join(missing)} (shown in Dutch, marked)")
    # What a coordinator checks first: languages no native speaker read, labels not seen live.
    for wt in report.walkthroughs:
        if wt.unreviewed():
            print(f"  {wt.id}: not reviewed by a native speaker: {', '.join(wt.unreviewed())}")
        if not wt.has_sources():
            print(f"  {wt.id}: no {SOURCES_FILE} (facts and labels without a source note)")
        for item in wt.unverified_labels():
            print(f"  {wt.id}: unverified label [[{item.label}]]")
    for error in report.errors:
        print(f"ERROR {error}", file=sys.stderr)
    print(f"{len(report.walkthroughs)} walkthroughs, {len(LANGUAGES)} languages, {len(report.errors)} errors")
    return 1 if report.errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.content")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="validate content, print walkthrough x language coverage")
    check_cmd.add_argument("--root", type=Path, default=resources_dir() / "walkthroughs")
    args = parser.parse_args(argv)
    return check(args.root)


if __name__ == "__main__":
    sys.exit(main())
