"""What the packaging build shares between ``build/build.py``, ``build/kitepkana.spec`` and ``build/smoke_test.py``:
names and folders, the version, what goes into the bundle and what is left out of it, the Windows icon and
version resource, sizes and the portable zip.

Everything the build writes goes under ``build/out/`` (ignored by git); nothing here writes into tracked files.
"""

from __future__ import annotations

import json
import os
import platform
import re
import stat
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PyInstaller.utils.win32.versioninfo import VSVersionInfo

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("KITEPKANA_BUILD_OUT") or ROOT / "build" / "out").resolve()  # build.py --out sets it
APP_NAME = "kitepkana"  # the onedir folder and the GUI executable
CLI_NAME = "kitepkana-cli"  # the console executable, in the same folder, sharing the bundle
PORTABLE_MARKER = "kitepkana-portable"  # app/paths.py PORTABLE_MARKER
KIT_FOLDER = "kit"  # app/usbkit.py KIT_FOLDER

IS_WINDOWS = sys.platform == "win32"
Toc = list[tuple[str, str, str]]  # a PyInstaller TOC: (dest, source, kind) of each collected file


def version() -> str:
    """The one version number: ``app/__init__.py``'s ``__version__`` (read as text: no import of the app)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not found:
        raise SystemExit("no __version__ in app/__init__.py")
    return found.group(1)


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """``"0.1.0"`` -> ``(0, 1, 0, 0)`` for the Windows version resource (numbers only)."""
    parts = [int(p) for p in re.findall(r"\d+", text or version())[:4]]
    return tuple((parts + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def platform_tag() -> str:
    """``windows-x64``, ``linux-x86_64``, ``macos-arm64``: part of the zip's name."""
    machine = platform.machine().lower() or "unknown"
    if IS_WINDOWS:
        return "windows-" + {"amd64": "x64", "x86_64": "x64", "x86": "x86", "arm64": "arm64"}.get(machine, machine)
    if sys.platform == "darwin":
        return "macos-" + machine
    return f"{sys.platform.rstrip('0123456789')}-{machine}"


def zip_name(ver: str | None = None) -> str:
    return f"{APP_NAME}-{ver or version()}-{platform_tag()}.zip"


def installer_name(ver: str | None = None) -> str:
    return f"{APP_NAME}-{ver or version()}-setup.exe"  # what build/installer.iss writes


# --- the portal key ---------------------------------------------------------------------------------------

# Keys made for development (the sample feed, tests): their private halves are not kept the way the real portal
# key's is, so a release must never trust one. The one place that names them (build/README.md, "The portal key");
# a development key made later goes here too, and its .pub comment begins with DEVELOPMENT_MARKER.
DEVELOPMENT_KEY_IDS = {"670bd0beb36554b6": "the sample feed's development portal key"}
DEVELOPMENT_MARKER = "DEVELOPMENT"
PORTAL_KEY = Path("resources") / "keys" / "portal.pub"  # the only key the bundle carries (data_files)


def portal_key_check(path: Path) -> tuple[str, str | None]:
    """``(key id, problem)`` of the portal key file at ``path``: problem is None for a key fit for a release, else
    why not, in plain words (missing, unreadable, a development key by its id or by its comment)."""
    sys.path.insert(0, str(ROOT))
    from sync.errors import KeyFileError
    from sync.signing import key_id, parse_public

    try:
        data = Path(path).read_bytes()
        kid = key_id(parse_public(data, source=str(path)))
    except FileNotFoundError:
        return "", f"there is no portal key at {path}"
    except (OSError, KeyFileError) as e:
        return "", f"the portal key {path} cannot be read: {e}"
    try:
        comment = json.loads(data.decode("utf-8-sig")).get("comment") or ""
    except ValueError:  # a PEM public key: no comment
        comment = ""
    if kid in DEVELOPMENT_KEY_IDS:
        return kid, f"{path} is a development key ({kid}, {DEVELOPMENT_KEY_IDS[kid]})"
    if str(comment).lstrip().upper().startswith(DEVELOPMENT_MARKER):
        return kid, f"{path} is a development key ({kid}; its comment says: {str(comment)[:80]})"
    return kid, None


# --- what goes into the bundle ---------------------------------------------------------------------------


