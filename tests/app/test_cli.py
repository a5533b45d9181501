"""The command line end to end, as a user runs it: a real process on a temporary data folder."""

import json
import os
import subprocess
import sys
from pathlib import Path

from app import __version__
from tests.app.conftest import write
from tests.conftest import ROOT


def kitepkana(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=full_env, timeout=120, check=False)


def test_first_start_imports_the_sample_and_lists_it(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    out = kitepkana("--data-dir", str(data), "list", "--json")
    assert out.returncode == 0, out.stderr
    assert "importing the bundled sample" in out.stderr
    items = json.loads(out.stdout)
    assert len(items) >= 40
    assert {i["kind"] for i in items} == {"practice", "lesson", "document", "event"}
    assert {i["lang"] for i in items} == {"ky", "ru", "en"}
    assert all({"id", "kind", "lang", "title"} <= set(i) for i in items)
    # the second start does not import again
    again = kitepkana("list", "--kind", "lesson", "--json", "--data-dir", str(data))
    assert "importing" not in again.stderr
    assert {i["kind"] for i in json.loads(again.stdout)} == {"lesson"}


def test_show_json_has_all_fields(sample_dir: Path) -> None:
    out = kitepkana("--data-dir", str(sample_dir), "show", "lesson-pb-intro-ru", "--json")
    assert out.returncode == 0, out.stderr
    item = json.loads(out.stdout)
    assert item["id"] == "lesson-pb-intro-ru" and item["kind"] == "lesson" and item["lang"] == "ru"
    assert item["duration"] > 0 and item["cues"] and item["topics"]
    assert {f["role"] for f in item["files"]} >= {"video", "subtitles", "thumbnail"}
    text = kitepkana("--data-dir", str(sample_dir), "show", "pb-lebedinovka-ky")
    assert text.returncode == 0 and "Лебединовка" in text.stdout
    missing = kitepkana("--data-dir", str(sample_dir), "show", "no-such-item")
    assert missing.returncode == 2 and "no item with id 'no-such-item'" in missing.stderr


def test_check_passes_then_fails_loudly_on_a_corrupted_file(sample_dir: Path) -> None:
    ok = kitepkana("--data-dir", str(sample_dir), "check")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip().startswith("OK")
    media = max((sample_dir / "media").glob("*/*"), key=lambda p: p.stat().st_size)
    data = bytearray(media.read_bytes())
    data[len(data) // 2] ^= 0xFF
    media.write_bytes(bytes(data))
    bad = kitepkana("--data-dir", str(sample_dir), "check", "--json")
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert not report["ok"] and any(media.name[:12] in p and "corrupted" in p for p in report["problems"])
    media.unlink()
    gone = kitepkana("--data-dir", str(sample_dir), "check")
    assert gone.returncode == 1 and "missing" in gone.stdout


def test_stats_and_version(sample_dir: Path) -> None:
    out = kitepkana("--data-dir", str(sample_dir), "stats", "--json")
    stats = json.loads(out.stdout)
    assert stats["items"] >= 40 and stats["by_kind"]["practice"] >= 25 and stats["media_files"] > 10
    assert stats["schema_revision"]
    version = kitepkana("--version")
    assert version.returncode == 0 and __version__ in version.stdout


def test_import_reports_bad_files_and_exits_2(tmp_path: Path, sample_dir: Path) -> None:
    folder = tmp_path / "bad"
    write(folder / "a.md", "---\nid: a\nkind: practice\nlang: kz\ntitle: T\n---\n")
    out = kitepkana("--data-dir", str(sample_dir), "import", str(folder))
    assert out.returncode == 2
    assert "a.md: field 'lang': 'kz' is not one of: ky, ru, en" in out.stderr
    assert "nothing was imported" in out.stderr


def test_import_json_and_env_override(tmp_path: Path, catalog: Path) -> None:
    home = tmp_path / "home"
    out = kitepkana("import", str(catalog), "--json", env={"KITEPKANA_HOME": str(home)})
    assert out.returncode == 0, out.stderr
    assert sorted(json.loads(out.stdout)["added"]) == ["intro-lesson", "water-ky", "water-ru"]
    assert (home / "library.sqlite").is_file()
    paths = json.loads(kitepkana("paths", "--json", env={"KITEPKANA_HOME": str(home)}).stdout)
    assert paths["mode"] == "env" and Path(paths["data"]) == home.resolve()


def test_gc_removes_unreferenced_media(sample_dir: Path) -> None:
    stray = sample_dir / "media" / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"nobody uses me")
    out = kitepkana("--data-dir", str(sample_dir), "gc", "--json")
    assert json.loads(out.stdout) == {"files": 1, "bytes": 14}
    assert not stray.exists()


def test_search_json_contract(sample_dir: Path) -> None:
    out = kitepkana("--data-dir", str(sample_dir), "search", "пастбищ", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["total"] >= 3 and {"kind", "topics", "regions", "lang", "target_groups", "year"} <= set(data["facets"])
    for hit in data["hits"]:
        assert {"id", "kind", "lang", "title", "score", "snippet"} <= set(hit)
    lesson = next(h for h in data["hits"] if h["kind"] == "lesson")
    assert lesson["time"] > 0  # a transcript hit says where to open the video
    assert all("time" not in h for h in data["hits"] if h["kind"] != "lesson")
    filtered = json.loads(kitepkana("--data-dir", str(sample_dir), "search", "пастбищ", "--kind", "practice",
                                    "--region", "naryn", "--json").stdout)
    assert filtered["hits"] and all(h["kind"] == "practice" for h in filtered["hits"])
    assert filtered["total"] == len(filtered["hits"]) == filtered["facets"]["kind"]["practice"]


def test_search_completes_the_last_word_as_the_app_does(sample_dir: Path) -> None:
    """``kitepkana search`` (and the reading room through it) completes a word cut short, as the app's
    search-as-you-type does, instead of "correcting" it into another word (Цере → цене)."""
    data = json.loads(kitepkana("--data-dir", str(sample_dir), "search", "Цере", "--json").stdout)
    assert "event-contest-ceremony-2025-ru" in [h["id"] for h in data["hits"]]
    assert data["suggestion"] is None and not data["corrected"]


def test_search_text_output_and_reindex(sample_dir: Path) -> None:
    out = kitepkana("--data-dir", str(sample_dir), "search", "бюжет")
    assert out.returncode == 0 and "бюджет" in out.stdout and "result(s)" in out.stdout
    rebuilt = kitepkana("--data-dir", str(sample_dir), "reindex", "--json")
    assert json.loads(rebuilt.stdout)["items"] >= 40
