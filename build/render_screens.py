"""Render the main screens of the desktop app to PNG files, in Kyrgyz, Russian and English, to look at them.

    python build/render_screens.py                       # ky, ru, en into build/out/screens/
    python build/render_screens.py --lang ky --dark      # also the dark-mode renders (main window, reader, lesson)
    QT_SCALE_FACTOR=2 python build/render_screens.py --lang ru --only main,reader --suffix @2x
    xvfb-run -a -s "-screen 0 1280x1024x24" python build/render_screens.py   # under X (see the note on video)

Nothing goes to the network: a temporary library is filled from the bundled sample, and a feed published
from the sample into a temporary folder (signed with a throw-away key) plays the part of a USB drive for
the update, downloads and copy-to-USB screens.

Sizes: the main window is rendered as it fills a 1366×768 screen (most library PCs) and a 1920×1080 one, less a
40 px taskbar (``--sizes``); window screens get the size in their name, dialogs keep their own size and are
rendered once.

Screens (``<screen>_<lang>[_dark]_<W>x<H>[suffix].png`` for the window, ``<screen>_<lang>[suffix].png`` for
dialogs): ``welcome`` (a first start on the sample: the welcome panel), ``main`` (search results and facets for a
query, a filter chip), ``reader`` (a practice), ``pdf`` (a document in the PDF viewer), ``lesson`` (a video lesson playing,
with subtitles and the transcript), ``update`` (after an update from a folder feed, What's new listed),
``downloads`` (the videos that update left to download), ``usbcopy`` (the copy-to-USB dialog after a copy),
``usbkit`` (the "Make a USB kit" dialog, a folder chosen),
``settings_general`` / ``settings_updates`` / ``settings_visitor`` (the three tabs), ``visitor`` (the main window
in visitor mode) and ``pin`` (the librarian PIN dialog after a wrong PIN).

Video: QVideoWidget draws the frame on its own native surface, which ``QWidget.grab()`` does not capture
(measured: the video area grabs blank both with ``QT_QPA_PLATFORM=offscreen`` and under Xvfb, although
frames arrive). Under X (``xvfb-run``, with a screen larger than the window) the lesson is therefore taken
with ``QScreen.grabWindow()``, which shows the real video frame; offscreen, where that is impossible, the
last frame the video sink received is painted over the (blank) video area, and a note says so. Either way
the lesson render shows what a viewer sees. Xvfb needs ``apt-get install xvfb xauth libxkbcommon-x11-0
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0``.

This is a tool, not a test (pytest does not collect ``build/``). ``build/out/`` is ignored by git.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

SAMPLE = ROOT / "resources" / "sample"
SCREENS = ("welcome", "main", "reader", "pdf", "lesson", "update", "downloads", "usbcopy", "usbkit", "settings",
           "visitor", "pin")
WINDOW_SCREENS = ("welcome", "main", "reader", "pdf", "lesson", "downloads", "visitor")  # rendered at each size
SIZES = "1366x768,1920x1080"
TASKBAR = 40  # px of the screen the Windows taskbar keeps
DARK_SCREENS = ("main", "reader", "lesson")
# what each language shows: a query, a practice, a document (PDF) and a lesson in that language
CONTENT = {
    "ky": {"query": "жайыт", "practice": "pasture-atbashy-ky", "document": "doc-pasture-guide-ky",
           "lesson": "lesson-pasture-committees-ky"},
    "ru": {"query": "бюджет", "practice": "pb-lebedinovka-ru", "document": "doc-pb-methodology-ru",
           "lesson": "lesson-pb-intro-ru"},
    "en": {"query": "pasture", "practice": "pb-lebedinovka-en", "document": "doc-contest-guide-en",
           "lesson": "lesson-pb-intro-ru"},
}
FEED_ID = "sample-feed"
PIN = "2468"


def wait_until(predicate, timeout: float = 30.0, what: str = "") -> None:
    """Run the event loop until ``predicate()`` is true (raise after ``timeout`` seconds)."""
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError(f"timed out waiting for {what or predicate}")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def dark_palette() -> QPalette:
    """A dark palette like the one Windows 10/11 and most Linux desktops give in dark mode."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3d7bd9", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb4ff", QPalette.ColorRole.LinkVisited: "#c09cff",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a", QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a", QPalette.ColorRole.Mid: "#4a4a4a",
        QPalette.ColorRole.Dark: "#202020", QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040", QPalette.ColorRole.Shadow: "#101010",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def set_theme(app: QApplication, dark: bool, light: QPalette) -> None:
    """Dark: ask for the dark colour scheme (Qt 6.8+); where the platform ignores it (offscreen), set a dark
    palette, which is what the app sees on a desktop in dark mode."""
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Unknown)
    settle(0.1)
    if dark and app.palette().color(QPalette.ColorRole.Window).lightness() > 128:
        app.setPalette(dark_palette())
    elif not dark:
        app.setPalette(light)
    settle(0.1)


