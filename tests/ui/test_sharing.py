"""Library → Share on this network in a real window (offscreen): on → the reading room answers at the address the
window shows, with a QR code and the visitors counted; off → nothing answers; the choice is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt

from app.paths import resolve
from app.settings import Settings
from ui.app import start


@pytest.fixture
def window(qtbot, sample_dir: Path):
    Settings(resolve(sample_dir)).set("share_port", 0)  # any free port
    w = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.library is not None, timeout=20000)
    w.sharing.confirm_quit = lambda: True
    yield w
    w.shutdown()


def _local(room) -> str:
    return f"http://127.0.0.1:{room.port}/"


def test_share_on_then_off(qtbot, window, sample_dir: Path) -> None:
    sharing = window.sharing
    assert sharing.action in window.library_menu.actions() and not sharing.action.isChecked()
    sharing.action.trigger()  # on
    assert sharing.room is not None and sharing.action.isChecked()
    url = _local(sharing.room)
    r = requests.get(url, headers={"Accept-Language": "ru"}, timeout=10)
    assert r.status_code == 200 and "Библиотека" in r.text
    dialog = sharing.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.address.text().startswith("http://") and dialog.address.text().endswith(f":{sharing.room.port}/")
    assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() > 100
    dialog.refresh()
    assert "1" in dialog.visitors.text()  # the request above: one visitor now, one today
    assert Settings(resolve(sample_dir)).get("share_enabled") is True

    sharing.action.trigger()  # off
    assert sharing.room is None and not sharing.action.isChecked()
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=5)
    assert Settings(resolve(sample_dir)).get("share_enabled") is False


def test_sharing_comes_back_on_at_the_next_start_and_quitting_stops_it(qtbot, sample_dir: Path) -> None:
    settings = Settings(resolve(sample_dir))
    settings.set("share_port", 0)
    settings.set("share_enabled", True)
    w = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.sharing.room is not None, timeout=20000)
    url = _local(w.sharing.room)
    assert requests.get(url, timeout=10).status_code == 200
    asked = []
    w.sharing.confirm_quit = lambda: asked.append(True) or False  # "No": keep sharing, keep the window
    w.close()
    assert asked and w.sharing.room is not None and w.library is not None
    w.sharing.confirm_quit = lambda: True
    w.close()
    assert w.sharing.room is None
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=5)


def test_the_librarian_sets_sees_and_clears_the_access_code_in_the_share_window(qtbot, window, sample_dir: Path) -> None:
    sharing = window.sharing
    sharing.action.trigger()
    dialog = sharing.dialog
    url = _local(sharing.room)
    assert requests.get(url, timeout=10, allow_redirects=False).status_code == 200  # no code yet
    assert dialog.code_edit.text() == "" and not dialog.code_clear.isEnabled()

    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "4521")
    qtbot.mouseClick(dialog.code_set, Qt.MouseButton.LeftButton)
    assert Settings(resolve(sample_dir)).get("share_access_code") == "4521"
    assert "4521" in dialog.code_state.text() and dialog.code_clear.isEnabled()
    r = requests.get(url, timeout=10, allow_redirects=False)  # the running room asks for it at once
    assert r.status_code == 303 and r.headers["Location"].startswith("/code")
    visitor = requests.Session()
    visitor.post(url + "code", data={"code": "4521", "next": "/"}, timeout=10)
    assert visitor.get(url, timeout=10, allow_redirects=False).status_code == 200

    qtbot.mouseClick(dialog.code_clear, Qt.MouseButton.LeftButton)
    assert Settings(resolve(sample_dir)).get("share_access_code") == ""
    assert dialog.code_edit.text() == "" and "4521" not in dialog.code_state.text()
    assert requests.get(url, timeout=10, allow_redirects=False).status_code == 200

    # set again, stop and start: the code is remembered and shown
    qtbot.keyClicks(dialog.code_edit, "sary-too")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    sharing.set_on(False)
    sharing.set_on(True)
    assert sharing.room.access_code == "sary-too" and sharing.dialog.code_edit.text() == "sary-too"


def test_the_share_window_says_whether_phones_can_reach_this_computer(qtbot, window) -> None:
    from app.web import reach

    sharing = window.sharing
    sharing.action.trigger()  # opening the window runs the check in a worker
    dialog = sharing.dialog
    qtbot.waitUntil(lambda: dialog._reach is not None, timeout=20000)
    assert dialog._reach.answered and dialog._reach.problem == ""
    assert sharing.room.urls()[0] in dialog.reach.text()
    assert sharing.room.visitors.today() == 0  # the check itself is not a visitor
    # the same check against an address where nothing listens says so
    closed = reach.Reach(url="http://127.0.0.1:9/", answered=reach.answers("http://127.0.0.1:9/", timeout=2),
                         firewall="not_windows", others_seen=0)
    assert closed.problem == "not_answering"
    dialog._reach_done(closed)
    assert "127.0.0.1:9" in dialog.reach.text() and dialog.check_button.isEnabled()
    assert reach.other_devices({"127.0.0.1", "192.168.1.20", "192.168.1.31"}, {"192.168.1.20"}) == 1


def test_the_share_window_gives_the_exact_clicks_when_windows_blocks_phones(qtbot, window) -> None:
    from app.web import reach

    sharing = window.sharing
    sharing.action.trigger()
    dialog = sharing.dialog
    qtbot.waitUntil(lambda: dialog._reach is not None, timeout=20000)
    url = sharing.room.urls()[0]
    dialog._reach_done(reach.Reach(url=url, answered=True, firewall="no_rule", others_seen=0))
    assert "Allow an app through Windows Firewall" in dialog.reach.text() and "Private" in dialog.reach.text()
    dialog._reach_done(reach.Reach(url=url, answered=True, firewall="public_network", others_seen=0))
    assert "Network profile: Private" in dialog.reach.text()
    for lang, words in (("ky", "брандмауэр"), ("ru", "брандмауэр")):  # the same clicks in the librarian's language
        window.set_language(lang)
        dialog._reach_done(reach.Reach(url=url, answered=True, firewall="no_rule", others_seen=0))
        assert words in dialog.reach.text().lower() and "Windows" in dialog.reach.text(), lang
    window.set_language("en")
    dialog._reach_done(reach.Reach(url=url, answered=True, firewall="no_rule", others_seen=3))
    assert "3 other phones" in dialog.reach.text()  # phones got in: no warning
