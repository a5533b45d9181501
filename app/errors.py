"""Typed errors of the core. Each has a stable ``code`` so the UI can show a translated message."""

from __future__ import annotations

from dataclasses import dataclass


class KitepkanaError(Exception):
    code = "error"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one authoring file."""

    file: str  # relative to the authoring folder, with '/'
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        return f"{self.file}: {where}{self.message}"


class AuthoringError(KitepkanaError):
    """The authoring folder is invalid; nothing was imported."""

    code = "authoring_invalid"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in the authoring folder; nothing was imported:"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


class LibraryLockedError(KitepkanaError):
    code = "library_locked"


class SettingsUnreadableError(KitepkanaError):
    """The settings file exists but another program kept it locked (Windows: a backup tool, a virus scanner)
    past a few retries. Starting with the defaults would silently lose the librarian's settings."""

    code = "settings_unreadable"


class NotFoundError(KitepkanaError):
    code = "not_found"


class CancelledError(KitepkanaError):
    """The user cancelled long work; whatever was done is whole."""

    code = "cancelled"


class DatabaseDamagedError(KitepkanaError):
    """The database was left half-changed (an older version was stopped while it created or migrated it) and
    no backup holds everything it holds: it was kept aside (``kept``), never deleted."""

    code = "database_damaged"

    def __init__(self, message: str, *, kept: str | None = None) -> None:
        self.kept = kept
        super().__init__(message)
