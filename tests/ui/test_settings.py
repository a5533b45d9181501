"""The settings dialog saves what the librarian chose and explains what is wrong instead of saving it."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from app import paths as app_paths
from app.settings import Settings
from app.visitor import VisitorLock
from sync import signing
from ui.kiosk import check_pin
from ui.settingsdialog import SettingsDialog, valid_portal_url
from ui.tasks import TaskManager


@pytest.fixture
def dialog(qtbot, sample_library, tmp_path: Path) -> SettingsDialog:
    dlg = SettingsDialog(sample_library)
    dlg.location_file = tmp_path / "user-config" / app_paths.LOCATION_FILE  # never the real user config
    qtbot.addWidget(dlg)
    return dlg


def test_portal_addresses() -> None:
    assert valid_portal_url("") and valid_portal_url("https://portal.example.kg/feed/")
    assert valid_portal_url("http://192.168.1.5:8080/feed")
    for bad in ("portal.example.kg", "ftp://portal.example.kg/", "https://", "https://exa mple.kg/",
                "https://example.kg:99999/", "javascript:alert(1)"):
        assert not valid_portal_url(bad), bad


def test_saves_values_to_settings(dialog: SettingsDialog, sample_library) -> None:
    assert dialog.portal_url.text() == "" and "Ask the LSG Union" in dialog.portal_hint.text()  # none built in
    assert dialog.topics.count() == len(sample_library.taxonomy()["topics"]) > 2
    assert not dialog.topics.isEnabled()  # only for the "topics" policy
    dialog.portal_url.setText("  https://portal.example.kg/feed/ ")
    dialog.video_policy.setCurrentIndex(dialog.video_policy.findData("topics"))
    assert dialog.topics.isEnabled()
    chosen = [t.id for t in sample_library.taxonomy()["topics"][:2]]
    dialog.set_chosen_topics(chosen)
    dialog.bandwidth.setValue(250)
    dialog.extra_hosts.setText(" mirror.example.kg,, cdn.example.kg ")
    assert dialog.save()
    assert dialog.error.isHidden()
    saved = Settings(sample_library.paths)
    assert saved.get("portal_url") == "https://portal.example.kg/feed/"
    assert saved.get("video_policy") == "topics"
    assert saved.get("video_topics") == chosen
    assert saved.get("bandwidth_limit") == 250
    assert saved.get("sync_extra_hosts") == ["mirror.example.kg", "cdn.example.kg"]
    assert not VisitorLock(sample_library).load().enabled
    # a new dialog shows what was saved
    again = SettingsDialog(sample_library)
    assert again.portal_url.text() == "https://portal.example.kg/feed/"
    assert again.chosen_topics() == chosen and again.bandwidth.value() == 250
    assert again.extra_hosts.text() == "mirror.example.kg, cdn.example.kg"
    again.deleteLater()


def test_rejects_a_bad_portal_address(qtbot, dialog: SettingsDialog, sample_library) -> None:
    dialog.show()
    dialog.tabs.setCurrentIndex(0)
    dialog.portal_url.setText("portal.example.kg/feed")
    dialog.bandwidth.setValue(100)
    dialog.buttons.accepted.emit()  # what "Save" does
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "http://" in dialog.error.text()
    assert dialog.tabs.currentIndex() == 1  # the page with the wrong field is shown
    assert Settings(sample_library.paths).get("bandwidth_limit") == 0  # nothing was saved
    dialog.portal_url.setText("https://portal.example.kg/feed/")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Settings(sample_library.paths).get("portal_url") == "https://portal.example.kg/feed/"


def test_topics_policy_needs_a_topic(dialog: SettingsDialog) -> None:
    dialog.video_policy.setCurrentIndex(dialog.video_policy.findData("topics"))
    assert not dialog.save()
    assert "topic" in dialog.error.text()


def test_visitor_mode_needs_a_good_pin(dialog: SettingsDialog, sample_library) -> None:
    dialog.kiosk_enabled.setChecked(True)
    assert not dialog.save() and "PIN" in dialog.error.text()
    dialog.pin.setText("12")
    dialog.pin_again.setText("12")
    assert not dialog.save() and "4 to 12 digits" in dialog.error.text()
    dialog.pin.setText("2468")
    dialog.pin_again.setText("2469")
    assert not dialog.save() and "not the same" in dialog.error.text()
    assert not VisitorLock(sample_library).load().enabled
    dialog.pin_again.setText("2468")
    dialog.idle_minutes.setValue(3)
    assert dialog.save()
    assert Settings(sample_library.paths).get("kiosk_idle_minutes") == 3
    # visitor mode and its PIN are kept apart from the settings file (a damaged one must not turn it off)
    lock = VisitorLock(sample_library).load()
    assert lock.enabled and lock.visit_id  # the first visit starts now
    stored = lock.pin_hash
    assert "2468" not in stored and check_pin("2468", stored) and not check_pin("1111", stored)
    assert "2468" not in sample_library.paths.settings_file.read_text(encoding="utf-8")
    assert dialog.pin.text() == ""  # never left lying in the dialog
    # saving again without a new PIN keeps the PIN (and the visit)
    assert dialog.save()
    assert VisitorLock(sample_library).load() == lock
    # a settings file damaged meanwhile: the dialog shows visitor mode as still on
    sample_library.paths.settings_file.write_text("{", encoding="utf-8")
    again = SettingsDialog(sample_library)
    assert again.kiosk_enabled.isChecked()
    again.deleteLater()


def test_data_folder_choice_is_saved_for_the_next_start(dialog: SettingsDialog, tmp_path: Path) -> None:
    assert dialog.data_folder.text() == str(dialog.library.paths.data)
    # opened with an explicit folder (like --data-dir): the folder is fixed and the dialog says why
    assert not dialog.choose_folder.isEnabled() and dialog.folder_note.text()
    dialog.choose_data_folder(tmp_path / "D" / "Kitepkana")
    assert app_paths.read_data_location(dialog.location_file) is None  # only saved with "Save"
    assert dialog.save()
    assert app_paths.read_data_location(dialog.location_file) == (tmp_path / "D" / "Kitepkana").resolve()
    p = app_paths.resolve(environ={}, portable_root=tmp_path, location_file=dialog.location_file)
    assert p.mode == "chosen" and p.data == (tmp_path / "D" / "Kitepkana").resolve()
    dialog.choose_data_folder(None)
    assert dialog.save()
    assert not dialog.location_file.exists()


def test_trusted_keys_add_and_remove(dialog: SettingsDialog, tmp_path: Path) -> None:
    # not an everyday setting: under "Advanced", apart from the portal address and the videos
    advanced = dialog.tabs.indexOf(dialog._page_of(dialog.keys))
    assert dialog.tabs.tabText(advanced) == "Advanced" and advanced != dialog.tabs.indexOf(
        dialog._page_of(dialog.portal_url))
    assert dialog._page_of(dialog.extra_hosts) is dialog.tabs.widget(advanced)
    built_in = dialog.keys.count()
    assert built_in >= 1 and not dialog.trusted_key_ids()
    pair = signing.generate_keypair(tmp_path / "partner.key")
    assert dialog.add_trusted_key(pair.public) == pair.key_id
    assert dialog.trusted_key_ids() == [pair.key_id]
    assert dialog.keys.count() == built_in + 1
    dialog.keys.setCurrentRow(0)  # the built-in portal key cannot be removed
    assert not dialog.remove_key.isEnabled()
    dialog.keys.setCurrentRow(built_in)
    assert dialog.remove_key.isEnabled()
    assert dialog.remove_trusted_key(pair.key_id)
    assert dialog.trusted_key_ids() == [] and dialog.keys.count() == built_in

    not_a_key = tmp_path / "notes.pub"
    not_a_key.write_text("hello", encoding="utf-8")
    assert dialog.add_trusted_key(not_a_key) is None
    assert not dialog.error.isHidden() and "key" in dialog.error.text()
    assert dialog.trusted_key_ids() == []


def test_topics_load_through_the_task_manager(qtbot, sample_library) -> None:
    tasks = TaskManager()
    dlg = SettingsDialog(sample_library, tasks=tasks)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.topics.count() > 0, timeout=10_000)
    tasks.wait()
