"""Settings are never reset by a file another program holds for a moment (Windows: a backup tool, a virus scan):
read again, then refused with a message — the librarian's settings stay as they were."""

import threading
from pathlib import Path

import pytest

from app import paths
from app.errors import SettingsUnreadableError
from app.settings import Settings
from tests import windowsfs

pytestmark = pytest.mark.skipif(not windowsfs.available(), reason="the Windows mode reads /proc/self/fd")


@pytest.fixture
def saved(tmp_path: Path):
    app_paths = paths.resolve(tmp_path / "data").ensure()
    settings = Settings(app_paths)
    settings.set("portal_url", "https://portal.example.kg/feed.json")
    with windowsfs.windows_fs(case_root=str(tmp_path)):
        yield app_paths


def test_a_brief_lock_is_waited_out(saved):
    release = threading.Event()

    def hold():
        with windowsfs.held_by_another_program(saved.settings_file):
            started.set()
            release.wait(0.3)

    started = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    started.wait()
    try:
        assert Settings(saved).get("portal_url") == "https://portal.example.kg/feed.json"
    finally:
        holder.join()


def test_a_lasting_lock_refuses_and_keeps_the_file(saved):
    before = saved.settings_file.read_bytes()
    with windowsfs.held_by_another_program(saved.settings_file), pytest.raises(SettingsUnreadableError) as exc:
        Settings(saved).load(attempts=3, delay=0.01)
    assert exc.value.code == "settings_unreadable" and "locked" in str(exc.value)
    assert saved.settings_file.read_bytes() == before
    assert not list(saved.settings_file.parent.glob("*.damaged"))
    assert Settings(saved).get("portal_url") == "https://portal.example.kg/feed.json"
