"""Library → Share on this network in a real window (offscreen): on → the reading room answers at the address the
window shows, with a QR code and the visitors counted; off → nothing answers; the choice is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from app.paths import resolve
from app.settings import Settings
from ui.app import start


@pytest.fixture
def window(qtbot, sample_dir: Path):  # noqa: ANN001, ANN201
    Settings(resolve(sample_dir)).set("share_port", 0)  # any free port
    w = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.library is not None, timeout=20000)
    w.sharing.confirm_quit = lambda: True
    yield w
    w.shutdown()


def _local(room) -> str:  # noqa: ANN001
    return f"http://127.0.0.1:{room.port}/"


def test_share_on_then_off(qtbot, window, sample_dir: Path) -> None:  # noqa: ANN001
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


def test_sharing_comes_back_on_at_the_next_start_and_quitting_stops_it(qtbot, sample_dir: Path) -> None:  # noqa: ANN001
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