def data_files() -> list[tuple[str, str]]:
    """(source, folder in the bundle) pairs for PyInstaller's ``datas``."""
    res = ROOT / "resources"
    datas = [(str(res / "sample"), "resources/sample"),
             (str(ROOT / PORTAL_KEY), "resources/keys"),
             (str(res / "icons"), "resources/icons")]
    # the interface translations, compiled by build.py into build/out/work/translations (else the ones built
    # beside the .ts sources by build/translations.py)
    qm_dir = OUT / "work" / "translations"
    if not any(qm_dir.glob("*.qm")):
        qm_dir = res / "translations"
    datas += [(str(qm), "resources/translations") for qm in sorted(qm_dir.glob("*.qm"))]
    # the reading room (app/web): its templates, style sheet and catalogs compiled to .mo by build.py (Babel, which
    # would compile them at first use, is left out: its locale data alone is 36 MB)
    web = ROOT / "app" / "web"
    datas += [(str(web / "templates"), "app/web/templates"), (str(web / "static"), "app/web/static")]
    datas += [(str(mo), str(mo.parent.relative_to(ROOT))) for mo in sorted((web / "translations").rglob("*.mo"))]
    # Alembic reads the migration scripts as files (app/db/engine.py: MIGRATIONS_DIR next to engine.py)
    migrations = ROOT / "app" / "db" / "migrations"
    for path in sorted(migrations.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".mako", ".ini"):
            datas.append((str(path), str(Path("app/db/migrations") / path.parent.relative_to(migrations))))
    return datas


# Python modules never imported by the app, or only by tests and tools: keep them out even when a library
# mentions them. Qt modules: only QtCore/Gui/Widgets, QtMultimedia(+Widgets), QtPdf(+Widgets), QtPrintSupport and
# QtSvg are used; PyInstaller collects the libraries of what is imported, so excluding the bindings of the rest
# keeps their hooks (and libraries, plugins, QML) out.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "idlelib", "ensurepip", "venv", "distutils",
    "pytest", "_pytest", "pytestqt", "tests", "IPython", "matplotlib", "numpy", "PIL",
    # the harvester runs at the portal, not in village libraries (pyproject's `portal` extra): app/cli_harvest.py
    # imports sync.harvest only inside its commands, but keep the package and its dependencies out regardless
    "sync.harvest", "trafilatura", "yt_dlp", "justext", "htmldate", "courlan", "dateparser", "cssselect",
    "lxml_html_clean",
    "babel",  # the reading room's catalogs are compiled to .mo at build time (build.py)
    "pygments",  # only Mako's optional syntax-highlighting plugin (Alembic imports Mako)
    # SQLAlchemy's hook takes every dialect; the library is SQLite (Alembic imports the PostgreSQL one)
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.oracle", "sqlalchemy.dialects.mssql",
    "whoosh.codec.whoosh2", "whoosh.support.bench", "whoosh.cli",  # Whoosh 2 index format, benchmarks, CLI
    # Ed25519 is PyNaCl's (sync/keys.py); ``cryptography`` (~4 MB zipped) only comes in through optional imports
    # of requests/urllib3 when it happens to be installed
    "cryptography", "OpenSSL",
    # interactive and debugging tools some libraries import only inside functions: the debugger and its
    # readline (with libreadline and libtinfo), pydoc, Werkzeug's debugger, Click's test runner; and the pure-
    # Python decimal, which is only a fallback for the C one
    "readline", "pdb", "pydoc", "werkzeug.debug", "click.testing", "_pydecimal",
    *(f"PySide6.{m}" for m in (
        "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets", "QtWebView",
        "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras", "QtQuick3D",
        "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets", "QtDesigner", "QtUiTools", "QtHelp",
        "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort", "QtSerialBus",
        "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtSql", "QtTest", "QtTextToSpeech", "QtHttpServer",
        "QtNetworkAuth", "QtSpatialAudio", "QtAxContainer", "QtConcurrent", "QtQuickControls2", "QtQuickWidgets",
        "QtQuickTest", "QtOpenGL", "QtOpenGLWidgets", "QtDBus", "QtXml")),
]

