"""Can phones reach the reading room? A self-check for the desktop's "Share on this network" window.

Kolibri's and Kiwix's users most often report that nobody can open the address, and that nothing told them
why: the PC is not on the network they think, or Windows Firewall blocks the port without a word (it treats a
network marked "Public" as hostile, and a program it has never asked about is blocked there). So:

1. this PC connects to its own network address, as a phone would type it: the server is listening there and
   the address is right (a connection to one's own address never crosses the firewall, so this says nothing
   about it);
2. on Windows, the firewall: is the rule the installer adds (``build/installer.iss``) there, and is the
   network this PC is on marked Public (where that rule, made for private networks only, does not apply);
3. the proof: visitors from other devices have been seen.

No Qt here; the window runs :func:`check` in a worker and turns the codes into words.
"""

from __future__ import annotations

import http.client
import ipaddress
import subprocess
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

# the inbound rule build/installer.iss adds (same name there)
FIREWALL_RULE = "Kitepkana reading room"
SELF_CHECK_HEADER = "X-Kitepkana-Self-Check"  # with the room's token: not counted as a visitor


@dataclass(frozen=True)
class Reach:
    url: str  # the address checked (the first one the window shows)
    answered: bool  # the reading room answered there
    # "not_windows", "ok", "no_rule" (our rule is missing: the firewall may block), "public_network" (the
    # network is marked Public: our private-only rule does not apply), "unknown" (could not ask)
    firewall: str
    others_seen: int  # devices other than this PC that opened a page today

    @property
    def problem(self) -> str:
        """The one thing to tell the librarian: "not_answering", "public_network", "no_rule" or ""."""
        if not self.answered:
            return "not_answering"
        if self.others_seen:
            return ""  # a phone got through: whatever the firewall says, it works
        return self.firewall if self.firewall in ("public_network", "no_rule") else ""


def answers(url: str, *, token: str = "", timeout: float = 3.0) -> bool:
    """Does a reading room answer at ``url`` (``http://ADDRESS:PORT/``)?"""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=timeout)
    try:
        conn.request("HEAD", "/static/style.css", headers={SELF_CHECK_HEADER: token} if token else {})
        return conn.getresponse().status < 500
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def other_devices(addresses: set[str], own: set[str]) -> int:
    """How many of ``addresses`` are other devices: not loopback, not one of this PC's own."""
    count = 0
    for address in addresses:
        try:
            if ipaddress.ip_address(address).is_loopback:
                continue
        except ValueError:
            continue
        count += address not in own
    return count


def _run(args: list[str], timeout: float = 15) -> subprocess.CompletedProcess:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing up on Windows
    return subprocess.run(args, check=False, capture_output=True, text=True, timeout=timeout, creationflags=flags,
                          encoding="utf-8", errors="replace")


def windows_firewall() -> str:
    """Our rule and the network's category, on Windows (see the module docstring); "not_windows" elsewhere.

    NOT RUN on this project's machines (Linux): written against the documented output of ``netsh`` (exit
    status 1 and "No rules match" when the rule is missing) and ``Get-NetConnectionProfile`` (Windows 8+)."""
    if sys.platform != "win32":
        return "not_windows"
    try:
        categories = _run(["powershell", "-NoProfile", "-NonInteractive", "-Command",
                           "(Get-NetConnectionProfile).NetworkCategory -join ','"]).stdout.strip().split(",")
        if "Public" in categories and not {"Private", "DomainAuthenticated"} & set(categories):
            return "public_network"
        rule = _run(["netsh", "advfirewall", "firewall", "show", "rule", f"name={FIREWALL_RULE}"])
        return "ok" if rule.returncode == 0 else "no_rule"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def check(room) -> Reach:
    """The self-check of a running :class:`app.web.server.ReadingRoom`; takes up to a few seconds (run it off
    the UI thread)."""
    url = room.urls()[0]
    own = {urlsplit(u).hostname or "" for u in room.urls()}
    return Reach(url=url, answered=answers(url, token=room.self_check_token), firewall=windows_firewall(),
                 others_seen=other_devices(room.visitors.addresses_today(), own))
