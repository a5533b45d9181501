"""End to end as the portal's staff and a village library run it: `portal-update` (harvest → validate → publish)
from a scheduled task, then `sync` into a fresh library, `search` and the lesson's cues."""

from __future__ import annotations

import json
from pathlib import Path

from app import paths as app_paths
from app.library import Library
from app.lock import InstanceLock
from app.values import SearchRequest
from sync.harvest.portal import EXIT, portal_update
from sync.harvest.run import default_state_dir
from tests.app.test_cli import kitepkana
from tests.harvest.conftest import fast


def test_portal_update_then_sync_search_and_cues(site, keys, tmp_path: Path) -> None:
    folder, feed, log = tmp_path / "portal", tmp_path / "feed", tmp_path / "update.log"
    run = kitepkana("portal-update", "--site", site.base + "/?lang=ru", "--folder", str(folder), "--feed",
                    str(feed), "--key", str(keys.private), "--rate", "0", "--log", str(log), "--json")
    result = json.loads(run.stdout)
    # published, but the 500 page makes it "done with problems" (exit 1), said in the log
    assert run.returncode == EXIT["problems"] == result["exit_code"], run.stderr
    assert result["publish"]["changed"] and (feed / "feed.json").is_file()
    assert "id=99" in log.read_text("utf-8") and "published change" in log.read_text("utf-8")
    data = tmp_path / "village"
    synced = kitepkana("--data-dir", str(data), "--no-sample", "sync", str(feed), "--trust", str(keys.public),
                       "--accept-new-feed", "--json")
    assert synced.returncode == 0, synced.stderr
    with Library(app_paths.resolve(data)) as lib:
        hits = [h.id for h in lib.search(SearchRequest("Зеленоборская")).hits]
        assert "practices-single-practice-id-1-ru" in hits
        pdf_hits = [h.id for h in lib.search(SearchRequest("Токтосунова")).hits]  # a word only the event's PDF holds
        assert "events-single-event-id-56-ru" in pdf_hits
        lesson = lib.get_item("lessons-single-lesson-id-3-ru")
        assert lesson.cues and any("бюджет участия" in c.text.lower() for c in lesson.cues)
    # nothing changed on the site: the feed stays at the same change
    again = portal_update(site.base + "/?lang=ru", folder, feed, keys.private, options=fast(), log_file=log)
    assert "already up to date" in again.message and again.publish["changed"] is False


def test_dry_run_changes_nothing(site, keys, tmp_path: Path) -> None:
    folder, feed = tmp_path / "portal", tmp_path / "feed"
    portal_update(site.base + "/?lang=ru", folder, feed, keys.private, options=fast())
    before = {p: p.read_bytes() for p in [*folder.rglob("*"), *feed.rglob("*")] if p.is_file()}
    site.item("practices", 2, "ru").text += "\n\nНовая строка для пробного запуска."
    dry = portal_update(site.base + "/?lang=ru", folder, feed, keys.private, options=fast(), dry_run=True)
    assert dry.dry_run and dry.harvest.changed == ["practices-single-practice-id-2-ru"]
    assert "nothing published" in dry.message and dry.publish is None
    assert "would change: practices-single-practice-id-2-ru" in dry.message  # said by name, in the log too
    assert {p: p.read_bytes() for p in [*folder.rglob("*"), *feed.rglob("*")] if p.is_file()} == before


def test_exit_codes_lock_and_unreachable_site(site, keys, tmp_path: Path) -> None:
    folder, feed = tmp_path / "portal", tmp_path / "feed"
    with InstanceLock(default_state_dir(folder) / "portal-update.lock"):
        busy = portal_update(site.base, folder, feed, keys.private, options=fast())
    assert busy.exit_code == EXIT["running"] and not feed.exists()
    site.stop()
    down = portal_update(site.base, folder, feed, keys.private, options=fast())
    assert down.exit_code == EXIT["site_unreachable"] and not feed.exists()
    assert "does not answer" in down.message


def test_exit_codes_say_what_happened(site, keys, tmp_path: Path) -> None:
    folder, feed, log = tmp_path / "portal", tmp_path / "feed", tmp_path / "update.log"
    site.broken.clear()
    opts = fast(videos=False)
    # a dry run predicts the real run's code: dead links and notes alone do not make it "problems"
    dry = portal_update(site.base + "/?lang=ru", folder, feed, keys.private, options=opts, dry_run=True, log_file=log)
    real = portal_update(site.base + "/?lang=ru", folder, feed, keys.private, options=opts, log_file=log)
    assert dry.harvest.problems and dry.exit_code == real.exit_code == EXIT["ok"], (dry.message, real.message)
    not_a_folder = tmp_path / "feed-file"
    not_a_folder.write_text("x", encoding="utf-8")
    failed = portal_update(site.base + "/?lang=ru", folder, not_a_folder, keys.private, options=opts, log_file=log)
    assert failed.exit_code == EXIT["publish_failed"] and "is a file" in failed.message
    # anything unexpected (here the folder is a file) is exit 7 with its traceback in the log, never a crash
    odd = tmp_path / "odd"
    odd.write_text("x", encoding="utf-8")
    broken = portal_update(site.base + "/?lang=ru", odd, feed, keys.private, options=opts, log_file=log)
    assert broken.exit_code == EXIT["error"] and "Traceback" in log.read_text("utf-8")
