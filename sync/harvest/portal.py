"""``portal-update``: harvest → validate → publish, in one step safe to run unattended from a scheduled task.

A lock beside the folder keeps two runs apart; every run appends to a log file; the exit code says what
happened (:data:`EXIT`). ``dry_run`` harvests into a throw-away copy (hard links, so it costs no disk) and says
what would change; the folder, its state and the feed stay as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import AuthoringError, CancelledError, KitepkanaError, LibraryLockedError
from app.lock import InstanceLock
from sync.harvest.errors import HarvestError
from sync.harvest.run import HarvestReport, Options, default_state_dir, harvest

# exit codes of `kitepkana portal-update` (README: scheduling)
EXIT = {"ok": 0, "problems": 1, "usage": 2, "invalid": 3, "site_unreachable": 4, "publish_failed": 5,
        "running": 6, "error": 7, "cancelled": 130}


@dataclass
class UpdateResult:
    status: str  # a key of EXIT
    message: str
    harvest: HarvestReport | None = None
    publish: dict | None = None
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def exit_code(self) -> int:
        return EXIT[self.status]

    def to_dict(self) -> dict:
        return {"status": self.status, "exit_code": self.exit_code, "message": self.message, "dry_run": self.dry_run,
                "harvest": self.harvest.to_dict() if self.harvest else None, "publish": self.publish,
                "problems": self.problems}


def _linked_copy(src: Path, dst: Path) -> None:
    def link(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    if src.is_dir():
        shutil.copytree(src, dst, copy_function=link)


class _Log:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def __call__(self, message: str) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        with open(self.path, "a", encoding="utf-8") as f:
            f.writelines(f"{stamp} {line}\n" for line in message.splitlines() or [""])


def _would(report: HarvestReport, *, limit: int = 30) -> str:
    """The items a real run would add, change and delete, by id (a dry run's answer to "what would change")."""
    lines = []
    for verb, ids in (("add", report.new), ("change", report.changed), ("delete", report.deleted)):
        if ids:
            more = f" … and {len(ids) - limit} more" if len(ids) > limit else ""
            lines.append(f"\n  would {verb}: {', '.join(sorted(ids)[:limit])}{more}")
    return "".join(lines)


def portal_update(site: str, folder: Path, feed_dir: Path, key: Path, *, options: Options | None = None,
                  dry_run: bool = False, log_file: Path | None = None, progress: Callable | None = None,
                  cancelled: Callable[[], bool] | None = None) -> UpdateResult:
    options = options or Options()
    folder = Path(folder).resolve()
    state_dir = options.state_dir or default_state_dir(folder)
    log = _Log(Path(log_file) if log_file else state_dir / "portal-update.log")
    lock = InstanceLock(state_dir / "portal-update.lock")
    try:
        lock.acquire()
    except LibraryLockedError:
        log(f"another portal-update is running for {folder}; this run did nothing")
        return UpdateResult("running", f"another portal-update is still running for {folder}; nothing was done")
    try:
        log(f"start: {site} → {folder} → {feed_dir}{' (dry run)' if dry_run else ''}")
        try:
            result = _update(site, folder, feed_dir, key, options, state_dir, dry_run, progress, cancelled)
        except Exception as e:  # noqa: BLE001 - unattended: an exit code of its own and the details in the log
            log("".join(traceback.format_exception(e)).rstrip())
            result = UpdateResult("error", f"the update stopped on an unexpected error ({type(e).__name__}: {e}); "
                                  f"the log {log.path} has the details")
        log(f"{result.status} (exit {result.exit_code}): {result.message}")
        for p in result.problems[:200]:
            log(f"  {p}")
        return result
    finally:
        lock.release()


def _update(site: str, folder: Path, feed_dir: Path, key: Path, options: Options, state_dir: Path, dry_run: bool,
            progress: Callable | None, cancelled: Callable[[], bool] | None) -> UpdateResult:
    from app.authoring import load_folder
    from sync.publisher import publish

    work, work_state, tmp = folder, state_dir, None
    if dry_run:
        tmp = Path(tempfile.mkdtemp(prefix="kitepkana-dry-"))
        work, work_state = tmp / folder.name, tmp / "state"
        _linked_copy(folder, work)
        _linked_copy(state_dir, work_state)
    try:
        opts = Options(**{**options.__dict__, "state_dir": work_state})
        try:
            report = harvest(site, work, options=opts, progress=progress, cancelled=cancelled)
        except HarvestError as e:
            status = "site_unreachable" if e.code == "site_unreachable" else "usage"
            return UpdateResult(status, str(e), dry_run=dry_run)
        except CancelledError:
            return UpdateResult("cancelled", "cancelled; the folder keeps what was written whole", dry_run=dry_run)
        problems = [f"{p['url']}: {p['message']}" for p in report.problems]
        problems += [f"skipped {s['url']}: {s['reason']}" for s in report.skipped]
        try:
            load_folder(work)
        except AuthoringError as e:
            return UpdateResult("invalid", f"the harvested folder does not validate; nothing was published:\n{e}",
                                report, problems=problems, dry_run=dry_run)
        summary = (f"{report.pages_seen} pages: {len(report.new)} new, {len(report.changed)} changed, "
                   f"{len(report.unchanged)} unchanged, {len(report.failed)} failed, {len(report.deleted)} deleted")
        status = "problems" if report.failed or report.skipped else "ok"  # what the exit code reports
        if dry_run:
            return UpdateResult(status, f"dry run, nothing published: {summary}{_would(report)}", report,
                                problems=problems, dry_run=True)
        try:
            published = publish(work, Path(feed_dir), Path(key), cancelled=cancelled)
        except CancelledError:
            return UpdateResult("cancelled", "cancelled; the feed is as it was", report, problems=problems)
        except KitepkanaError as e:
            return UpdateResult("publish_failed", f"harvested, but publishing failed: {e}", report, problems=problems)
        what = (f"published change {published.seq}" if published.changed else "the feed was already up to date")
        return UpdateResult(status, f"{summary}; {what}", report, published.to_dict(), problems)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
