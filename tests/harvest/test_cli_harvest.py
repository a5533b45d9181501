"""`kitepkana harvest` as the portal's staff run it; the desktop app never loads the harvester."""

from __future__ import annotations

import json
import subprocess
import sys

from app.cli import build_parser
from app.cli_harvest import _options
from tests.app.test_cli import kitepkana
from tests.conftest import ROOT


def test_harvest_command_json_and_exit(site, tmp_path) -> None:
    out = tmp_path / "folder"
    site.broken.clear()  # its retries with back-off would only slow this test down
    run = kitepkana("harvest", site.base + "/?lang=ru", "--out", str(out), "--rate", "0", "--no-videos", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert len(report["new"]) >= 10 and report["complete"] and report["problems"]
    plain = kitepkana("harvest", site.base + "/?lang=ru", "--out", str(out), "--rate", "0", "--no-videos")
    assert plain.returncode == 0 and "changed 0" in plain.stdout and "problem" in plain.stdout
    assert "Not asked again: 10 page(s)" in plain.stdout  # the sitemap dates them as unchanged
    # the options the staff can give (in-process: each run of the command costs seconds)
    args = build_parser().parse_args(["harvest", "http://x.kg", "--out", "f", "--ignore-lastmod", "--connections", "2"])
    options = _options(args)
    assert options.lastmod is False and options.connections == 2 and _options(
        build_parser().parse_args(["harvest", "http://x.kg", "--out", "f"])).lastmod is True
    bad = kitepkana("harvest", "ftp://example.org", "--out", str(out))
    assert bad.returncode == 2 and "not a web address" in bad.stderr


def test_desktop_app_never_imports_the_harvester() -> None:
    code = ("import sys; import app.cli, app.library, sync.client, sync.publisher; app.cli.build_parser(); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'yt_dlp', 'cssselect') "
            "or m.startswith('sync.harvest')]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(ROOT / "build"))
    import bundling

    assert {"sync.harvest", "trafilatura", "yt_dlp"} <= set(bundling.EXCLUDED_MODULES)