# Files PyInstaller's Qt hooks collect that this app never loads. Matched against the destination path in the
# bundle (forward slashes, lower case: :func:`keep` turns Windows' backslashes into slashes first). FIELD-NOTES: keep Qt Quick (the FFmpeg multimedia plugin links it), keep
# QtNetwork (QtMultimedia needs it), keep the FFmpeg libraries and ICU.
_DROP_PATTERNS = [
    # Qt's own translations: only Russian (a Kyrgyz interface uses Russian for Qt's dialogs; Qt has no Kyrgyz).
    # PyInstaller puts Qt under PySide6/Qt on Linux and macOS but straight under PySide6 on Windows.
    r"/pyside6/(qt/)?translations/(?!qtbase_ru|qt_ru|qtmultimedia_ru)[^/]+\.qm$",
    # plugins for other platforms and features
    r"/plugins/platforms/lib(qeglfs|qlinuxfb|qminimalegl|qvnc|qvkkhrdisplay|qminimal)\.",
    r"/plugins/platforms/q(direct2d|minimal)\.",
    (r"/plugins/(egldeviceintegrations|platforminputcontexts|xcbglintegrations/libqxcb-egl|sqldrivers|"
     r"qmltooling|designer|sensors|position|geoservices|canbus|webview|texttospeech|scenegraph|"
     r"networkinformation|tls/libqopensslbackend|generic|renderers|assetimporters|sceneparsers|"
     r"renderplugins|geometryloaders|3drenderers|qmllint)"),
    # images: practices may carry JPEG, PNG, GIF and WebP (app/authoring/loader.py IMAGE_EXT); SVG for the icons
    r"/plugins/imageformats/(lib)?q(icns|tga|tiff|wbmp|pdf)[^/]*$",
    # Linux: X11 only (xcb). A Wayland desktop runs the app through XWayland, as it does every X11 program;
    # the Wayland client libraries and plugins would add 2 MB to the download.
    r"/plugins/platforms/libqwayland|/plugins/wayland-",
    r"/plugins/platformthemes/(lib)?q(gtk3|xdgdesktopportal)",
    # QML files: the app has no QML (Qt Quick stays only as a library the FFmpeg plugin links)
    r"/qml/",
]
_DROP = re.compile("|".join(f"(?:{p})" for p in _DROP_PATTERNS))


# Libraries Qt opens at run time (dlopen) rather than links: never pruned as "unreachable"; and the FFmpeg ones
# are never stripped either (FIELD-NOTES: ``strip`` corrupts them and the app silently loses its media backend).
_FFMPEG = re.compile(r"(^|/)((libav|libsw)\w+\.so[.\d]*|libQt6FFmpegStub[^/]*|libffmpegmediaplugin[^/]*|"
                     r"(av|sw)\w+-\d+\.dll|ffmpegmediaplugin\.dll)$", re.IGNORECASE)


# Linux: the system libraries Qt's own wheels expect from the system (they are not in the PySide6 wheels, so
# `pip install` needs them as much as the frozen app): X11/xcb, xkbcommon, GLib, D-Bus, fontconfig/FreeType,
# PulseAudio with its codecs, Kerberos (QtNetwork), CUPS, the C++ runtime. They come from the Debian packages
# README.md lists (libstdc++6 is part of every Debian/Ubuntu); bundling the build host's copies would only add
# ~25 MB and pin the host's versions. Python's own (libssl, libcrypto, libsqlite3, libffi) stay bundled.
_HOST_LIBS = re.compile(
    r"^lib(X11|X11-xcb|Xext|Xrender|Xrandr|Xau|Xdmcp|xcb[\w-]*|xkbcommon[\w-]*|glib-2\.0|gobject-2\.0|gio-2\.0|"
    r"gmodule-2\.0|gthread-2\.0|pcre2-8|dbus-1|systemd|gcrypt|gpg-error|lz4|zstd|cap|fontconfig|freetype|"
    r"png16|expat|brotli\w*|bz2|z|lzma|uuid|pulse|pulsecommon-[\d.]+|sndfile|FLAC|vorbis\w*|ogg|opus|mpg123|"
    r"mp3lame|asyncns|bsd|md|krb5|krb5support|gssapi_krb5|k5crypto|com_err|keyutils|selinux|mount|blkid|"
    r"stdc\+\+|gcc_s|"
    # printing on Linux: Qt's CUPS plugin stays, CUPS itself is the system's (without it Qt prints to PDF only)
    r"cups|gnutls|nettle|hogweed|gmp|p11-kit|idn2|unistring|tasn1|avahi-client|avahi-common)"
    r"\.so(\.[\d.]+)?$")


