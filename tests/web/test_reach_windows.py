"""The share window's firewall check as it runs on Windows, with stand-ins for ``powershell`` and ``netsh``.

There is no Windows here; the check itself (app/web/reach.windows_firewall) runs for real, and so do the two
programs it asks — small scripts on PATH that answer as the documented Windows commands do: ``netsh advfirewall
firewall show rule name=…`` exits 1 with "No rules match the specified criteria." when the rule is missing, and
``(Get-NetConnectionProfile).NetworkCategory`` prints the categories of the networks the PC is on.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from app.web import reach


def _program(folder: Path, name: str, output: str, status: int) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{output}'\necho \"$@\" >> '{folder / (name + '.args')}'\nexit {status}\n",
                    encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def windows(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")

    def pc(categories: str | None, rule: bool) -> Path:
        if categories is not None:
            _program(tmp_path, "powershell", categories, 0)
        _program(tmp_path, "netsh", "Rule Name: Kitepkana reading room" if rule else
                 "No rules match the specified criteria.", 0 if rule else 1)
        return tmp_path
    return pc


@pytest.mark.skipif(sys.platform == "win32", reason="stand-in programs are shell scripts")
@pytest.mark.parametrize(("categories", "rule", "expected"), [
    ("Private", True, "ok"),
    ("Private", False, "no_rule"),
    ("Public", True, "public_network"),  # the installer's rule is for private networks only
    ("Public,DomainAuthenticated", False, "no_rule"),  # one network that is not public: the rule matters
])
def test_the_firewall_check_reads_what_windows_says(windows, categories: str, rule: bool, expected: str) -> None:
    folder = windows(categories, rule)
    assert reach.windows_firewall() == expected
    if expected != "public_network":  # (asked by the rule's name, which the installer gives it)
        assert f"name={reach.FIREWALL_RULE}" in (folder / "netsh.args").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="stand-in programs are shell scripts")
def test_no_powershell_means_unknown_never_a_crash(windows, monkeypatch) -> None:
    folder = windows(None, True)  # Windows 7: no Get-NetConnectionProfile; here no program at all
    monkeypatch.setenv("PATH", str(folder))
    assert reach.windows_firewall() == "unknown"
    found = reach.Reach(url="http://192.168.1.20:8080/", answered=True, firewall="unknown", others_seen=0)
    assert found.problem == ""  # nothing certain to tell the librarian
    assert reach.Reach(url=found.url, answered=True, firewall="no_rule", others_seen=2).problem == ""  # phones got in
