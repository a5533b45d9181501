"""Typed errors of the harvester (codes for scripts; messages in plain words)."""

from __future__ import annotations

from sync.errors import _Coded


class HarvestError(_Coded):
    """A harvest cannot go ahead, or stopped; the authoring folder was left as it was.

    Codes: ``missing_extra`` (trafilatura / yt-dlp not installed), ``bad_url``, ``site_unreachable`` (the start
    page or robots.txt did not answer, so nothing may be deleted), ``bad_recipe``, ``bad_folder``,
    ``harvest_running`` (another run holds the lock).
    """

    code = "harvest_failed"


def need(module: str):
    """Import an optional dependency of the ``portal`` extra, or say plainly how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise HarvestError(f"the harvester needs '{module}', which is not installed: "
                           "pip install 'kitepkana[portal]'", code="missing_extra") from e
