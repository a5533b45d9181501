"""How the screens write the things they all show: the interface language, a moment in a video, a stored time.
One definition each (they used to live in five modules, each slightly different).

Dates and times follow the interface language, not the PC's regional settings (a Kyrgyz interface on a PC set
to English-US showed "6/12/26 06:20", an English one "12/6/26 6:21 AM"): Kyrgyz and Russian readers write
``06.12.2026 06:20``, English ones ``6 Dec 2026, 06:21``. Every date on screen goes through
:func:`local_time`, :func:`local_date`, :func:`format_date` or :func:`format_moment`."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone

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


def format_date(date: QDate) -> str:
    """ky/ru ``06.12.2026``, en ``6 Dec 2026`` (English month names whatever the PC's locale)."""
    if ui_language() == "en":
        return QLocale(QLocale.Language.English).toString(date, "d MMM yyyy")
    return date.toString("dd.MM.yyyy")


def format_clock(time: QTime) -> str:
    """A time of day, 24 hours in every interface language: ``06:20``."""
    return time.toString("HH:mm")


def format_moment(moment: QDateTime) -> str:
    """ky/ru ``06.12.2026 06:20``, en ``6 Dec 2026, 06:21`` (the moment as given: convert to local time first)."""
    separator = ", " if ui_language() == "en" else " "
    return format_date(moment.date()) + separator + format_clock(moment.time())


def _stored(iso: str) -> QDateTime:
    """A time the core stored (ISO; naive means UTC, as the core writes it) as a local QDateTime (invalid when
    it is not a time)."""
    when = QDateTime.fromString(iso.removesuffix("Z")[:19] if iso.endswith("Z") else iso, Qt.DateFormat.ISODate)
    if not when.isValid():
        return when
    if when.timeSpec() == Qt.TimeSpec.LocalTime:  # no offset written: the core stores UTC
        when.setTimeZone(QTimeZone.utc())
    return when.toLocalTime()


def local_time(iso: str) -> str:
    """A time the core stored (naive UTC, ISO) as the user reads it, in the interface language."""
    when = _stored(iso)
    return format_moment(when) if when.isValid() else iso


def local_date(iso: str) -> str:
    """The day of a time the core stored, in the interface language (ky/ru 06.12.2026, en 6 Dec 2026)."""
    when = _stored(iso)
    return format_date(when.date()) if when.isValid() else iso
