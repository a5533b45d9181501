"""Plain words for the sync UI: core errors (typed, with a ``code``) as translated sentences a librarian
understands, the kinds of items, stored times — shared by the update dialog, the downloads view and the export
dialog (ui/update.py, ui/downloads.py, ui/exportdialog.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

KIND_PLURALS = {  # What's new groups items by kind
    "practice": QT_TRANSLATE_NOOP("Kinds", "Practices"),
    "lesson": QT_TRANSLATE_NOOP("Kinds", "Video lessons"),
    "document": QT_TRANSLATE_NOOP("Kinds", "Documents"),
    "event": QT_TRANSLATE_NOOP("Kinds", "Events"),
}
KIND_ORDER = ("practice", "lesson", "document", "event")

# code -> plain words; "%1" is the place (web address or folder) where it matters
_MESSAGES = {
    # the connection or the drive
    "unreachable": QT_TRANSLATE_NOOP("SyncErrors", "Could not connect to the portal. Check that this computer is "
                                                   "connected to the internet, then try again."),
    "unreachable_folder": QT_TRANSLATE_NOOP("SyncErrors", "The folder or USB drive %1 is not there. Plug the drive "
                                                          "in, then try again."),
    "timeout": QT_TRANSLATE_NOOP("SyncErrors", "The portal stopped answering. The connection may be slow or busy; "
                                               "try again later."),
    "too_slow": QT_TRANSLATE_NOOP("SyncErrors", "The connection was too slow, so the download was stopped. It is "
                                                "tried again at the next update; what arrived is kept."),
    "deadline": QT_TRANSLATE_NOOP("SyncErrors", "The portal took far too long to answer, so the download was "
                                                "stopped. It is tried again at the next update."),
    "redirect_refused": QT_TRANSLATE_NOOP("SyncErrors", "The portal sent this update on to another server, which "
                                                        "is not allowed, so nothing was changed. If the portal team "
                                                        "says that server is theirs, add its name in Settings → "
                                                        "Updates."),
    "access_code": QT_TRANSLATE_NOOP("SyncErrors", "That PC shares its library only with an access code, and the "
                                                   "code was missing or wrong. Ask its librarian for the code, type "
                                                   "it under the list, then try again."),
    "http_error": QT_TRANSLATE_NOOP("SyncErrors", "The portal answered with an error. Try again later."),
    "not_found": QT_TRANSLATE_NOOP("SyncErrors", "The update at %1 is incomplete: a file is missing. Nothing "
                                                 "half-done was kept."),
    "not_a_feed": QT_TRANSLATE_NOOP("SyncErrors", "No Kitepkana library was found at %1. (On a Wi-Fi network that "
                                                  "asks you to log in, open a web browser and log in first.)"),
    "read_failed": QT_TRANSLATE_NOOP("SyncErrors", "Could not read from the drive. Was it pulled out? Plug it in and "
                                                   "try again; what was already copied is kept."),
    # signatures
    "untrusted_key": QT_TRANSLATE_NOOP("SyncErrors", "This library was signed by a publisher this computer does not "
                                                     "trust, so nothing was changed. Use the portal or a drive made "
                                                     "from it."),
    "feed_key_changed": QT_TRANSLATE_NOOP("SyncErrors", "This update claims to come from a library this computer "
                                                        "already follows, but it is signed by someone else. Nothing "
                                                        "was changed. Use the portal or a drive made from it."),
    "signature_mismatch": QT_TRANSLATE_NOOP("SyncErrors", "The portal is publishing new material right now. Try "
                                                          "again in a minute."),
    "signature_invalid": QT_TRANSLATE_NOOP("SyncErrors", "This update is not properly signed: it may have been "
                                                         "changed or damaged on the way. Nothing was changed."),
    # the feed itself
    "feed_too_new": QT_TRANSLATE_NOOP("SyncErrors", "This update was made for a newer version of Kitepkana. "
                                                    "Install the newer version first."),
    "feed_went_backwards": QT_TRANSLATE_NOOP("SyncErrors", "%1 holds an older copy of the library than this "
                                                           "computer already has. Nothing was changed."),
    "no_snapshot": QT_TRANSLATE_NOOP("SyncErrors", "This computer's library is too old for this update. Ask for a "
                                                   "full copy of the library on a USB drive."),
    "unknown_feed": QT_TRANSLATE_NOOP("SyncErrors", "This library comes from a publisher this computer has not "
                                                    "followed before. Nothing was changed."),
    "feed_invalid": QT_TRANSLATE_NOOP("SyncErrors", "The update is damaged (a file is not what it should be). "
                                                    "Nothing was changed. Try again, or use another drive."),
    # this computer
    "no_space": QT_TRANSLATE_NOOP("SyncErrors", "There is not enough free space on the disk. Free some space, then "
                                                "try again."),
    "write_failed": QT_TRANSLATE_NOOP("SyncErrors", "Could not write to this computer's disk. Check that it is not "
                                                    "full, then try again."),
    "cancelled": QT_TRANSLATE_NOOP("SyncErrors", "Cancelled. Nothing half-done was kept; the next update goes on "
                                                 "from here."),
    "library_locked": QT_TRANSLATE_NOOP("SyncErrors", "The library is in use by another Kitepkana window. Close it "
                                                      "and try again."),
    "item_without_source": QT_TRANSLATE_NOOP("SyncErrors", "This item did not come from the portal or a drive, so "
                                                           "there is nowhere to download it from."),
    # export
    "nothing_to_export": QT_TRANSLATE_NOOP("SyncErrors", "There is nothing to copy yet: this library was not "
                                                         "updated from the portal or a drive."),
    "choose_feed": QT_TRANSLATE_NOOP("SyncErrors", "This library was updated from several publishers; copying "
                                                   "it needs the command line (kitepkana export --feed)."),
    "file_too_big": QT_TRANSLATE_NOOP("SyncErrors", "A video is larger than 4 GB and cannot go on this drive. "
                                                    "Format the drive as exFAT or NTFS."),
    "write_verify_failed": QT_TRANSLATE_NOOP("SyncErrors", "A file was damaged while writing to the drive. The "
                                                           "drive may be failing; try another one."),
    "incomplete_copy": QT_TRANSLATE_NOOP("SyncErrors", "This computer does not hold the whole library yet. "
                                                       "Connect to the portal (or the drive it was updated from), "
                                                       "then copy again."),
    "other": QT_TRANSLATE_NOOP("SyncErrors", "Something went wrong: %1"),
}
_SIGNATURE_CODES = {"unsigned", "signature_malformed", "bad_signature", "key_mismatch", "signature_invalid"}
_DAMAGED_CODES = {"manifest_invalid", "file_missing", "file_mismatch", "file_damaged", "record_invalid",
                  "hash_mismatch", "size_mismatch", "feed_invalid"}


def is_web(location: str) -> bool:
    return location.strip().lower().startswith(("http://", "https://"))


def error_text(error: BaseException, location: str = "") -> str:
    """A core error (``KitepkanaError`` with a ``code``) in plain, translated words for a librarian."""
    from app.errors import CancelledError, KitepkanaError

    code = getattr(error, "code", None) if isinstance(error, KitepkanaError) else None
    if isinstance(error, CancelledError):
        code = "cancelled"
    elif code in _SIGNATURE_CODES:
        code = "signature_invalid"
    elif code in _DAMAGED_CODES:
        code = "feed_invalid"
    elif code == "unreachable" and location and not is_web(location):
        code = "unreachable_folder"
    elif code == "not_found" and type(error).__name__ == "NotFoundError":
        code = "item_without_source"  # download_item: the item came from no feed (an import)
    elif code == "unknown_feed" and type(error).__name__ == "ExportError":
        code = "choose_feed"
    if code not in _MESSAGES or code == "other":
        return QCoreApplication.translate("SyncErrors", _MESSAGES["other"]).replace("%1", str(error))
    where = location or QCoreApplication.translate("SyncErrors", "this place")
    return QCoreApplication.translate("SyncErrors", _MESSAGES[code]).replace("%1", where)


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Kinds", KIND_PLURALS[kind]) if kind in KIND_PLURALS else kind