def keep(dest: str) -> bool:
    """Whether a file collected into the bundle at ``dest`` stays."""
    return not _DROP.search("/" + dest.replace("\\", "/").lower())


def slim(toc: Toc) -> Toc:
    return [entry for entry in toc if keep(entry[0])]


def prune_unreachable(binaries: Toc) -> Toc:
    """Linux: drop the shared libraries nothing kept links to any more, and the system's own (``_HOST_LIBS``).

    PyInstaller collects the dependencies of every plugin before :func:`slim` drops plugins (the GTK theme alone
    pulls in GTK, Cairo, Pango…), so after slimming, walk the link-time dependencies again from what surely
    stays — Python's extension modules, the Qt plugins, libpython — and keep only the libraries reached. The
    libraries Qt opens at run time (the FFmpeg ones) always stay. Elsewhere the TOC is returned unchanged:
    on Windows, DLLs such as ``opengl32sw.dll`` are loaded by name at run time and cannot be judged this way.
    """
    if not sys.platform.startswith("linux"):
        return binaries
    from PyInstaller.depend.bindepend import get_imports

    by_name: dict[str, list] = {}
    for entry in binaries:
        by_name.setdefault(Path(entry[0]).name, []).append(entry)

    def is_root(entry) -> bool:
        dest, _src, kind = entry
        return (kind == "EXTENSION" or "/plugins/" in dest.replace("\\", "/") or dest.startswith("libpython")
                or bool(_FFMPEG.search(dest)))

    reached: set[str] = set()  # library names (a link in the top folder and its target share the name)
    seen: set[str] = set()
    todo = [e for e in binaries if is_root(e)]
    while todo:
        dest, src, kind = todo.pop()
        if dest in seen:
            continue
        seen.add(dest)
        name = Path(dest).name
        reached.add(name)
        todo += [e for e in by_name.get(name, []) if e[0] not in seen]  # the link's target, or the link
        if kind == "SYMLINK":
            continue
        try:
            imports = get_imports(src)
        except Exception:  # noqa: BLE001, S112 — unreadable: keep what we know, judge nothing more from it
            continue
        for needed, _path in imports:
            todo += [e for e in by_name.get(Path(needed).name, []) if e[0] not in seen]
    return [e for e in binaries if (Path(e[0]).name in reached or e[2] == "DATA")
            and not ("/" not in e[0] and _HOST_LIBS.match(e[0]))]


def drop_dangling_links(datas: Toc, binaries: Toc) -> Toc:
    """The links PyInstaller makes in the top folder (Linux: ``libQt6X.so.6 -> PySide6/Qt/lib/libQt6X.so.6``, kept
    in ``datas``) whose library :func:`prune_unreachable` dropped."""
    kept = {e[0].replace("\\", "/") for e in binaries}
    result = []
    for dest, target, kind in datas:
        if kind == "SYMLINK":
            resolved = os.path.normpath(os.path.join(os.path.dirname(dest), target)).replace("\\", "/")
            if resolved not in kept:
                continue
        result.append((dest, target, kind))
    return result


def strip_copies(binaries: Toc, folder: Path) -> Toc:
    """Linux: the unstripped libraries (libpython, extension modules, Cython builds) as stripped copies made in
    ``folder`` — tens of MB of debug symbols. Qt's own libraries come stripped; the FFmpeg ones are left alone
    (stripping breaks them). PyInstaller's own ``strip=True`` would strip everything, FFmpeg included."""
    import shutil
    import subprocess

    tool = shutil.which("strip")
    if not sys.platform.startswith("linux") or tool is None:
        return binaries
    result = []
    for dest, src, kind in binaries:
        if kind in ("BINARY", "EXTENSION") and not _FFMPEG.search(dest) and not dest.startswith("PySide6/"):
            copy = folder / dest
            if not copy.is_file() or copy.stat().st_mtime < Path(src).stat().st_mtime:
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, copy)
                os.chmod(copy, 0o755)
                if subprocess.run([tool, "--strip-unneeded", str(copy)], capture_output=True, check=False).returncode != 0:
                    shutil.copy2(src, copy)  # not strippable: the original
            src = str(copy)
        result.append((dest, src, kind))
    return result