class Renderer:
    def __init__(self, app: QApplication, out: Path, work: Path, *, suffix: str, only: set[str]) -> None:
        self.app, self.out, self.work, self.suffix, self.only = app, out, work, suffix, only
        self.written: list[Path] = []
        self.notes: list[str] = []
        self.size: tuple[int, int] | None = None  # the screen the window fills (None: the window's own size)
        self.first_size = True  # dialogs are rendered once, with the first size

    def save(self, widget: QWidget, name: str, *, image: QImage | None = None) -> None:
        settle(0.2)
        screen = name.split("_")[0]
        tag = f"_{self.size[0]}x{self.size[1]}" if self.size and screen in WINDOW_SCREENS else ""
        path = self.out / f"{name}{tag}{self.suffix}.png"
        (image if image is not None else widget.grab().toImage()).save(str(path))
        self.written.append(path)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)

    def wanted(self, *names: str) -> bool:
        """Asked for, and (dialogs) not rendered already at an earlier size."""
        return any(n in self.only and (self.first_size or n in WINDOW_SCREENS) for n in names)

    def fit(self, window: QWidget) -> None:
        """The window maximised on the screen being rendered (less the taskbar)."""
        if self.size:
            window.resize(self.size[0], self.size[1] - TASKBAR)
            settle(0.2)

    # --- the sample library and a feed ------------------------------------------------------------

    def prepare(self) -> None:
        from app.library import Library
        from sync import signing
        from sync.publisher import publish

        self.template = self.work / "template"
        with Library.open(self.template) as lib:
            lib.import_folder(SAMPLE)
        (self.work / "keys").mkdir()
        self.keys = signing.generate_keypair(self.work / "keys" / "publisher.key")
        self.feed = self.work / "USB" / "kitepkana-feed"
        publish(SAMPLE, self.feed, self.keys.private, feed_id=FEED_ID, title="Kitepkana sample")

    def library_copy(self, name: str) -> Path:
        target = self.work / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.template, target)
        return target

    # --- the main window over the sample ------------------------------------------------------------

    def main_window(self, lang: str, tag: str) -> None:
        from ui.app import start

        content = CONTENT[lang]
        window = start(str(self.library_copy(f"main-{lang}{tag}")), import_sample=False)
        self.fit(window)
        try:
            wait_until(lambda: window.library is not None and window.search_page.response is not None,
                       what="the library to open")
            page = window.search_page
            welcome = getattr(window, "welcome", None)
            if welcome is not None:
                wait_until(lambda: not window.tasks.busy(), what="the welcome check")
                if self.wanted("welcome") and not tag:
                    self.save(window, f"welcome_{lang}")
                welcome.done()  # the other screens show a library in use
            if self.wanted("main"):
                page.search_box.setText(content["query"])
                page.search_now()
                wait_until(lambda: page.response is not None and page.response.query == content["query"],
                           what="search results")
                page.set_filter("lang", lang if lang != "en" else "en")
                wait_until(lambda: page.response is not None and page.filters.get("lang") == lang
                           and not window.tasks.busy(), what="filtered results")
                self.save(window, f"main_{lang}{tag}")
            if self.wanted("reader"):
                self._show(window, content["practice"])
                self.save(window, f"reader_{lang}{tag}")
            if self.wanted("pdf") and not tag:
                self._show(window, content["document"])
                reader = window.views.reader_view
                wait_until(lambda: reader.pdf.isVisible() and reader.pdf.is_open(), what="the PDF")
                self.save(window, f"pdf_{lang}{tag}")
            if self.wanted("lesson"):
                self.lesson(window, lang, tag)
            if self.wanted("settings") and not tag:
                self.settings(window, lang)
            if self.wanted("visitor", "pin") and not tag:
                self.visitor(window, lang)
        finally:
            window.close()
            window.tasks.wait()

    def _show(self, window, item_id: str) -> None:
        window.open_item(item_id)
        wait_until(lambda: window.views.reader_view is not None and window.views.reader_view.item_id == item_id
                   and window.stack.currentWidget() is window.views.reader_view, what=f"{item_id} in the reader")
        wait_until(lambda: not window.tasks.busy(), what="the reader's side lists")

    def lesson(self, window, lang: str, tag: str) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        view = window.views.lesson()
        view.audio.setMuted(True)
        frames: list = []
        view.video.videoSink().videoFrameChanged.connect(lambda f: frames.append(f) if f.isValid() else None)
        window.open_item(CONTENT[lang]["lesson"], at=11.0)
        wait_until(lambda: view.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
                   and view.player.position() > 12_500 and frames and view.caption.text(),
                   what="the lesson to play with a subtitle")
        view.player.pause()
        wait_until(lambda: view.player.playbackState() == QMediaPlayer.PlaybackState.PausedState)
        settle(0.5)
        if QGuiApplication.platformName() == "xcb":  # what the X server shows, the video surface included
            image = window.screen().grabWindow(window.winId()).toImage()
        else:
            image = window.grab().toImage()
        if _blank(image, view.video):
            # QVideoWidget's own surface is not part of grab() here: paint the frame it is showing
            frame = frames[-1].toImage()
            spot = view.video.mapTo(window, QPoint(0, 0))
            box = view.video.rect().translated(spot)
            scaled = frame.scaled(box.size() * image.devicePixelRatio(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(image.devicePixelRatio())  # the painter works in logical pixels
            painter = QPainter(image)
            painter.fillRect(box, Qt.GlobalColor.black)
            painter.drawImage(box.x() + (box.width() - scaled.width() / image.devicePixelRatio()) / 2,
                              box.y() + (box.height() - scaled.height() / image.devicePixelRatio()) / 2, scaled)
            painter.end()
            self.notes.append(f"lesson_{lang}{tag}: the video area grabbed blank on "
                              f"{QGuiApplication.platformName()}; the sink's last frame was painted in")
        self.save(window, f"lesson_{lang}{tag}", image=image)
        view.stop()
        window.go_to_section("all")

    def settings(self, window, lang: str) -> None:
        from ui.settingsdialog import SettingsDialog

        dialog = SettingsDialog(window.library, window, tasks=window.tasks)
        dialog.show()
        wait_until(lambda: not window.tasks.busy(), what="the topic list")
        for index, name in enumerate(("general", "updates", "visitor")):
            dialog.tabs.setCurrentIndex(index)
            self.save(dialog, f"settings_{name}_{lang}")
        dialog.reject()

    def visitor(self, window, lang: str) -> None:
        from app.settings import Settings
        from ui.kiosk import PinDialog, hash_pin

        settings = Settings(window.library.paths)
        settings.set("kiosk_pin_hash", hash_pin(PIN))
        settings.set("kiosk_enabled", True)
        window.kiosk.reload()
        window.update_kiosk()
        if self.wanted("visitor"):
            self.save(window, f"visitor_{lang}")
        if self.wanted("pin"):
            dialog = PinDialog(window.kiosk, window)
            dialog.show()
            dialog.pin.setText("1111")
            dialog.submit()  # a wrong PIN: the longest text the dialog shows
            self.save(dialog, f"pin_{lang}")
            dialog.reject()
        settings.set("kiosk_enabled", False)
        window.kiosk.reload()

    # --- update from a folder feed, then downloads and copy to USB ---------------------------------

    def update_screens(self, lang: str) -> None:
        from app.library import Library
        from app.settings import Settings
        from sync.client import trust_key
        from ui.exportdialog import ExportDialog
        from ui.tasks import TaskManager
        from ui.update import UpdateDialog

        folder = self.work / f"updated-{lang}"
        shutil.rmtree(folder, ignore_errors=True)
        tasks = TaskManager()
        library = Library.open(folder)
        try:
            settings = Settings(library.paths)
            trust_key(settings, self.keys.public)
            dialog = UpdateDialog(library, tasks)
            dialog.show()
            wait_until(lambda: not tasks.busy(), what="the drive scan")
            assert dialog.choose_folder(self.feed.parent)
            dialog.start_update()
            wait_until(lambda: dialog.task is None, timeout=120, what="the update")
            if dialog.trust_box.isVisible():  # a publisher new to this library: say yes, as a librarian would
                dialog._trust_and_retry()
                wait_until(lambda: dialog.task is None and dialog.outcome is not None, timeout=120,
                           what="the update")
            wait_until(lambda: not tasks.busy(), what="the history")
            if self.wanted("update"):
                self.save(dialog, f"update_{lang}")
            dialog.close()
            if self.wanted("usbcopy"):
                self.usbcopy(library, tasks, lang, ExportDialog)
            if self.wanted("usbkit"):
                self.usbkit(library, tasks, lang)
        finally:
            tasks.cancel_all()
            tasks.wait()
            library.close()
        if self.wanted("downloads"):
            from ui.app import start

            window = start(str(folder), import_sample=False)
            self.fit(window)
            try:
                wait_until(lambda: window.library is not None and window.search_page.response is not None,
                           what="the updated library")
                window.go_to_section("downloads")
                wait_until(lambda: window.views.downloads_view is not None and not window.tasks.busy(),
                           what="the downloads list")
                self.save(window, f"downloads_{lang}")
            finally:
                window.close()
                window.tasks.wait()

    def usbcopy(self, library, tasks, lang: str, export_dialog) -> None:
        """The USB wizard's last page after "Library only" (the export dialog alone in older versions)."""
        try:
            from ui.usbwizard import UsbWizard
        except ImportError:  # older versions: the export dialog alone
            wizard = None
            export = export_dialog(library, tasks)
            export.show()
        else:
            wizard = UsbWizard(library, tasks)
            wizard.show()
            wait_until(lambda: wizard.survey is not None and not tasks.busy(), what="the wizard's look around")
            wizard.go_on()
            export = wizard.job
        wait_until(lambda: not tasks.busy(), what="the drive scan")
        export.choose_folder(self.work / f"stick-{lang}")
        wait_until(lambda: not tasks.busy(), what="the measure")
        export.start_export()
        wait_until(lambda: not tasks.busy() and export.task is None, timeout=120, what="the copy")
        self.save(wizard or export, f"usbcopy_{lang}")
        (wizard or export).close()

    def usbkit(self, library, tasks, lang: str) -> None:
        try:
            from ui.usbwizard import PROGRAM, UsbWizard
        except ImportError:  # not in every version of the app
            return
        wizard = UsbWizard(library, tasks, mode=PROGRAM)  # its first page: the two choices, and what they need
        wizard.show()
        wait_until(lambda: wizard.survey is not None and not tasks.busy(), what="the wizard's look around")
        self.save(wizard, f"usbkit_{lang}")
        wizard.close()


def _blank(image: QImage, video: QWidget) -> bool:
    """Is the video area of a grab one flat colour (black, or the window's background)?"""
    if not video.isVisible():
        return False
    ratio = image.devicePixelRatio()
    rect = video.rect().translated(video.mapTo(video.window(), QPoint(0, 0)))
    shades = set()
    for i in range(1, 16):
        for j in range(1, 16):
            x = int((rect.x() + rect.width() * i / 16) * ratio)
            y = int((rect.y() + rect.height() * j / 16) * ratio)
            shades.add(image.pixel(x, y))
    return len(shades) <= 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "out" / "screens", help="folder for the PNGs")
    parser.add_argument("--lang", default="ky,ru,en", help="comma-separated interface languages (ky,ru,en)")
    parser.add_argument("--only", default=",".join(SCREENS), help=f"comma-separated screens: {','.join(SCREENS)}")
    parser.add_argument("--dark", action="store_true", help=f"also render {', '.join(DARK_SCREENS)} in dark mode")
    parser.add_argument("--sizes", default=SIZES, help="screens the window fills, comma-separated WxH "
                                                       "('' keeps the window's own size)")
    parser.add_argument("--suffix", default="", help="added to every file name (e.g. @2x for a scaled run)")
    parser.add_argument("--style", default="Fusion", help="Qt widget style (Fusion: as close as it gets "
                                                          "to Windows here; '' keeps the platform's)")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kitepkana")
    if args.style:
        app.setStyle(args.style)
    from ui import i18n, icons

    icons.follow_palette(app)  # as ui.app.run does
    light = app.palette()

    args.out.mkdir(parents=True, exist_ok=True)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    work = Path(tempfile.mkdtemp(prefix="kitepkana-screens-"))
    try:
        renderer = Renderer(app, args.out, work, suffix=args.suffix, only=only)
        renderer.prepare()
        sizes = [tuple(int(v) for v in s.strip().split("x")) for s in args.sizes.split(",") if s.strip()] or [None]
        for index, size in enumerate(sizes):
            renderer.size, renderer.first_size = size, index == 0
            render_languages(app, renderer, args, light, work)
        for note in renderer.notes:
            print("note:", note)
        print(f"{len(renderer.written)} screens in {args.out}")
    finally:
        i18n.install_language(app, "en")
        shutil.rmtree(work, ignore_errors=True)
    return 0


def render_languages(app: QApplication, renderer: Renderer, args: argparse.Namespace, light: QPalette,
                     work: Path) -> None:
    """Every screen asked for, in each language, at the renderer's current size."""
    from ui import i18n

    for lang in [s.strip() for s in args.lang.split(",") if s.strip()]:
        used = i18n.install_language(app, lang, cache_dir=work / "cache")
        if used != lang:
            print(f"warning: asked for {lang}, got {used}", flush=True)
        settle(0.1)
        if renderer.wanted("welcome", "main", "reader", "pdf", "lesson", "settings", "visitor", "pin"):
            renderer.main_window(lang, "")
        if renderer.wanted("update", "downloads", "usbcopy", "usbkit"):
            renderer.update_screens(lang)
        if args.dark and renderer.wanted(*DARK_SCREENS):
            set_theme(app, True, light)
            renderer.main_window(lang, "_dark")
            set_theme(app, False, light)


if __name__ == "__main__":
    if sys.argv[1:2] == ["reading-room"]:  # the reading room's pages in Chromium at phone size
        from render_web_screens import reading_room_main

        sys.exit(reading_room_main(sys.argv[2:], content=CONTENT))
    sys.exit(main())
