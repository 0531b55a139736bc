"""The Windows installer is not run here (no Windows runner), so this keeps what can be checked on
Linux honest: every file the Inno Setup script packages exists, the scripts it runs name each other
correctly, and every exit code setup can give is in installer/README.md's table."""
from __future__ import annotations

import re
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent.parent / "installer"
ISS = (INSTALLER / "windows" / "digipunt.iss").read_text(encoding="utf-8")
README = (INSTALLER / "README.md").read_text(encoding="utf-8")


def exit_code_table() -> dict[int, str]:
    rows = re.findall(r"^\| (\d+(?:-\d+)?(?:, \d+)*) \| (.+?) \|", README, re.M)
    codes: dict[int, str] = {}
    for numbers, meaning in rows:
        for part in numbers.split(", "):
            low, _, high = part.partition("-")
            for code in range(int(low), int(high or low) + 1):
                codes[code] = meaning
    return codes


def test_every_file_the_installer_packages_from_its_folder_exists():
    sources = re.findall(r'^Source: "([^"{]+)"', ISS, re.M)
    assert "keep-running.ps1" in sources and "register-kiosk.ps1" in sources
    for source in sources:
        assert (INSTALLER / "windows" / source).is_file(), source


def test_every_exit_code_of_setup_is_documented():
    table = exit_code_table()
    own = {name: int(value) for name, value in re.findall(r"^\s+(Exit\w+) = (\d+);", ISS, re.M)}
    assert own, "the script's exit-code constants were not found"
    for name, code in own.items():
        assert code in table, f"{name} = {code} is not in installer/README.md's exit-code table"
    assert "PrepareToInstall" in ISS and "Home" in table[7], "a refusal before installing is Inno's code 7"
    assert set(table) >= set(range(0, 9)), "Inno Setup's own codes 0-8 are all explained"


def test_the_kiosk_account_runs_the_keep_running_loop_on_every_edition():
    register = (INSTALLER / "windows" / "register-kiosk.ps1").read_text(encoding="utf-8")
    assert "$KeepRunning = Join-Path $PSScriptRoot 'keep-running.ps1'" in register
    # Shell Launcher and Assigned Access both start the loop, never the program directly.
    assert "SetCustomShell($sid, $ShellCommand" in register
    assert 'rs5:AutoLaunch="true" rs5:AutoLaunchArguments="$arguments"' in register
    loop = (INSTALLER / "windows" / "keep-running.ps1").read_text(encoding="utf-8")
    assert "Join-Path $env:ProgramData 'Digipunt'" in loop and "'upgrading'" in loop
    assert "{commonappdata}\\Digipunt\\upgrading" in ISS  # the flag the installer sets is the one the loop reads
