"""sync/labels.py: a Dutch label for every code of every vocabulary, and nothing else."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from sync import labels, protocol

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(labels.VOCABULARIES))
def test_every_code_has_a_dutch_label_and_every_label_a_code(name):
    codes, dutch = labels.VOCABULARIES[name]
    assert not set(codes) - set(dutch), f"{name}: no Dutch label for {sorted(set(codes) - set(dutch))}"
    assert not set(dutch) - set(codes), f"{name}: a label for {sorted(set(dutch) - set(codes))}, not in sync.protocol"
    assert tuple(dutch) == codes, f"{name}: labels in another order than the protocol's"
    assert all(text.strip() for text in dutch.values()), f"{name}: an empty label"
    assert len(set(dutch.values())) == len(dutch), f"{name}: two codes share a label"


def test_every_vocabulary_of_the_protocol_is_labelled():
    """A new vocabulary in sync.protocol (a tuple made with get_args) needs its labels here too."""
    vocabularies = {name for name, value in vars(protocol).items()
                    if name.isupper() and isinstance(value, tuple) and value and all(isinstance(v, str) for v in value)}
    not_shown = {"REFERENCE_ENTITIES", "ITEM_STATUSES", "VISITOR_LANGUAGES", "TEXT_SIZES", "SHARED_SETTINGS"}
    labelled = {name for name, value in vars(protocol).items()
                if any(value is codes for codes, _ in labels.VOCABULARIES.values())}
    assert vocabularies - not_shown == labelled, "label the new vocabulary in sync/labels.py (or say why not here)"
    for field, codes in protocol.HELP_REQUEST_VOCABULARIES.items():
        assert any(codes is known for known, _ in labels.VOCABULARIES.values()), field


def test_labels_import_only_the_protocol():
    tree = ast.parse((ROOT / "sync" / "labels.py").read_text())
    imported = {node.module if isinstance(node, ast.ImportFrom) else alias.name
                for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names}
    others = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}
    assert others == {"sync", "sync.protocol"}, f"sync/labels.py may import only sync.protocol: {others}"


@pytest.mark.parametrize("total, text", [(0, "0 min"), (45, "45 min"), (60, "1 u"), (90, "1 u 30 min"), (-5, "0 min")])
def test_minutes_read_the_way_people_say_them(total, text):
    assert labels.minutes(total) == text
