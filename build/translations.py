"""Refresh the interface translations and build them.

    python build/translations.py              # lupdate ui/**/*.py -> resources/translations/*.ts, then lrelease
    python build/translations.py --check      # how many strings are still untranslated (exit 1 if any)
    python build/translations.py --release    # only build the .qm files (what the packaging build runs)
    python build/translations.py --update     # only refresh the .ts files

The ``.ts`` files are the sources translators edit (with Qt Linguist or any text editor) and are
committed. The ``.qm`` files are built next to them, in ``resources/translations/``, and are ignored by git
(``*.qm``); the frozen app bundles them prebuilt. A checkout where nobody ran this script still works:
``ui.i18n`` compiles a missing ``.qm`` into the cache folder at first use.

lupdate keeps strings that vanished from the code (marked ``vanished``) so a reworded string can reuse its
old translation; ``--no-obsolete`` drops them. Source locations are left out (``-locations none``) so the
``.ts`` files do not change every time someone moves a line.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.i18n import QM_PREFIX, qt_tool

TS_DIR = ROOT / "resources" / "translations"
SOURCES = ROOT / "ui"
# Languages we translate into (English is the source language) and the language tag written in the .ts,
# which also gives lrelease the plural rules (Russian has three forms, Kyrgyz two).
TARGETS = {"ky": "ky_KG", "ru": "ru_RU", "en": "en_US"}
# English is the source language: its .ts holds only the plural forms ("%n item(s)" -> "1 item" / "2 items")
PLURAL_ONLY = {"en"}


@dataclass
class Counts:
    lang: str
    total: int = 0
    untranslated: list[str] = field(default_factory=list)


def ts_file(lang: str) -> Path:
    return TS_DIR / f"{QM_PREFIX}{lang}.ts"


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> Path:
    tool = qt_tool(name)
    if tool is None:
        sys.exit(f"{name} not found: install the PySide6 wheels (pyside6-essentials)")
    return tool


def update(*, drop_obsolete: bool = False) -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in source_files()]
    for lang, tag in TARGETS.items():
        cmd = [str(_tool("lupdate")), *files, "-locations", "none", "-target-language", tag,
               *(["-pluralonly"] if lang in PLURAL_ONLY else []), "-ts", str(ts_file(lang).relative_to(ROOT))]
        if drop_obsolete:
            cmd.insert(-2, "-no-obsolete")
        subprocess.run(cmd, cwd=ROOT, check=True)


def release() -> list[Path]:
    built = []
    for lang in TARGETS:
        ts = ts_file(lang)
        qm = ts.with_suffix(".qm")
        subprocess.run([str(_tool("lrelease")), str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    from app.web.i18n import compile_catalogs  # the reading room's gettext catalogs (the bundle has no Babel)

    return built + compile_catalogs()


def count(lang: str) -> Counts:
    """Strings in the .ts still in use, and those without a (complete) translation."""
    counts = Counts(lang)
    root = ET.parse(ts_file(lang)).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            _count_message(counts, name, message)
    return counts


def _count_message(counts: Counts, context: str, message: ET.Element) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.Element("translation", type="unfinished")
    kind = translation.get("type", "")
    if kind in ("vanished", "obsolete"):
        return
    counts.total += 1
    forms = translation.findall("numerusform")
    texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
    if kind == "unfinished" or not all(t.strip() for t in texts):
        counts.untranslated.append(f"{context}: {message.findtext('source', '')}")


def check(*, show: int = 15) -> int:
    missing = 0
    for lang in TARGETS:
        if not ts_file(lang).is_file():
            print(f"{lang}: {ts_file(lang).name} is missing (run this script without --check)")
            missing += 1
            continue
        c = count(lang)
        print(f"{lang}: {c.total} strings, {len(c.untranslated)} untranslated")
        lost = [t for t in c.untranslated if t.startswith(": ")]
        if lost:
            # lupdate found a tr() outside a class, or QCoreApplication.translate under another name: at run
            # time these are looked up in another context, so no translation of them can ever show
            print(f"    {len(lost)} of them have no context and cannot work: write "
                  f"QCoreApplication.translate(\"Context\", \"…\") (or self.tr in a class) at each call")
        for text in c.untranslated[:show]:
            print(f"    {text!r}")
        if len(c.untranslated) > show:
            print(f"    … and {len(c.untranslated) - show} more")
        missing += len(c.untranslated)
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--check", action="store_true", help="report untranslated strings; exit 1 if any")
    parser.add_argument("--show", type=int, default=15, metavar="N", help="with --check: list up to N of them")
    what.add_argument("--update", action="store_true", help="only refresh the .ts files from ui/")
    what.add_argument("--release", action="store_true", help="only build the .qm files")
    parser.add_argument("--no-obsolete", action="store_true", help="drop strings no longer in the code")
    args = parser.parse_args(argv)
    if args.check:
        return check(show=args.show)
    if not args.release:
        update(drop_obsolete=args.no_obsolete)
    if not args.update:
        for qm in release():
            print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