# --- Windows: icon and version resource -----------------------------------------------------------------


def make_ico(svg: Path, target: Path, sizes: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)) -> Path:
    """Render an SVG into a multi-size .ico (PNG-compressed entries, Windows Vista and later) with Qt."""
    import struct

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 — painting needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    images = []
    for size in sizes:
        image = QImage(size, size, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        images.append((size, bytes(data)))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(header + entries + blobs)
    return target


def version_resource(ver: str | None = None) -> VSVersionInfo:
    """The Windows version resource of both executables, stamped with the app's version."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    ver = ver or version()
    numbers = version_tuple(ver)
    strings = [("CompanyName", "Kitepkana"),
               ("FileDescription", "Kitepkana — library of local self-government practices"),
               ("FileVersion", ver), ("InternalName", APP_NAME), ("OriginalFilename", f"{APP_NAME}.exe"),
               ("ProductName", "Kitepkana"), ("ProductVersion", ver),
               ("LegalCopyright", "MIT License")]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1,
                          subtype=0x0, date=(0, 0)),
        kids=[StringFileInfo([StringTable("040904B0", [StringStruct(k, v) for k, v in strings])]),
              VarFileInfo([VarStruct("Translation", [0x0409, 1200])])])


def build_info(ver: str | None = None) -> dict:
    """What is stamped into the bundle as ``kitepkana-build.json`` (generated into build/out/work only).
    ``KITEPKANA_BUILD_ID`` (e.g. set by CI to ``git describe``) is recorded when given."""
    import PySide6

    try:
        import PyInstaller

        pyinstaller = PyInstaller.__version__
    except ImportError:  # pragma: no cover
        pyinstaller = ""
    return {"version": ver or version(), "build_id": os.environ.get("KITEPKANA_BUILD_ID", ""),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "platform": platform_tag(),
            "python": platform.python_version(), "pyside6": PySide6.__version__, "pyinstaller": pyinstaller}


def write_build_info(target: Path, ver: str | None = None) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(build_info(ver), indent=2) + "\n", encoding="utf-8")
    return target


# --- sizes and the portable zip -----------------------------------------------------------------------


def tree_size(folder: Path) -> int:
    """Bytes on disk: a symbolic link counts as itself, not as the file it points to."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def make_zip(onedir: Path, target: Path, *, portable: bool = True) -> Path:
    """Zip the onedir as ``<name>/…``; with ``portable`` a ``kitepkana-portable`` marker goes beside the
    executables, so the unzipped folder keeps its data in ``kitepkana-data/`` next to them."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    top = onedir.name
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(onedir.rglob("*")):
            rel = path.relative_to(onedir)
            if rel.parts and rel.parts[0] in (PORTABLE_MARKER, "kitepkana-data", KIT_FOLDER):
                continue
            arc = f"{top}/{rel.as_posix()}"
            if path.is_symlink():  # Linux onedirs link Qt libraries into the top folder: store the link, as unzip does
                info = zipfile.ZipInfo(arc, date_time=time.localtime(path.lstat().st_mtime)[:6])
                info.create_system = 3  # Unix, so that the mode below means something
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                z.writestr(info, os.readlink(path))
            elif path.is_file():
                z.write(path, arc)
        if portable:
            info = zipfile.ZipInfo(f"{top}/{PORTABLE_MARKER}", date_time=time.localtime()[:6])
            info.external_attr = 0o644 << 16
            z.writestr(info, "This file makes Kitepkana keep its library in kitepkana-data/ next to it.\n")
    os.replace(part, target)
    return target


def unzip(archive: Path, target: Path) -> Path:
    """Unpack a zip made by :func:`make_zip`, keeping the executables' permissions. Returns the top folder."""
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode) and os.name != "nt":
                link = target / info.filename
                link.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(z.read(info).decode(), link)
                continue
            z.extract(info, target)
            if mode & 0o777:
                os.chmod(target / info.filename, mode & 0o777)
        top = z.infolist()[0].filename.split("/", 1)[0]
    return target / top
