"""Command-line faces of sync: ``sync``, ``trust``, ``download`` and ``whatsnew`` (see sync/client.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.progress import TerminalProgress
from app.settings import VIDEO_POLICIES, Settings

SHOWN = 5  # titles the summary names for each kind of change (`sync --json` lists every id)


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help="update the library from the portal or a folder (USB drive)")
    p.add_argument("source", nargs="?", help="an http(s) address or a folder holding a feed (default: the portal)")
    p.add_argument("--trust", type=Path, action="append", metavar="PUBKEY_FILE",
                   help="also trust this publisher key, for this run only")
    p.add_argument("--accept-new-feed", action="store_true",
                   help="follow this feed although the library has not seen it before")
    p.add_argument("--videos", choices=VIDEO_POLICIES, help="which videos to download (default: from settings)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("trust", parents=[common], help="trust a publisher's public key for all future syncs")
    p.add_argument("pubkey", type=Path, metavar="PUBKEY_FILE")
    p = sub.add_parser("download", parents=[common], help="download an item's files that are not on this PC yet")
    p.add_argument("id")
    p.add_argument("--from", dest="source", help="where to download from (default: where its feed came from)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("export", parents=[common], help="write the library as a feed onto a drive (USB) for another PC")
    p.add_argument("folder", type=Path)
    p.add_argument("--since", type=int, metavar="CURSOR",
                   help="only the changes after this one: a small update for a PC that is already at CURSOR")
    p.add_argument("--feed", dest="feed_id", help="which feed, when the library follows several")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("usb-kit", parents=[common],
                       help="write a USB kit: the installer and/or portable zip, the library, a README (ky/ru/en)")
    p.add_argument("drive", type=Path, metavar="DRIVE", help="the drive (e.g. E:\\) or a folder")
    p.add_argument("--installer", type=Path, metavar="FILE", help="the installer to put on it (default: found "
                   "beside the program, in kit/)")
    p.add_argument("--portable", type=Path, metavar="FILE", help="the portable zip to put on it (default: found "
                   "beside the program, in kit/)")
    p.add_argument("--no-library", action="store_true", help="only the program, not this library")
    p.add_argument("--verify", action="store_true", help="write nothing: check the program files on DRIVE against "
                   "the list the portal signed (on the receiving PC, before installing)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("feeds", parents=[common], help="the feeds this library follows; forget one, or start one "
                       "again from its snapshot")
    p.add_argument("action", nargs="?", choices=("list", "forget", "reset"), default="list",
                   help="list (default); forget FEED: stop following it and remove the items it brought (notes and "
                        "bookmarks stay); reset FEED: the next sync starts again from its snapshot")
    p.add_argument("feed", nargs="?", metavar="FEED", help="the feed id (see `kitepkana feeds`)")
    p.add_argument("--yes", action="store_true", help="forget without asking")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("whatsnew", parents=[common], help="what the last syncs brought")
    p.add_argument("--json", action="store_true")


def _print_report(report, print_json) -> None:
    if print_json:
        print_json(report.to_dict())
        return
    if report.status == "unchanged":
        print(f"The library is up to date ({report.location}, change {report.to_seq}).")
    else:
        how = " from the feed's snapshot" if report.used_snapshot else ""
        print(f"Updated from {report.location}{how}: change {report.from_seq} → {report.to_seq}.")
    for label, bucket in (("new", report.added), ("updated", report.updated), ("removed", report.removed)):
        for kind, ids in sorted(bucket.items()):
            print(f"  {label} {kind}: {len(ids)}")
            for item_id in ids[:SHOWN]:  # by title, as What's new shows them (--json keeps the ids)
                lang = report.items[item_id].lang if item_id in report.items else ""
                print(f"    {report.title(item_id)}" + (f" ({lang})" if lang else ""))
            if len(ids) > SHOWN:
                print(f"    … and {len(ids) - SHOWN} more")
    if report.refused:
        shown = ", ".join(f"{r['id']} (feed '{r['owner']}')" for r in report.refused[:5])
        print(f"  not changed: {len(report.refused)} item(s) that belong to another source, which alone may change "
              f"them: {shown}{' …' if len(report.refused) > 5 else ''}")
    if report.key_rotated_to:
        print(f"The feed now signs with key {report.key_rotated_to} (its previous key handed it over).")
    for warning in report.warnings:
        print(f"Warning: {warning}")
    if report.files_downloaded:
        print(f"Downloaded {report.files_downloaded} file(s), {report.bytes_downloaded / 1e6:.1f} MB.")
    if report.videos_waiting:
        print(f"{report.videos_waiting} video(s) not downloaded (video policy); `kitepkana download ID` fetches one.")


def cmd_sync(args: argparse.Namespace, open_library, print_json) -> int:
    from sync.client import SyncOptions, run_sync

    with open_library(args, sample=False, write=True) as lib:
        settings = Settings(lib.paths)
        location = args.source or settings.get("portal_url")
        if not location:
            raise SystemExit("No portal address is set: give a source (a URL or a folder), e.g. "
                             "`kitepkana sync E:\\kitepkana-feed`.")
        options = SyncOptions.from_settings(settings, video_policy=args.videos, accept_new_feed=args.accept_new_feed,
                                            extra_keys=tuple(args.trust or ()))
        with TerminalProgress("Syncing") as bar:
            report = run_sync(lib, location, options, progress=bar)
    _print_report(report, print_json if args.json else None)
    return 0


def cmd_trust(args: argparse.Namespace, open_library, print_json) -> int:
    from app import paths as app_paths
    from sync.client import trust_key

    settings = Settings(app_paths.resolve(getattr(args, "data_dir", None)).ensure())
    kid = trust_key(settings, args.pubkey)
    print(f"Key {kid} is now trusted for syncing.")
    return 0


def cmd_download(args: argparse.Namespace, open_library, print_json) -> int:
    from sync.client import download_item

    with open_library(args, sample=False, write=True) as lib, TerminalProgress("Downloading") as bar:
        got = download_item(lib, args.id, location=args.source, progress=bar)
    if args.json:
        print_json(got)
    else:
        print(f"{args.id}: {got['files']} file(s) downloaded, {got['bytes'] / 1e6:.1f} MB."
              if got["files"] else f"{args.id}: every file is already on this PC.")
    return 0


def cmd_export(args: argparse.Namespace, open_library, print_json) -> int:
    from sync.export import export_feed

    with open_library(args, sample=False) as lib, TerminalProgress("Exporting") as bar:
        report = export_feed(lib, args.folder, feed_id=args.feed_id, since=args.since, progress=bar)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"Wrote feed '{report.feed_id}' (change {report.seq}) to {report.folder}: {report.files} files, "
          f"{report.bytes / 1e6:.1f} MB, every file read back and checked.")
    if report.blobs_missing:
        print(f"{report.blobs_missing} file(s) are not on this PC (videos not downloaded) and are not on the drive.")
    return 0


_CHECK_WORDS = {"checked": "checked: it is exactly the file the portal signed",
                "altered": "NOT the portal's: it differs from the file of this name the portal signed (damaged or "
                           "changed); do not install it",
                "not_listed": "could not be checked: no list signed by the portal names it"}


def cmd_verify_kit(args: argparse.Namespace, print_json) -> int:
    from app.kitcheck import verify_kit

    check = verify_kit(args.drive)
    if args.json:
        print_json(check.to_dict())
        return 0 if check.ok else 1
    for f in check.files:
        print(f"{f.path}: {_CHECK_WORDS[f.status]}\n  SHA-256 {f.sha256}")
    if check.problem:
        print(f"Could not check the program: {check.problem}.")
    print("All program files on the drive are the portal's." if check.ok else
          "Not every program file on the drive could be shown to be the portal's: install only what says "
          "'checked', or get Kitepkana from the portal.")
    return 0 if check.ok else 1


def cmd_usb_kit(args: argparse.Namespace, open_library, print_json) -> int:
    from app import paths as app_paths
    from app.usbkit import write_usb_kit

    if args.verify:
        return cmd_verify_kit(args, print_json)

    def write(lib) -> object:
        data_dir = lib.paths.data if lib is not None else app_paths.resolve(getattr(args, "data_dir", None)).data
        with TerminalProgress("Writing the USB kit") as bar:
            return write_usb_kit(lib, args.drive, installer=args.installer, portable=args.portable, progress=bar,
                                 data_dir=data_dir)

    if args.no_library:
        report = write(None)
    else:
        with open_library(args, sample=False) as lib:
            report = write(lib)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"USB kit for Kitepkana {report.version} written to {report.drive} "
          f"({report.bytes / 1e6:.1f} MB, every file read back and checked):")
    for f in report.program:
        print(f"  {f.path}  ({f.size / 1e6:.1f} MB, " + ("the portal's signature vouches for it: `kitepkana usb-kit "
              "--verify DRIVE` checks it on another PC)" if f.vouched else "NOT checked: no list signed by the portal "
              "names it, and the README says so)"))
    if report.feed:
        print(f"  kitepkana-feed/  (the library, change {report.feed['seq']}, {report.feed['files']} files)")
        if report.feed["blobs_missing"]:
            print(f"  {report.feed['blobs_missing']} file(s) are not on this PC (videos not downloaded) and are "
                  "not on the drive.")
    print("  " + ", ".join(report.readmes))
    if not report.program:
        print("No installer or portable zip was found: the drive carries the library only.")
    return 0


def cmd_whatsnew(args: argparse.Namespace, open_library, print_json) -> int:
    from app.syncstore import SyncStore

    with open_library(args, sample=False) as lib:
        runs = SyncStore(lib).last_runs()
    if args.json:
        print_json(runs)
        return 0
    for run in runs:
        counts = ", ".join(f"{label} {sum(len(v) for v in run['summary'].get(label, {}).values())}"
                           for label in ("added", "updated", "removed"))
        print(f"{run['finished_at'] or run['started_at']}  {run['status']:<9} {run['location']}  ({counts})"
              + (f"\n    {run['error']}" if run["error"] else ""))
    if not runs:
        print("No syncs yet.")
    return 0


def cmd_feeds(args: argparse.Namespace, open_library, print_json) -> int:
    from app.syncstore import SyncStore

    if args.action != "list" and not args.feed:
        raise SystemExit(f"Say which feed to {args.action}: `kitepkana feeds {args.action} FEED` "
                         "(`kitepkana feeds` lists them).")
    with open_library(args, sample=False, write=args.action != "list") as lib:
        store = SyncStore(lib)
        feeds = {f.feed_id: f for f in store.feed_list()}
        if args.action == "list":
            if args.json:
                print_json([f.to_dict() for f in feeds.values()])
                return 0
            from sync.trust import load_trusted

            settings = Settings(lib.paths)
            _print_feeds(list(feeds.values()), settings.get("stale_after_days"))
            for problem in load_trusted(settings).problems:
                print(f"Warning: {problem}")
            return 0
        info = feeds.get(args.feed)
        if info is None:
            known = ", ".join(feeds) or "none yet"
            raise SystemExit(f"This library does not follow a feed '{args.feed}' (it follows: {known}).")
        if args.action == "reset":
            store.reset_feed(args.feed)
            print(f"The next sync of '{info.title}' ({args.feed}) starts again from its snapshot.")
            return 0
        if not args.yes and not _confirm(f"Forget '{info.title}' ({args.feed}) and remove the {info.items} item(s) "
                                         "it brought? Notes and bookmarks stay. [y/N] "):
            print("Nothing was changed.")
            return 1
        from sync.client import forget_feed

        result = forget_feed(lib, args.feed)
    if args.json:
        print_json({"feed_id": args.feed, "removed": result.deleted})
    else:
        print(f"Forgot '{info.title}' ({args.feed}): {len(result.deleted)} item(s) removed; notes and bookmarks "
              "were kept. A sync from it will ask again, like for a feed never seen.")
    return 0


def _confirm(question: str) -> bool:
    import sys

    if not sys.stdin or not sys.stdin.isatty():
        raise SystemExit("Not asking without a terminal: add --yes to forget the feed.")
    return input(question).strip().lower() in ("y", "yes", "д", "да", "ооба")


def _print_feeds(feeds: list, stale_after_days: int) -> None:
    if not feeds:
        print("This library follows no feed yet (`kitepkana sync SOURCE` follows one).")
    for f in feeds:
        age = f.age_days()
        when = f"{f.manifest_created[:10]} ({age} day(s) old)" if f.manifest_created else "unknown"
        print(f"{f.feed_id}  {f.title}\n    key {f.key_id} · change {f.seq} · {f.items} item(s) · newest update "
              f"{when} · last synced {f.updated_at or 'never'} UTC" + (f"\n    from {f.source}" if f.source else ""))
        if age is not None and age > stale_after_days:
            print(f"    This feed's newest update is over {stale_after_days} days old: update from the portal or "
                  "from a newer USB drive.")


COMMANDS = {"sync": cmd_sync, "trust": cmd_trust, "download": cmd_download, "export": cmd_export,
            "whatsnew": cmd_whatsnew, "usb-kit": cmd_usb_kit,
            "feeds": cmd_feeds}
