"""Running LibreOffice and poppler for the layout tests (``pytest -m libreoffice``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def tool(*names: str) -> str:
    """The first of ``names`` on the PATH; fails (never skips) the test when none is."""
    found = next(filter(None, map(shutil.which, names)), None)
    if found is None:
        pytest.fail(
            f"{names[0]} is not installed (Debian: apt-get install -y libreoffice-writer-nogui "
            "libreoffice-calc-nogui poppler-utils)"
        )
    return found


def convert(document: Path, to: str) -> None:
    """Convert ``document`` with LibreOffice (``pdf``, or a ``csv:...`` filter) beside it."""
    profile = document.parent / "lo-profile"  # a private profile: parallel runs never collide
    result = subprocess.run(
        [
            tool("libreoffice", "soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(document.parent),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, laid out as on the page."""
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]
