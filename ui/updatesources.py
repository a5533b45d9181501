"""Where an update can come from, as the Update dialog lists them: by what they are ("Internet (portal)", "USB
drive KINGSTON (E:)"), never by a path.

One function builds the list (:func:`update_sources`) from providers: each is a callable that returns the
sources of one kind, now — the internet (the portal's address from Settings), the drives that carry a
library, the folders the user chose with "Other folder…". Another kind of source (a PC nearby sharing its
library) is one more provider handed to ``UpdateDialog.add_source_provider``; the dialog names a source of kind
"nearby" already. No widgets here (the names are translated by the dialog).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
KINDS = ("internet", "drive", "folder", "nearby")


@dataclass(frozen=True)
class UpdateSource:
    location: str  # what sync.client.run_sync takes: the portal's URL, the folder holding feed.json
    kind: str  # one of KINDS
    name: str = ""  # what follows the kind's word: "KINGSTON (E:)", a folder's own name, a PC's name
    preselect: bool = False  # may the list select it by itself (never a second hard disk or a share)
    drive_kind: str = ""  # a drive's kind as app.drivefs names it ("removable", "fixed", "network", ...)
    detail: str = ""  # for a tooltip: the address or the folder (never in the list itself)
    needs_code: bool = False  # a PC nearby whose reading room asks for its access code


SourceProvider = Callable[[], list[UpdateSource]]


def internet_sources(portal_url: str) -> list[UpdateSource]:
    """The portal, if Settings name its address."""
    return [UpdateSource(portal_url, "internet", preselect=True, detail=portal_url)] if portal_url else []


def drive_sources(volumes: Iterable, chosen: Iterable[Path]) -> list[UpdateSource]:
    """The drives that carry a library (``ui.drives.Volume`` with a ``feed``), and the folders the user chose."""
    chosen = set(chosen)
    out = []
    for v in volumes:
        if v.feed is None:
            continue
        if v.root in chosen:
            out.append(UpdateSource(str(v.feed), "folder", v.root.name or str(v.root), preselect=True,
                                    detail=str(v.feed)))
        else:
            out.append(UpdateSource(str(v.feed), "drive", v.display_name, preselect=v.preselect, drive_kind=v.kind,
                                    detail=str(v.feed)))
    return out


def update_sources(providers: Iterable[SourceProvider]) -> list[UpdateSource]:
    """Every provider's sources in the providers' order, each location once. A provider that fails is left out
    (and logged): the others still show."""
    seen: set[str] = set()
    out: list[UpdateSource] = []
    for provider in providers:
        try:
            found = provider()
        except Exception:  # one kind of source must not hide the others
            log.exception("listing update sources failed")
            continue
        for source in found:
            if source.location not in seen:
                seen.add(source.location)
                out.append(source)
    return out
