"""The USB kit: everything another PC needs, on one drive — the program (installer and/or portable zip), this
library as a feed, and a short README in Kyrgyz, Russian and English.

Layout written on the drive (every name FAT32-safe)::

    <drive>/kitepkana-README-ky.txt, -ru.txt, -en.txt   how to install from the drive and update from it
    <drive>/kitepkana-install/<installer>.exe             the Windows installer (per user, no admin needed)
    <drive>/kitepkana-install/<portable>.zip              the portable copy (runs from the stick itself)
    <drive>/kitepkana-install/SHA256SUMS.txt              their SHA-256s, and — when the portal's signed feed
    <drive>/kitepkana-install/signed-feed.json(.sig)      names them — that signed list (app/kitcheck.py)
    <drive>/kitepkana-feed/…                              the library, as written by ``sync.export.export_feed``

The free space is checked before anything is written (:func:`check_space`). The installer and the zip are
copied atomically (a temporary file, then a rename), then read back from the drive and hashed: USB sticks
lie. ``export_feed`` verifies its own files the same way. The READMEs are written last, so a drive with a
README holds a whole kit. A README says the program can be checked only for the files the signed list on the
drive vouches for (checked on the drive as the receiving PC will check them); of any other it says plainly that
it could not be checked.

Where the program files come from, unless given: a ``kit/`` folder next to the executable (the installer
copies itself there, see build/installer.iss), else — in a source checkout — ``build/out/`` (what
``python build/build.py`` makes). No Qt here: the CLI (``kitepkana usb-kit``) and the dialog
(ui/usbkitdialog.py) both call :func:`write_usb_kit`.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__, drivefs, kitcheck
from app import paths as app_paths
from app.errors import CancelledError, KitepkanaError
from app.fsutil import FORBIDDEN_NAME_CHARS, safe_name, unlink_quietly, unsafe_name_reason
from app.progress import Cancelled, Message, Progress, ProgressEvent, Stage, emit

if TYPE_CHECKING:
    from app.library import Library

FEED_FOLDER = "kitepkana-feed"  # the same folder name the export dialog uses (ui/drives.py FEED_SUBFOLDER)
PROGRAM_FOLDER = "kitepkana-install"
KIT_FOLDER = "kit"  # beside the executable: where the installed app finds the files it passes on
README_NAME = "kitepkana-README-{lang}.txt"
README_LANGS = ("ky", "ru", "en")
FAT32_MAX = 4 * 1024**3 - 1
SPACE_MARGIN = 1024**2  # file system overhead (clusters, folder entries): a small safety margin
CHUNK = 1 << 20


class UsbKitError(KitepkanaError):
    """A USB kit cannot be written. Codes: ``no_space``, ``nothing_to_copy``, ``source_missing``,
    ``file_too_big``, ``write_verify_failed``, ``drive_missing``."""

    code = "usb_kit_failed"

    def __init__(self, message: str, *, code: str | None = None, need: int = 0, free: int = 0) -> None:
        super().__init__(message)
        if code:
            self.code = code
        self.need, self.free = need, free


@dataclass(frozen=True)
class KitFile:
    path: str  # relative to the drive, with '/'
    size: int
    sha256: str
    vouched: bool = False  # the portal's signed list on the drive names this exact file (app/kitcheck.py)


@dataclass(frozen=True)
class UsbKitReport:
    drive: str
    version: str
    program: list[KitFile] = field(default_factory=list)  # the installer and/or portable zip, verified
    feed: dict | None = None  # sync.export.ExportReport.to_dict(), or None when no library was written
    readmes: list[str] = field(default_factory=list)
    bytes: int = 0  # everything written
    signed_by: str | None = None  # the feed whose signed manifest on the drive vouches for program files

    def to_dict(self) -> dict:
        return asdict(self)


# --- finding the program files --------------------------------------------------------------------------


def kit_dirs() -> list[Path]:
    """Where the program files to pass on are looked for, best first."""
    base = app_paths.install_dir()
    if app_paths.is_frozen():
        return [base / KIT_FOLDER]
    return [base / "build" / "out" / KIT_FOLDER, base / "build" / "out"]


def find_program_files(dirs: list[Path] | None = None) -> tuple[Path | None, Path | None]:
    """The newest installer (``*setup*.exe``) and portable zip (``kitepkana-*.zip``) in the kit folders."""
    installer = portable = None
    for folder in kit_dirs() if dirs is None else dirs:
        try:
            files = [p for p in folder.iterdir() if p.is_file()]
        except OSError:
            continue
        newest = sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)
        installer = installer or next((p for p in newest if p.suffix.lower() == ".exe" and "setup" in p.name.lower()),
                                      None)
        portable = portable or next((p for p in newest if p.suffix.lower() == ".zip"
                                     and p.name.lower().startswith("kitepkana-")), None)
    return installer, portable


def fat32_name(name: str) -> str:
    """``name`` with what FAT32 and Windows refuse replaced by '-'."""
    safe = "".join("-" if c in FORBIDDEN_NAME_CHARS or c in "/\\" else c for c in name).rstrip(" .") or "file"
    # the rest (a device name, text-direction marks, a name too long) as every other name check does it
    return safe if unsafe_name_reason(safe) is None else safe_name(safe, "file")


# --- the free space -------------------------------------------------------------------------------------


def _existing(path: Path) -> Path:
    return next((p for p in (path, *path.parents) if p.exists()), path)


def disk_free(path: Path) -> int:
    """Free bytes on the drive holding ``path`` (or its nearest existing parent)."""
    existing = _existing(path)
    try:
        return shutil.disk_usage(existing).free
    except OSError as e:
        raise UsbKitError(f"the drive {path} is not there or cannot be read ({e.strerror or e})",
                          code="drive_missing") from e


def check_space(need: int, free: int, drive: Path) -> None:
    """Refuse, before writing anything, a drive with less room than the kit needs (plus a small margin)."""
    if need + SPACE_MARGIN > free:
        raise UsbKitError(f"not enough free space on {drive}: the kit needs {need / 1e6:.0f} MB, "
                          f"{free / 1e6:.0f} MB are free; free some space or use a bigger drive",
                          code="no_space", need=need + SPACE_MARGIN, free=free)


def kit_size(library: Library, *, installer: Path | None = None, portable: Path | None = None) -> int:
    """The bytes a kit will write (the READMEs aside): the program files and a full export of the library."""
    need = sum(p.stat().st_size for p in (installer, portable) if p is not None)
    if library is not None:
        from sync.export import export_size

        need += export_size(library)[0]
    return need


# --- writing the kit ------------------------------------------------------------------------------------


def _copy_verified(src: Path, dest: Path, *, progress: Callable[[int], None], cancelled: Cancelled | None) -> KitFile:
    """Copy atomically, hashing the source while reading; then read the copy back from the drive."""
    from sync.files import AtomicWriter

    digest, size = _digest(dest) if dest.is_file() else (None, -1)
    if size == src.stat().st_size and digest == _digest(src)[0]:
        progress(size)
        return KitFile(path="", size=size, sha256=digest)
    source_hash = hashlib.sha256()
    with open(src, "rb") as f, AtomicWriter(dest) as out:
        while chunk := f.read(CHUNK):
            if cancelled and cancelled():
                raise CancelledError("cancelled; nothing half-written was kept")
            source_hash.update(chunk)
            out.write(chunk)
            progress(len(chunk))
    got, got_size = _digest(dest)
    if got != source_hash.hexdigest() or got_size != out.size:
        raise UsbKitError(f"{dest.name} was damaged while writing to the drive; the drive may be failing",
                          code="write_verify_failed")
    return KitFile(path="", size=got_size, sha256=got)


def _digest(path: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def write_usb_kit(library: Library, drive: Path, *, installer: Path | None = None, portable: Path | None = None,
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  free_space: Callable[[Path], int] = disk_free, find: bool = True, data_dir: Path | None = None,
                  program_keys: list | None = None,
                  file_system: Callable[[Path], str] = drivefs.file_system) -> UsbKitReport:
    """Write a USB kit onto ``drive`` (a drive's root or any folder).

    ``library`` is exported as a feed into ``<drive>/kitepkana-feed`` (None: only the program). ``installer``
    and ``portable`` are the program files to pass on; when neither is given (and ``find``), they are looked
    for with :func:`find_program_files`. ``free_space(path)`` gives the free bytes, ``file_system(path)`` the
    drive's file system (a file of 4 GB or more is refused only on FAT32); both replaceable in tests. The
    signed list vouching for the program files is looked for in the feed copies kept in ``data_dir`` (default:
    the library's data folder), signed by one of ``program_keys`` (default: the keys shipped with Kitepkana).
    Raises :class:`UsbKitError` (``no_space`` before anything is written), ``sync.export.ExportError`` from the
    export, :class:`~app.errors.CancelledError` when ``cancelled()`` turns true.
    """
    drive = Path(drive)
    if installer is None and portable is None and find:
        installer, portable = find_program_files()
    program = [Path(p) for p in (installer, portable) if p is not None]
    for p in program:
        if not p.is_file():
            raise UsbKitError(f"{p} is not there", code="source_missing")
        if p.stat().st_size > FAT32_MAX and not drivefs.holds_big_files(file_system(_existing(drive))):
            raise UsbKitError(f"{p.name} is larger than 4 GB and cannot go on a FAT32 drive", code="file_too_big")
    if not program and library is None:
        raise UsbKitError("there is nothing to copy: no installer or portable zip was found (build them with "
                          "build/build.py, or give them with --installer/--portable)", code="nothing_to_copy")
    need = kit_size(library, installer=installer, portable=portable) + 3 * 4096  # the READMEs
    free = free_space(drive)
    check_space(need, free, drive)
    if not drive.is_dir():
        try:
            drive.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsbKitError(f"cannot write to {drive} ({e.strerror or e})", code="drive_missing") from e

    for lang in README_LANGS:  # a kit cut short must not look whole: the READMEs come back last
        (drive / README_NAME.format(lang=lang)).unlink(missing_ok=True)
    done = 0

    def step(n: int, message: Message, stage: Stage = Stage.COPY) -> None:
        nonlocal done
        done += n
        if progress:  # the export's own events pass through (their stage, their file)
            own = isinstance(message, ProgressEvent) and message.stage != Stage.DONE  # the kit goes on after it
            item = message.item if isinstance(message, ProgressEvent) else message
            event = message if own else ProgressEvent(stage, done, need, item=item)
            progress(min(done, need), need, event)

    written: list[KitFile] = []
    for src in program:
        rel = f"{PROGRAM_FOLDER}/{fat32_name(src.name)}"
        copied = _copy_verified(src, drive / rel, progress=lambda n, r=rel: step(n, r), cancelled=cancelled)
        written.append(KitFile(path=rel, size=copied.size, sha256=copied.sha256))
    signed_by = None
    if written:
        folder, names = drive / PROGRAM_FOLDER, {k.path.rsplit("/", 1)[-1].casefold() for k in written}
        for old in kitcheck.program_files(folder):  # an older kit's program: the check covers this kit's files
            if old.name.casefold() not in names:
                unlink_quietly(old)
        if data_dir is None and library is not None:
            data_dir = library.paths.data
        signed = kitcheck.signed_copy_for(data_dir, {k.sha256 for k in written}, trusted=program_keys)
        # a few KB, within the space margin: not counted in the progress
        kitcheck.write_checks(folder, [(k.path.rsplit("/", 1)[-1], k.sha256) for k in written], signed)
        if signed is not None:  # what the README may claim is what the receiving PC's check will find
            check = kitcheck.verify_kit(drive, trusted=program_keys)
            good = {c.path for c in check.files if c.status == kitcheck.CHECKED}
            written = [replace(k, vouched=k.path in good) for k in written]
            signed_by = check.feed_id if good else None

    feed = None
    if library is not None:
        from sync.export import export_feed

        base = done

        def feed_progress(d: int, _total: int, message: Message) -> None:
            nonlocal done
            done = base + d
            step(0, message)

        report = export_feed(library, drive / FEED_FOLDER, progress=feed_progress, cancelled=cancelled)
        done = base + report.bytes
        feed = report.to_dict()

    readmes = []
    for lang in README_LANGS:
        name = README_NAME.format(lang=lang)
        text = readme_text(lang, program=[k.path for k in written], feed=feed is not None,
                           vouched=[k.path for k in written if k.vouched])
        _write_text(drive / name, text)
        readmes.append(name)
        step(len(text.encode("utf-8")), name, Stage.FINISH)
    emit(progress, need, need, Stage.DONE)
    total = sum(k.size for k in written) + (feed["bytes"] if feed else 0) + sum(
        (drive / n).stat().st_size for n in readmes)
    if written:
        total += sum(p.stat().st_size for p in (drive / PROGRAM_FOLDER / n for n in (
            kitcheck.CHECKSUM_NAME, kitcheck.SIGNED_NAME, kitcheck.SIGNED_SIG_NAME)) if p.is_file())
    return UsbKitReport(drive=str(drive), version=__version__, program=written, feed=feed, readmes=readmes,
                        bytes=total, signed_by=signed_by)


def _write_text(path: Path, text: str) -> None:
    """A README Windows Notepad shows right, even old ones: UTF-8 with a BOM, CRLF line ends."""
    from sync.files import write_atomic

    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8-sig")
    write_atomic(path, data)
    if path.read_bytes() != data:
        raise UsbKitError(f"{path.name} was damaged while writing to the drive", code="write_verify_failed")


# --- the READMEs ----------------------------------------------------------------------------------------

_TEXTS = {
    "ky": {
        "title": "Китепкана {version}: ушул флешкадан орнотуу жана жаңыртуу",
        "intro": "Бул флешкада Китепкана программасы жана жергиликтүү өз алдынча башкаруунун мыкты "
                 "тажрыйбалар китепканасы бар. Интернет керек эмес.",
        "install": "ПРОГРАММАНЫ ОРНОТУУ",
        "installer": "1. «{folder}» папкасын ачып, «{name}» файлын эки жолу басыңыз.\n"
                     "2. Орнотуучунун көрсөтмөлөрүн аткарыңыз. Администратордун укугу керек эмес: "
                     "программа ушул колдонуучуга орнотулат.\n"
                     "3. Китепкана «Пуск» менюсунда пайда болот.",
        "portable": "Орнотпостон иштетүү: «{folder}\\{name}» архивин флешкага же компьютерге ачыңыз "
                    "(«Баарын чыгаруу»), анан kitepkana.exe файлын иштетиңиз. Маалыматтар ошол эле "
                    "папкадагы kitepkana-data ичинде сакталат.",
        "no_program": "Бул флешкада программа жок. Китепкананы орнотуу үчүн аны порталдан же башка "
                      "флешкадан алыңыз.",
        "check": "ПРОГРАММАНЫ ТЕКШЕРҮҮ",
        "checked": "Порталдын санарип колтамгасы булардын чын экенин ырастайт: {names}. Портал кол койгон "
                   "программа файлдарынын тизмеси «{folder}» папкасында ({signed}). Орнотуудан мурун аларды "
                   "Китепкана орнотулган компьютерде текшерсе болот: буйрук сабын ачып, мындай жазыңыз:\n"
                   "  {cli}\n(E: ордуна ушул флешканын тамгасы). Ар бир файлдын SHA-256 суммасы "
                   "«{folder}\\{sums}» файлында да бар.",
        "unchecked": "Текшерилген жок: {names}. Бул флешканы даярдаган компьютерде бул файлды атаган, портал кол "
                     "койгон тизме болгон эмес, ошондуктан бул порталдын программасы экенин эч нерсе "
                     "далилдебейт. Флешканы берген адамга ишенсеңиз гана орнотуңуз; болбосо Китепкананы "
                     "порталдан алыңыз.",
        "update": "КИТЕПКАНАНЫ ЖАҢЫРТУУ",
        "update_steps": "1. Китепкана программасын ачыңыз.\n"
                        "2. «Китепкана» менюсунан «Китепкананы жаңыртуу» дегенди тандаңыз.\n"
                        "3. Тизмеден ушул флешканы тандаңыз (же «Папканы тандоо…» аркылуу "
                        "«{feed}» папкасын көрсөтүңүз), анан «Китепкананы жаңыртуу» баскычын басыңыз.\n"
                        "Порталдын санарип колтамгасы текшерилет: бузулган же өзгөртүлгөн материалдар "
                        "кабыл алынбайт. Сиздин белгилериңиз жана жазууларыңыз сакталат.",
        "no_feed": "Бул флешкада китепкананын көчүрмөсү жок: программа орнотулгандан кийин порталдан "
                   "жаңыртыңыз.",
        "made": "Даярдалган күнү: {date}.",
    },
    "ru": {
        "title": "Китепкана {version}: установка и обновление с этой флешки",
        "intro": "На этой флешке — программа Китепкана и библиотека лучших практик местного "
                 "самоуправления. Интернет не нужен.",
        "install": "УСТАНОВКА ПРОГРАММЫ",
        "installer": "1. Откройте папку «{folder}» и дважды щёлкните файл «{name}».\n"
                     "2. Следуйте указаниям установщика. Права администратора не нужны: программа "
                     "устанавливается для текущего пользователя.\n"
                     "3. Китепкана появится в меню «Пуск».",
        "portable": "Запуск без установки: распакуйте архив «{folder}\\{name}» на флешку или на "
                    "компьютер («Извлечь всё»), затем запустите kitepkana.exe. Данные хранятся рядом, в "
                    "папке kitepkana-data.",
        "no_program": "Программы на этой флешке нет. Чтобы установить Китепкану, возьмите её на портале "
                      "или с другой флешки.",
        "check": "ПРОВЕРКА ПРОГРАММЫ",
        "checked": "Подпись портала подтверждает подлинность: {names}. Подписанный порталом список файлов "
                   "программы лежит в папке «{folder}» ({signed}). До установки их можно проверить на "
                   "компьютере, где Китепкана уже есть: откройте командную строку и выполните\n"
                   "  {cli}\n(вместо E: — буква этой флешки). SHA-256 каждого файла есть также в "
                   "«{folder}\\{sums}».",
        "unchecked": "Не проверено: {names}. На компьютере, где готовили эту флешку, не было подписанного "
                     "порталом списка, где назван этот файл, поэтому ничто не подтверждает, что это программа "
                     "портала. Устанавливайте её, только если доверяете тому, кто дал вам флешку; иначе "
                     "возьмите Китепкану на портале.",
        "update": "ОБНОВЛЕНИЕ БИБЛИОТЕКИ",
        "update_steps": "1. Откройте программу Китепкана.\n"
                        "2. В меню «Библиотека» выберите «Обновить библиотеку».\n"
                        "3. Выберите в списке эту флешку (или укажите папку «{feed}» кнопкой «Выбрать "
                        "папку…») и нажмите «Обновить библиотеку».\n"
                        "Цифровая подпись портала проверяется: повреждённые или изменённые материалы не "
                        "принимаются. Ваши закладки и заметки сохраняются.",
        "no_feed": "Копии библиотеки на этой флешке нет: после установки обновите библиотеку с портала.",
        "made": "Подготовлено: {date}.",
    },
    "en": {
        "title": "Kitepkana {version}: installing and updating from this drive",
        "intro": "This drive carries the Kitepkana program and the library of best practices of local "
                 "self-government. No internet is needed.",
        "install": "INSTALLING THE PROGRAM",
        "installer": "1. Open the folder \"{folder}\" and double-click \"{name}\".\n"
                     "2. Follow the installer. No administrator rights are needed: the program is installed "
                     "for the current user.\n"
                     "3. Kitepkana appears in the Start menu.",
        "portable": "Running without installing: unpack \"{folder}\\{name}\" onto the drive or the computer "
                    "(\"Extract all\"), then start kitepkana.exe. Its data is kept beside it, in the "
                    "kitepkana-data folder.",
        "no_program": "This drive does not carry the program. Get Kitepkana from the portal or another drive "
                      "to install it.",
        "check": "CHECKING THE PROGRAM",
        "checked": "The portal's signature vouches for: {names}. The list of program files the portal signed is in "
                   "the folder \"{folder}\" ({signed}). Before installing, a computer that already has Kitepkana "
                   "can check them against it: open a command prompt and run\n"
                   "  {cli}\n(with this drive's letter instead of E:). Each file's SHA-256 is also in "
                   "\"{folder}\\{sums}\".",
        "unchecked": "Not checked: {names}. The computer that made this drive had no list signed by the portal "
                     "that names this file, so nothing proves it is the portal's program. Install it only if you "
                     "trust whoever gave you this drive; otherwise get Kitepkana from the portal.",
        "update": "UPDATING A LIBRARY",
        "update_steps": "1. Open Kitepkana.\n"
                        "2. In the Library menu choose Update library.\n"
                        "3. Choose this drive in the list (or the folder \"{feed}\" with Choose folder…), then "
                        "click Update library.\n"
                        "The portal's digital signature is checked: damaged or altered material is refused. "
                        "Your bookmarks and notes are kept.",
        "no_feed": "This drive does not carry a copy of the library: after installing, update from the portal.",
        "made": "Made on {date}.",
    },
}


# the check on the receiving PC, where the installer puts Kitepkana (build/installer.iss)
VERIFY_COMMAND = '"%LOCALAPPDATA%\\Programs\\Kitepkana\\kitepkana-cli.exe" usb-kit --verify E:\\'


def readme_text(lang: str, *, program: list[str], feed: bool, vouched: Collection[str] = (),
                today: date | None = None) -> str:
    """The README for one language. ``program`` lists the program files on the drive (relative paths), ``vouched``
    those the signed list on the drive vouches for: only of these does it say they can be checked."""
    t = _TEXTS[lang]
    title = t["title"].format(version=__version__)
    lines = [title, "=" * len(title), "", t["intro"], "", t["install"], ""]
    installer = next((p for p in program if p.lower().endswith(".exe")), None)
    portable = next((p for p in program if p.lower().endswith(".zip")), None)
    if installer:
        lines += [t["installer"].format(folder=PROGRAM_FOLDER, name=installer.rsplit("/", 1)[-1]), ""]
    if portable:
        lines += [t["portable"].format(folder=PROGRAM_FOLDER, name=portable.rsplit("/", 1)[-1]), ""]
    if not program:
        lines += [t["no_program"], ""]
    else:
        lines += [t["check"], ""]
        names = [p.rsplit("/", 1)[-1] for p in program if p in vouched]
        if names:
            lines += [t["checked"].format(names=", ".join(names), folder=PROGRAM_FOLDER, cli=VERIFY_COMMAND,
                                          signed=f"{kitcheck.SIGNED_NAME}, {kitcheck.SIGNED_SIG_NAME}",
                                          sums=kitcheck.CHECKSUM_NAME), ""]
        names = [p.rsplit("/", 1)[-1] for p in program if p not in vouched]
        if names:
            lines += [t["unchecked"].format(names=", ".join(names)), ""]
    lines += [t["update"], ""]
    if feed:
        lines += [t["update_steps"].format(feed=FEED_FOLDER), ""]
    else:
        lines += [t["no_feed"], ""]
    lines += [t["made"].format(date=(today or date.today()).isoformat())]
    return "\n".join(lines) + "\n"
