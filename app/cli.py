"""The command line: ``kitepkana [--data-dir DIR] COMMAND …``. With no command it starts the desktop app.

Every command calls the same :class:`app.library.Library` service the GUI uses. Exit codes: 0 ok,
1 the command found problems (e.g. ``check``), 2 bad usage or invalid input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from app import __version__, console
from app import paths as app_paths
from app.errors import AuthoringError, CancelledError, KitepkanaError, LibraryLockedError, NotFoundError
from app.progress import TerminalProgress
from app.values import KINDS, LANGS, IndexOutcome, SearchRequest


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="library folder to use (default: the per-user folder, or KITEPKANA_HOME)")
    common.add_argument("--no-sample", action="store_true", default=argparse.SUPPRESS,
                        help="do not import the bundled sample into an empty library")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="kitepkana", parents=[common],
                                     description="Kitepkana: an offline library of local self-government practices.")
    parser.add_argument("--version", action="version", version=f"Kitepkana {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", parents=[common], help="start the desktop app (the default)")
    p = sub.add_parser("import", parents=[common], help="import an authoring folder (validated first)")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p = sub.add_parser("list", parents=[common], help="list the items in the library")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--lang", choices=LANGS)
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("show", parents=[common], help="show one item")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("search", parents=[common], help="search the library")
    p.add_argument("query", nargs="?", default="", help="words, \"a phrase\"; Latin transliteration works too")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--lang", choices=LANGS)
    p.add_argument("--topic", help="a topic id, e.g. drinking-water")
    p.add_argument("--region", help="a region id; includes everything inside it, e.g. naryn")
    p.add_argument("--target-group", help="a target group id, e.g. women")
    p.add_argument("--year")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index from the library")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("check", parents=[common], help="check database, schema and media files")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("stats", parents=[common], help="numbers about the library")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("gc", parents=[common], help="delete media files no item refers to")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("paths", parents=[common], help="show the folders in use")
    p.add_argument("--json", action="store_true")
    sub.add_parser("visitor-off", parents=[common], help="turn visitor mode off and forget its PIN (a forgotten PIN)")
    p = sub.add_parser("report", parents=[common], help="save a problem report (a zip for whoever supports this "
                                                        "library: versions, settings without the PIN, check, last "
                                                        "updates, the log; no notes)")
    p.add_argument("file", type=Path, metavar="FILE.zip")
    _add_feed_commands(sub, common)
    from app import cli_harvest, cli_serve, cli_sync

    cli_sync.add_commands(sub, common)
    cli_harvest.add_commands(sub, common)
    cli_serve.add_commands(sub, common)
    return parser


def _add_feed_commands(sub, common: argparse.ArgumentParser) -> None:
    """Publishing a feed (sync/FEED.md): ``keygen`` and ``publish``."""
    p = sub.add_parser("keygen", parents=[common], help="make a key pair for signing feeds (KEY and KEY.pub)")
    p.add_argument("--out", type=Path, required=True, metavar="KEY",
                   help="the private key file to create; the public key goes to KEY.pub")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("publish", parents=[common], help="build or update a signed feed from an authoring folder")
    p.add_argument("folder", type=Path)
    p.add_argument("--feed", type=Path, required=True, metavar="DIR", help="the feed folder (created if new)")
    p.add_argument("--key", type=Path, required=True, metavar="KEY", help="the private key (from keygen)")
    p.add_argument("--feed-id", help="the feed's id, chosen at the first publish (default: from the key)")
    p.add_argument("--title", help="the feed's title")
    p.add_argument("--keep-segments", type=int, metavar="N",
                   help="drop segments older than the snapshot, keeping the last N of them")
    p.add_argument("--rotate-to", type=Path, metavar="NEWKEY",
                   help="hand the feed over to another key (its private key file): signed by --key, so libraries "
                        "that follow the feed accept NEWKEY from now on; publish with --key NEWKEY afterwards")
    p.add_argument("--program", type=Path, action="append", metavar="FILE",
                   help="an official installer or portable zip whose SHA-256 the signed manifest vouches for, so USB "
                        "kits carrying it can be checked (repeat for each; replaces the list, which otherwise stays)")
    p.add_argument("--json", action="store_true")


def _setup_console() -> None:
    # Kyrgyz letters through a cp1251 pipe and the Windows console, never a crash on one (app/console.py)
    console.setup()


def _print_json(data: object) -> None:
    utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
    print(json.dumps(data, ensure_ascii=not utf8, indent=2, default=str))


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _open_library(args: argparse.Namespace, *, sample: bool = True, write: bool = False):
    """The library of ``--data-dir``. ``write``: the command changes it (import, sync, reindex…), so it takes the
    instance lock first, as the app does: while the app is open on the library it is refused at once, in plain
    words, instead of failing late (Windows: after a whole rebuild, at the switch)."""
    from app.library import Library

    paths = app_paths.resolve(getattr(args, "data_dir", None))
    try:
        library = Library(paths, exclusive=write)
    except LibraryLockedError as e:
        raise LibraryLockedError(f"The Kitepkana app is open on the library in {paths.data} (or another kitepkana "
                                 "command is changing it): use Update in the app, or close it and run this command "
                                 "again.") from e
    if sample and not getattr(args, "no_sample", False) and library.is_empty():
        _err(f"The library in {library.paths.data} is empty: importing the bundled sample catalog…")
        with TerminalProgress("Importing sample") as bar:
            report = library.import_sample_if_empty(progress=bar)
        if report:
            _err(f"Imported {len(report.added)} items from the sample catalog.")
    return library


def cmd_import(args: argparse.Namespace) -> int:
    with _open_library(args, sample=False, write=True) as lib, TerminalProgress("Importing") as bar:
        report = lib.import_folder(args.folder, progress=bar)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(f"Imported {args.folder}: {len(report.added)} added, {len(report.updated)} updated, "
              f"{len(report.unchanged)} unchanged ({report.media_files} media files).")
        if report.refused:
            shown = ", ".join(f"{i} (feed '{feed}')" for i, feed in report.refused[:5])
            print(f"{len(report.refused)} item(s) were not imported: they came from a feed, and only that feed may "
                  f"change them: {shown}{' …' if len(report.refused) > 5 else ''}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        items = lib.list_items(kind=args.kind, lang=args.lang, limit=args.limit)
    if args.json:
        _print_json([i.to_dict() for i in items])
    else:
        for i in items:
            print(f"{i.id:<40} {i.kind:<9} {i.lang}  {i.title}")
        print(f"{len(items)} item(s)")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        item = lib.get_item(args.id)
    if args.json:
        _print_json(item.to_dict())
        return 0
    print(item.title)
    print("=" * min(len(item.title), 80))
    facts = [("id", item.id), ("kind", item.kind), ("language", item.lang), ("year", item.year or ""),
             ("region", " → ".join(r.text(item.lang) for r in item.region_path)),
             ("topics", ", ".join(t.text(item.lang) for t in item.topics)),
             ("for", ", ".join(g.text(item.lang) for g in item.target_groups)),
             ("organisation", item.organisation), ("authors", ", ".join(item.authors)), ("award", item.award),
             ("translations", ", ".join(f"{k}: {v}" for k, v in sorted(item.translations.items()) if v != item.id)),
             ("related", ", ".join(item.related)), ("duration", f"{item.duration:.0f} s" if item.duration else ""),
             ("starts", item.starts or ""), ("ends", item.ends or ""), ("location", item.location)]
    for key, value in facts:
        if value:
            print(f"{key + ':':<14}{value}")
    for f in item.files:
        state = "" if f.present else "  (not downloaded)"
        print(f"{'file:':<14}{f.role} {f.lang or ''} {f.name} ({f.size // 1024} KB){state}")
    if item.summary:
        print("\n" + item.summary)
    print("\n" + item.body_text)
    return 0


def _ensure_index(lib) -> None:
    with TerminalProgress("Search index") as bar:
        done = lib.ensure_index(progress=bar, warm=False)  # one search: it loads what it needs, no more
    if done == IndexOutcome.STALE:
        _err("The search index is a little behind the library: the Kitepkana app that has it open is updating it.")
    elif done != IndexOutcome.OK:
        _err(f"The search index was {done} to match the library.")


def _terminal_snippet(html_snippet: str) -> str:
    import html as _html
    import re

    bold = console.supports_ansi(sys.stdout)  # the Windows console shows raw escapes unless VT mode is on
    text = re.sub(r"<b[^>]*>", "\x1b[1m" if bold else "[", html_snippet)
    text = text.replace("</b>", "\x1b[0m" if bold else "]")
    return _html.unescape(re.sub(r"<[^>]+>", "", text))


def _open_for_search(args: argparse.Namespace):
    """The library opened only to search it (app/searchonly.py: no SQLAlchemy, a one-shot search answers sooner),
    or whole as every command opens it when it must be: no database yet, a schema to migrate, the sample."""
    from app.searchonly import open_for_search

    lib = open_for_search(app_paths.resolve(getattr(args, "data_dir", None)), sample=not getattr(args, "no_sample",
                                                                                                  False))
    return lib if lib is not None else _open_library(args)


def cmd_search(args: argparse.Namespace) -> int:
    with _open_for_search(args) as lib:
        _ensure_index(lib)
        response = lib.search(SearchRequest(text=args.query, kind=args.kind, lang=args.lang, topic=args.topic,
                                            region=args.region, target_group=args.target_group, year=args.year,
                                            sort=args.sort, limit=args.limit))
    if args.json:
        data = response.to_dict()
        for hit in data["hits"]:
            if hit["time"] is None:
                del hit["time"]
        _print_json(data)
        return 0
    if response.corrected:
        print(f"No results for \"{args.query}\". Showing results for \"{response.suggestion}\".")
    elif response.suggestion:
        print(f"Did you mean: {response.suggestion}")
    if response.partial:
        print("No item has all the words; showing the closest matches.")
    for hit in response.hits:
        at = f"  ▶ {int(hit.time) // 60}:{int(hit.time) % 60:02d}" if hit.time is not None else ""
        print(f"{hit.score:7.2f}  {hit.id}  [{hit.kind}, {hit.lang}]{at}\n         {hit.title}")
        if hit.snippet:
            print(f"         {_terminal_snippet(hit.snippet)}")
    print(f"{response.total} result(s)")
    for name, counts in response.facets.items():
        if counts:
            print(f"  {name}: " + ", ".join(f"{k} ({v})" for k, v in list(counts.items())[:8]))
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    with _open_library(args, write=True) as lib, TerminalProgress("Reindexing") as bar:
        n = lib.reindex(progress=bar)
    if args.json:
        _print_json({"items": n})
    else:
        print(f"Search index rebuilt: {n} items.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with _open_library(args, sample=False) as lib, TerminalProgress("Checking") as bar:
        report = lib.check(progress=bar)
    if args.json:
        _print_json(report.to_dict())
    else:
        for note in report.notes:
            print(f"note: {note}")
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        if report.ok:
            print(f"OK: database intact, schema up to date, {report.files_checked} media files verified.")
        else:
            print(f"{len(report.problems)} problem(s) found.")
    return 0 if report.ok else 1


def cmd_stats(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        stats = lib.stats()
    if args.json:
        _print_json(stats.to_dict())
    else:
        print(f"Library: {stats.data_dir}")
        print(f"Items: {stats.items}  ({', '.join(f'{k}: {v}' for k, v in stats.by_kind.items())})")
        print(f"Languages: {', '.join(f'{k}: {v}' for k, v in stats.by_lang.items())}")
        print(f"Taxonomies: {stats.topics} topics, {stats.regions} regions, {stats.target_groups} target groups")
        print(f"Media: {stats.media_files} files, {stats.media_bytes / 1e6:.1f} MB; "
              f"{stats.media_missing} not downloaded")
        print(f"Your data: {stats.bookmarks} bookmarks, {stats.notes} notes, {stats.history} in history")
        print(f"Schema revision: {stats.schema_revision}")
    return 0


def cmd_gc(args: argparse.Namespace) -> int:
    with _open_library(args, sample=False, write=True) as lib:
        files, freed = lib.collect_garbage()
    if args.json:
        _print_json({"files": files, "bytes": freed})
    else:
        print(f"Removed {files} unreferenced media file(s), {freed / 1e6:.1f} MB freed.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from app.report import write_report

    with _open_library(args, sample=False) as lib:
        written = write_report(lib, args.file)
    print(f"Problem report saved: {written}\nSend this file to the person who supports your library (by e-mail or "
          "on a USB drive). It holds no notes, bookmarks or reading history.")
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    p = app_paths.resolve(getattr(args, "data_dir", None))
    data = {"mode": p.mode, "data": str(p.data), "config": str(p.config), "cache": str(p.cache),
            "logs": str(p.logs), "database": str(p.database), "media": str(p.media),
            "resources": str(app_paths.resources_dir())}
    if args.json:
        _print_json(data)
    else:
        for k, v in data.items():
            print(f"{k + ':':<11}{v}")
    return 0


def cmd_visitor_off(args: argparse.Namespace) -> int:
    """A forgotten librarian PIN: whoever can run programs on this PC turns visitor mode off (app/visitor.py)."""
    from app.visitor import VisitorLock

    with _open_library(args, sample=False) as lib:
        VisitorLock(lib).update(enabled=False, pin_hash="", failures=0, blocked_until=0.0, wait=0.0)
    print("Visitor mode is off and its PIN is forgotten. Choose a new PIN in Settings to turn it on again.")
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    from sync.signing import generate_keypair

    keys = generate_keypair(args.out)
    if args.json:
        _print_json({"key_id": keys.key_id, "private": str(keys.private), "public": str(keys.public)})
    else:
        print(f"Key {keys.key_id} created.\n  private: {keys.private}  (keep it secret and backed up; never "
              f"put it in a feed or a repository)\n  public:  {keys.public}  (give this one to readers)")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from sync.publisher import publish

    with TerminalProgress("Publishing") as bar:
        report = publish(args.folder, args.feed, args.key, feed_id=args.feed_id, title=args.title,
                         keep_segments=args.keep_segments, rotate_to=args.rotate_to,
                         programs=args.program, progress=bar)
    if args.json:
        _print_json(report.to_dict())
        return 0
    if not report.manifest_written:
        print(f"Nothing changed: feed '{report.feed_id}' in {args.feed} stays at sequence {report.seq}.")
        return 0
    if report.rotated_from:
        print(f"Feed '{report.feed_id}' now signs with key {report.key_id} (handed over by key {report.rotated_from}); "
              "from now on publish with that key.")
    print(f"Published feed '{report.feed_id}' to {args.feed}: {len(report.added)} added, {len(report.updated)} "
          f"updated, {len(report.deleted)} deleted, {len(report.taxonomy)} taxonomy entries.")
    for label, ids in (("added", report.added), ("updated", report.updated), ("deleted", report.deleted)):
        if ids:
            print(f"  {label}: " + ", ".join(ids[:20]) + (f" … ({len(ids)})" if len(ids) > 20 else ""))
    if report.segment:
        s = report.segment
        print(f"Sequence {report.previous_seq} → {report.seq}: {s.path} "
              f"({s.records} records, {s.size / 1024:.1f} KB)")
    if report.snapshot:
        print(f"Snapshot: {report.snapshot.path} ({report.snapshot.size / 1024:.1f} KB)")
    if report.dropped_segments:
        print(f"Dropped {len(report.dropped_segments)} old segment(s).")
    print(f"Files: {report.blobs_copied} copied ({report.blob_bytes_copied / 1e6:.1f} MB); "
          f"{report.blobs_total} in the feed ({report.blob_bytes_total / 1e6:.1f} MB).")
    for program in report.programs:
        print(f"Program vouched for: {program.name} ({program.size / 1e6:.1f} MB, SHA-256 {program.sha256})")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ImportError as e:  # Qt's system libraries are missing (a bare Linux machine): say which, not a traceback
        from app.qtcheck import qt_missing_message

        message = qt_missing_message(e)
        if message is None:
            raise
        _err(message)
        return 3
    return run(data_dir=getattr(args, "data_dir", None), import_sample=not getattr(args, "no_sample", False))


COMMANDS = {"gui": cmd_gui, "import": cmd_import, "list": cmd_list, "show": cmd_show, "search": cmd_search,
            "reindex": cmd_reindex, "check": cmd_check,
            "stats": cmd_stats, "gc": cmd_gc, "paths": cmd_paths, "report": cmd_report, "keygen": cmd_keygen, "publish": cmd_publish,
            "visitor-off": cmd_visitor_off}


def main(argv: list[str] | None = None) -> int:
    _setup_console()
    from app.lock import hold_app_mutex

    hold_app_mutex()  # Windows: the uninstaller refuses while this runs (build/installer.iss AppMutex)
    args = build_parser().parse_args(argv)
    from app import cli_harvest, cli_serve, cli_sync

    if args.command not in (None, "gui"):  # the window sets up its own log (ui/app.py)
        _start_log(args)

    if args.command in cli_serve.COMMANDS:
        command = lambda a: cli_serve.COMMANDS[a.command](a, _open_library, _print_json)
    elif args.command in cli_sync.COMMANDS:
        command = lambda a: cli_sync.COMMANDS[a.command](a, _open_library, _print_json)
    elif args.command in cli_harvest.COMMANDS:
        command = lambda a: cli_harvest.COMMANDS[a.command](a, _open_library, _print_json)
    else:
        command = COMMANDS[args.command or "gui"]
    try:
        return command(args)
    except CancelledError:
        _err("cancelled; the library is as it was, or moved forward whole")
        return 130
    except AuthoringError as e:
        _err(str(e))
        return 2
    except NotFoundError as e:
        _err(str(e))
        return 2
    except KitepkanaError as e:
        logging.getLogger("app.cli").warning("%s failed: %s (%s)", args.command, e, getattr(e, "code", ""))
        _err(f"error: {e}")
        return 2
    except BrokenPipeError:  # `kitepkana show X | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    finally:
        if argv is None and args.command == "search":
            # The process ends now. Python's last garbage collection walks every object the search loaded (the
            # index's postings, the vocabulary): 50–110 ms of a one-shot search measured at 50,000 items, to free
            # what the OS frees anyway. Frozen objects are left out of it; everything else (flushes, atexit,
            # objects freed by their counts) runs as ever, and nothing of the library is open any more.
            import gc

            gc.freeze()


def _start_log(args: argparse.Namespace) -> None:
    from app import logs

    try:
        logs.setup(app_paths.resolve(getattr(args, "data_dir", None)), process="cli")
    except Exception:  # noqa: BLE001 — a command works without its log
        return


if __name__ == "__main__":
    sys.exit(main())
