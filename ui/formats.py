"""How the screens write the things they all show: the interface language, a moment in a video, a stored time.
One definition each (they used to live in five modules, each slightly different)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone

UI_LANGUAGES = ("ky", "ru", "en")


def ui_language() -> str:
    """The language the interface speaks now (``ui.i18n.install_language`` sets the default QLocale): taxonomy
    labels, subtitles and language names follow it."""
    lang = QLocale().name()[:2]
    return lang if lang in UI_LANGUAGES else "en"


def format_time(seconds: float | None) -> str:
    """``75.4`` -> ``1:15``; an hour or more -> ``1:02:03``. Negative or unknown times show as ``0:00``."""
    total = max(0, int(seconds or 0))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def local_time(iso: str) -> str:
    """A time the core stored (naive UTC, ISO) as the user reads it, in the interface language."""
    when = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not when.isValid():
        return iso
    when.setTimeZone(QTimeZone.utc())
    return QLocale().toString(when.toLocalTime(), QLocale.FormatType.ShortFormat)
