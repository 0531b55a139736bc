"""A guide as a coordinator uploads it: a zip of one walkthrough folder (for the console tests)."""
from __future__ import annotations

import io
import zipfile

from kiosk.core.paths import resources_dir

GUIDE = resources_dir() / "walkthroughs" / "burgerprofiel-attest"
NEW_TITLE = "Attest downloaden (aangepast)"


def guide_zip(*, drop: str = "", title: str = NEW_TITLE, rename: str = "", extra: bytes = b"") -> bytes:
    """The bundled burgerprofiel-attest guide as a zip, with another Dutch title (and id: `rename`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(GUIDE.rglob("*")):
            name = path.relative_to(GUIDE.parent).as_posix()
            if path.is_file() and name != drop:
                data = path.read_bytes()
                if name.endswith("text/nl.toml"):
                    data = data.replace(b"Attest downloaden in Mijn Burgerprofiel", title.encode(), 1)
                if rename and name.endswith("/walkthrough.toml"):
                    data = data.replace(f'id = "{GUIDE.name}"'.encode(), f'id = "{rename}"'.encode(), 1)
                archive.writestr(rename + name.removeprefix(GUIDE.name) if rename else name, data)
        if extra:  # a large picture, stored as it is
            archive.writestr(f"{rename or GUIDE.name}/images/photo.png", extra, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()
