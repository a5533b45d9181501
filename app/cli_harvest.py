"""Command-line faces of the harvester (sync/harvest/): ``harvest`` and ``portal-update``.

They need the optional extra ``portal`` (trafilatura, yt-dlp): imported only when one of these commands runs,
so the desktop app never loads them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.progress import TerminalProgress


def _harvest_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--recipe", type=Path, metavar="FILE", help="a site recipe (YAML, see sync/harvest/RECIPES.md); "
                   "without one the site is read generically")
    p.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages (nothing is then deleted)")
    p.add_argument("--rate", type=float, default=1.0, metavar="R",
                   help="requests per second (default 1; 0 = no limit, only for your own server)")
    p.add_argument("--budget-mb", type=float, default=2000.0, metavar="MB",
                   help="at most this many MB of new files per run (default 2000); the rest is listed as skipped")
    p.add_argument("--delete-after", type=int, default=3, metavar="N",
                   help="delete an item after its page was missing on N runs in a row (default 3)")
    p.add_argument("--allow-mass-delete", action="store_true",
                   help="believe a run that misses more than half of the known items (normally nothing is then "
                   "counted as missing: a site in maintenance must not empty every village's library)")
    p.add_argument("--no-videos", action="store_true", help="do not fetch videos from video sites (yt-dlp)")
    p.add_argument("--file-host", action="append", default=[], metavar="HOST",
                   help="another host that serves the site's files (a CDN); its files are taken, never its pages; "
                   "may be given more than once (a recipe's file_hosts: adds to these)")
    p.add_argument("--connections", type=int, default=4, metavar="N",
                   help="at most N requests at once when --rate allows more than 4 a second (default 4; with the "
                   "default rate of 1 a second there is only ever one)")
    p.add_argument("--ignore-lastmod", action="store_true",
                   help="ask for every page on every run, even when the sitemap's dates (<lastmod>) say it has not "
                   "changed (for a site whose sitemap dates do not follow its pages)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("harvest", parents=[common], help="turn a web site into an authoring folder (needs the "
                       "'portal' extra)")
    p.add_argument("url", help="the site's start page, e.g. https://myktyaimak.gov.kg/?lang=ky")
    p.add_argument("--out", type=Path, required=True, metavar="FOLDER", help="the authoring folder to write or update")
    _harvest_options(p)
    p = sub.add_parser("portal-update", parents=[common], help="harvest the portal's site, check the folder and "
                       "publish the feed: one step for a scheduled task")
    p.add_argument("--site", required=True, metavar="URL", help="the site's start page")
    p.add_argument("--folder", type=Path, required=True, help="the authoring folder the harvest keeps")
    p.add_argument("--feed", type=Path, required=True, metavar="DIR", help="the feed folder to publish into")
    p.add_argument("--key", type=Path, required=True, metavar="KEY", help="the private key (from keygen)")
    p.add_argument("--log", type=Path, metavar="FILE", help="the log file (default: FOLDER.harvest/portal-update.log)")
    p.add_argument("--dry-run", action="store_true", help="harvest into a throw-away copy and say what would change; "
                   "publish nothing")
    _harvest_options(p)


def _options(args: argparse.Namespace):
    from sync.harvest.run import Options

    return Options(recipe=args.recipe, max_pages=args.max_pages, rate=args.rate, budget_mb=args.budget_mb,
                   delete_after=args.delete_after, videos=not args.no_videos, file_hosts=tuple(args.file_host),
                   max_missing=1.0 if args.allow_mass_delete else 0.5, lastmod=not args.ignore_lastmod,
                   connections=args.connections)


def _print_summary(r, out=sys.stdout) -> None:
    print(f"Pages seen: {r.pages_seen}; items new {len(r.new)}, changed {len(r.changed)}, unchanged "
          f"{len(r.unchanged)}, failed {len(r.failed)} (kept as they were), deleted {len(r.deleted)}.", file=out)
    if r.not_asked:
        print(f"Not asked again: {r.not_asked} page(s) the sitemap dates as unchanged since the last run.", file=out)
    print(f"Files fetched: {r.files_fetched} ({r.file_bytes / 1e6:.1f} MB); transferred {r.bytes_transferred / 1e6:.2f}"
          f" MB in {r.requests} requests, {r.seconds:.0f} s.", file=out)
    if r.waiting:
        print(f"Missing from the site, kept for now: {len(r.waiting)} item(s) "
              f"({', '.join(f'{k} {v}x' for k, v in list(r.waiting.items())[:5])}).", file=out)
    if r.converted:
        print(f"Converted to MP4 with ffmpeg: {len(r.converted)} video(s).", file=out)
    for s in r.skipped[:20]:
        print(f"  skipped {s['url']}: {s['reason']}", file=out)
    for p in r.problems[:50]:
        print(f"  problem {p['url']}: {p['message']}", file=out)
    if len(r.problems) > 50:
        print(f"  … and {len(r.problems) - 50} more problems (--json lists all)", file=out)
    if not r.complete:
        print("The crawl was not complete: nothing was counted as missing.", file=out)


def _missing_harvester() -> int:
    print("The harvester is not part of this program (it runs where the portal's feed is published): install "
          "Kitepkana with pip install 'kitepkana[portal]'.", file=sys.stderr)
    return 2


def cmd_harvest(args: argparse.Namespace, open_library, print_json) -> int:
    try:
        from sync.harvest.run import harvest
    except ImportError:  # the desktop bundle leaves sync.harvest out
        return _missing_harvester()

    with TerminalProgress("Harvesting") as bar:
        report = harvest(args.url, args.out, options=_options(args), progress=bar)
    if args.json:
        print_json(report.to_dict())
    else:
        _print_summary(report)
    return 0


def cmd_portal_update(args: argparse.Namespace, open_library, print_json) -> int:
    try:
        from sync.harvest.portal import portal_update
    except ImportError:
        return _missing_harvester()

    with TerminalProgress("Harvesting") as bar:
        result = portal_update(args.site, args.folder, args.feed, args.key, options=_options(args),
                               dry_run=args.dry_run, log_file=args.log, progress=bar)
    if args.json:
        print_json(result.to_dict())
    else:
        if result.harvest:
            _print_summary(result.harvest)
        print(result.message, file=sys.stdout if result.exit_code in (0, 1) else sys.stderr)
    return result.exit_code


COMMANDS = {"harvest": cmd_harvest, "portal-update": cmd_portal_update}
