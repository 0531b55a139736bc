"""The Logboek names every action in Dutch: each action the code logs has a label, and the page,
its filter and its CSV show it (the CSV keeps the stored code beside it)."""
from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import sync
from sync.server.console.auth import AUDIT_ACTIONS

# The functions that log an action, and the position of the action among their arguments.
LOGGERS = {"audit": 2, "_audit": 2, "_new_draft": 4}


def logged_actions() -> set[str]:
    """Every action the server's code can log, read from its calls; an action that is not a literal
    must be a parameter the calling function passes on (a logger that forwards its caller's action)."""
    found: set[str] = set()
    for path in Path(sync.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = {arg.arg for arg in function.args.args + function.args.kwonlyargs}
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "attr", getattr(call.func, "id", None))
                if name not in LOGGERS or len(call.args) <= LOGGERS[name]:
                    continue
                action = call.args[LOGGERS[name]]
                branches = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
                for branch in branches:
                    if isinstance(branch, ast.Constant) and isinstance(branch.value, str):
                        found.add(branch.value)
                    else:
                        assert isinstance(branch, ast.Name) and branch.id in params, \
                            f"{path}:{call.lineno}: log a literal action, so that the Logboek can name it"
    return found


def test_every_logged_action_has_a_dutch_name_and_every_name_an_action():
    actions = logged_actions()
    assert len(actions) > 40  # the scan found the calls
    assert actions - AUDIT_ACTIONS.keys() == set(), "give these a name in AUDIT_ACTIONS"
    assert AUDIT_ACTIONS.keys() - actions == set(), "no longer logged: remove from AUDIT_ACTIONS"


def test_the_logbook_page_and_its_csv_say_what_happened_in_dutch(console):
    assert console.client().login("coord", "fout-wachtwoord").status_code == 401
    admin = console.as_user("admin")
    page = admin.get("/console/logboek?action=login-refused")
    assert page.status_code == 200
    assert '<option value="login-refused" selected>Aanmelden geweigerd</option>' in page.text
    assert '<td title="login-refused">Aanmelden geweigerd</td>' in page.text
    assert '<td title="login">' not in page.text  # the filter holds
    everything = admin.get("/console/logboek").text
    assert '<td title="login">Aangemeld</td>' in everything and ">login<" not in everything

    rows = list(csv.reader(io.StringIO(admin.get("/console/logboek.csv?action=login-refused").text.lstrip("\ufeff"))))
    assert rows[0] == ["tijdstip", "gebruiker", "actie", "code", "doel", "details"]
    assert [row[2:5] for row in rows[1:]] == [["Aanmelden geweigerd", "login-refused", "coord"]]
