"""The settings dialog: interface language, data folder, updates (portal, videos, speed, libraries followed),
visitor mode, and — under "Advanced" — the trusted publisher keys (``ui/trustedkeys.py``) and other servers.

The language switches as soon as it is picked (and is saved at once); everything else is saved with
"Save" after it was checked, and what is wrong is said in plain words in the dialog itself. The dialog
only reads and writes ``app.settings.Settings`` (plus the data-folder choice of ``app.paths`` and the
trusted-keys folder through ``sync.client.trust_key``); the services do the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import paths as app_paths
from app.settings import VIDEO_POLICIES, Settings
from ui import i18n
from ui.feedspanel import FeedsPanel
from ui.kiosk import PIN_MAX, VisitorLock, hash_pin, valid_pin
from ui.tasks import Queue
from ui.trustedkeys import TrustedKeysPanel

if TYPE_CHECKING:
    from app.library import Library
    from app.values import Label
    from ui.tasks import TaskManager

LANGUAGE_CHOICES = ("", *i18n.LANGUAGES)  # "": the system's language


def valid_portal_url(url: str) -> bool:
    """Empty (no portal: updates come from a USB drive) or an http(s) address with a host."""
    if not url:
        return True
    if any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class SettingsDialog(QDialog):
    language_changed = Signal(str)  # the language now in use: "ky", "ru" or "en"
    settings_saved = Signal()  # the window tells the Kiosk to reload

    def __init__(self, library: Library, parent: QWidget | None = None, *, tasks: TaskManager | None = None) -> None:
        """``tasks`` (ui.tasks.TaskManager): the topic list is read on its "read" queue when given."""
        super().__init__(parent)
        self.library = library
        self.settings = Settings(library.paths)
        self.visitor_lock = VisitorLock(library)  # visitor mode and its PIN: kept apart from the settings file
        self.location_file = app_paths.data_location_file()  # tests point it elsewhere
        self.next_data_folder: Path | None = app_paths.read_data_location(self.location_file)
        self._topics: list[Label] = []  # in list order
        self.setModal(True)
        self._tasks = tasks
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_page(), "")
        self.tabs.addTab(self._updates_page(), "")
        self.tabs.addTab(self._visitor_page(), "")
        self.tabs.addTab(self._advanced_page(), "")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.error.font()
        font.setBold(True)
        self.error.setFont(font)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._load_values()
        self.retranslate()
        self._load_topics(tasks)

    # --- pages ---------------------------------------------------------------------------------

    def _general_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        for code in LANGUAGE_CHOICES:
            self.language.addItem(i18n.LANGUAGE_NAMES.get(code, ""), code)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        self.data_folder = QLineEdit(str(self.library.paths.data))
        self.data_folder.setReadOnly(True)
        self.data_folder_label = QLabel()
        self.data_folder_label.setBuddy(self.data_folder)
        form.addRow(self.data_folder_label, self.data_folder)
        self.choose_folder = QPushButton()
        self.choose_folder.clicked.connect(self._ask_data_folder)
        self.default_folder = QPushButton()
        self.default_folder.clicked.connect(lambda: self.choose_data_folder(None))
        row = QHBoxLayout()
        row.addWidget(self.choose_folder)
        row.addWidget(self.default_folder)
        row.addStretch(1)
        form.addRow("", row)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)
        form.addRow("", self.folder_note)
        fixed = self.library.paths.mode in ("explicit", "env", "portable")
        self.choose_folder.setEnabled(not fixed)
        self.default_folder.setEnabled(not fixed)
        return page

    def _updates_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.portal_url = QLineEdit()
        self.portal_url.setPlaceholderText("https://")
        self.portal_url_label = QLabel()
        self.portal_url_label.setBuddy(self.portal_url)
        form.addRow(self.portal_url_label, self.portal_url)
        self.portal_hint = QLabel()  # the address is not built in: nothing pretends to be connected
        self.portal_hint.setWordWrap(True)
        form.addRow("", self.portal_hint)
        self.video_policy = QComboBox()
        for policy in VIDEO_POLICIES:
            self.video_policy.addItem("", policy)
        self.video_policy.currentIndexChanged.connect(self._policy_changed)
        self.video_policy_label = QLabel()
        self.video_policy_label.setBuddy(self.video_policy)
        form.addRow(self.video_policy_label, self.video_policy)
        self.topics = QListWidget()
        self.topics.setMaximumHeight(self.fontMetrics().height() * 8)
        self.topics_label = QLabel()
        self.topics_label.setBuddy(self.topics)
        form.addRow(self.topics_label, self.topics)
        self.bandwidth = QSpinBox()
        self.bandwidth.setRange(0, 1_000_000)
        self.bandwidth.setSingleStep(50)
        self.bandwidth_label = QLabel()
        self.bandwidth_label.setBuddy(self.bandwidth)
        form.addRow(self.bandwidth_label, self.bandwidth)
        self.feeds = FeedsPanel(self.library, tasks=self._tasks)
        self.feeds_label = QLabel()
        form.addRow(self.feeds_label, self.feeds)
        return page

    def _advanced_page(self) -> QWidget:
        """What only the portal team's instructions call for: publisher keys, other servers."""
        page = QWidget()
        form = QFormLayout(page)
        self.advanced_about = QLabel()
        self.advanced_about.setWordWrap(True)
        form.addRow(self.advanced_about)
        self.key_panel = TrustedKeysPanel(self.settings)
        self.key_panel.problem.connect(self._show_error)
        panel = self.key_panel
        self.keys, self.add_key, self.remove_key = panel.keys, panel.add_key, panel.remove_key
        self.add_trusted_key = self.key_panel.add_trusted_key
        self.remove_trusted_key = self.key_panel.remove_trusted_key
        self.trusted_key_ids = self.key_panel.trusted_key_ids
        self.keys_label = QLabel()
        self.keys_label.setBuddy(self.keys)
        form.addRow(self.keys_label, self.key_panel)
        self.extra_hosts = QLineEdit()
        self.extra_hosts_label = QLabel()
        self.extra_hosts_label.setBuddy(self.extra_hosts)
        form.addRow(self.extra_hosts_label, self.extra_hosts)
        return page

    def _visitor_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.visitor_about = QLabel()
        self.visitor_about.setWordWrap(True)
        form.addRow(self.visitor_about)
        self.kiosk_enabled = QCheckBox()
        form.addRow(self.kiosk_enabled)
        validator = QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), self)
        self.pin, self.pin_again = QLineEdit(), QLineEdit()
        self.pin_label, self.pin_again_label = QLabel(), QLabel()
        for edit, label in ((self.pin, self.pin_label), (self.pin_again, self.pin_again_label)):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setValidator(validator)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_minutes)
        form.addRow(self.idle_label, self.idle_minutes)
        return page

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("General"))
        self.tabs.setTabText(1, self.tr("Updates"))
        self.tabs.setTabText(2, self.tr("Visitor mode"))
        self.tabs.setTabText(3, self.tr("Advanced"))
        self.advanced_about.setText(self.tr("Change these only when the portal team asks you to."))
        self.language_label.setText(self.tr("Interface &language:"))
        self.language.setItemText(0, self.tr("Same as the computer"))
        self.language.setAccessibleName(self.tr("Interface language"))
        self.data_folder_label.setText(self.tr("Library &folder:"))
        self.data_folder.setAccessibleName(self.tr("Library folder"))
        self.choose_folder.setText(self.tr("&Choose another folder…"))
        self.default_folder.setText(self.tr("Use the usual folder"))
        self._update_folder_note()
        self.portal_url_label.setText(self.tr("&Portal address:"))
        self.portal_url.setAccessibleName(self.tr("Portal address"))
        self.portal_url.setToolTip(self.tr("Where updates come from: the feed address the LSG Union (the portal's "
                                           "team) gives you, with its key. There is none yet by default. Leave it "
                                           "empty if you update only from a USB drive."))
        self.portal_hint.setText(self.tr("Ask the LSG Union (the portal's team) for this address. Without it, the "
                                         "library is updated from USB drives only."))
        self.video_policy_label.setText(self.tr("&Videos to download:"))
        self.video_policy.setAccessibleName(self.tr("Videos to download"))
        policy_texts = {"none": self.tr("Only when I open them"), "topics": self.tr("Videos on the topics below"),
                        "all": self.tr("All videos (needs a fast connection and much disk space)")}
        for n, policy in enumerate(VIDEO_POLICIES):
            self.video_policy.setItemText(n, policy_texts[policy])
        self.topics_label.setText(self.tr("&Topics:"))
        self.topics.setAccessibleName(self.tr("Topics whose videos are downloaded"))
        lang = i18n.current_language()
        for n, label in enumerate(self._topics):
            self.topics.item(n).setText(label.text(lang))
        self.bandwidth_label.setText(self.tr("Download &speed limit:"))
        self.bandwidth.setAccessibleName(self.tr("Download speed limit in kilobytes per second"))
        self.bandwidth.setSuffix(self.tr(" KB/s"))
        self.bandwidth.setSpecialValueText(self.tr("No limit"))
        self.keys_label.setText(self.tr("Trusted &publishers:"))
        self.key_panel.retranslate()
        self.feeds_label.setText(self.tr("Libraries followed:"))
        self.extra_hosts_label.setText(self.tr("Other &servers allowed:"))
        self.extra_hosts.setAccessibleName(self.tr("Other servers allowed for updates"))
        self.extra_hosts.setToolTip(self.tr("Updates come only from the portal's own server. If the portal team asks "
                                            "you to, write the name of their other server here (separate several "
                                            "with commas)."))
        self.visitor_about.setText(self.tr(
            "For a computer shared by visitors. Settings, updates and deleting need the librarian PIN, and "
            "each visitor's notes, bookmarks and reading history are cleared when they press \"I am done\" "
            "or leave the computer alone."))
        self.kiosk_enabled.setText(self.tr("Turn on &visitor mode"))
        self.pin_label.setText(self.tr("New librarian P&IN:"))
        self.pin.setAccessibleName(self.tr("New librarian PIN"))
        self.pin.setPlaceholderText(self.tr("4 to 12 digits") if not self.visitor_lock.load().pin_hash
                                    else self.tr("Leave empty to keep the PIN"))
        self.pin_again_label.setText(self.tr("The PIN &again:"))
        self.pin_again.setAccessibleName(self.tr("The new PIN again"))
        self.idle_label.setText(self.tr("Clear after &quiet minutes:"))
        self.idle_minutes.setAccessibleName(self.tr("Minutes without use before a visitor's notes are cleared"))
        self.idle_minutes.setSuffix(self.tr(" min"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- values --------------------------------------------------------------------------------

    def _load_values(self) -> None:
        s = self.settings
        self.language.setCurrentIndex(max(0, self.language.findData(s.get("ui_language"))))
        self.language.currentIndexChanged.connect(self._language_picked)
        self.portal_url.setText(s.get("portal_url"))
        self.video_policy.setCurrentIndex(max(0, self.video_policy.findData(s.get("video_policy"))))
        self.bandwidth.setValue(max(0, s.get("bandwidth_limit")))
        self.extra_hosts.setText(", ".join(str(h) for h in s.get("sync_extra_hosts")))
        self.kiosk_enabled.setChecked(self.visitor_lock.load().enabled)
        self.idle_minutes.setValue(s.get("kiosk_idle_minutes"))
        self._policy_changed()

    def _load_topics(self, tasks: TaskManager) -> None:
        if tasks is None:
            self._fill_topics(self.library.taxonomy())
        else:
            tasks.run(lambda _task: self.library.taxonomy(), queue=Queue.READ, name="settings: topics",
                      on_done=self._fill_topics)

    def _fill_topics(self, taxonomy: dict) -> None:
        chosen = set(self.settings.get("video_topics"))
        self._topics = list(taxonomy.get("topics", []))
        self.topics.clear()
        lang = i18n.current_language()
        for label in self._topics:
            row = QListWidgetItem(label.text(lang))
            row.setData(Qt.ItemDataRole.UserRole, label.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if label.id in chosen else Qt.CheckState.Unchecked)
            self.topics.addItem(row)

    def chosen_topics(self) -> list[str]:
        return [self.topics.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.topics.count())
                if self.topics.item(n).checkState() == Qt.CheckState.Checked]

    def set_chosen_topics(self, topic_ids: list[str]) -> None:
        for n in range(self.topics.count()):
            row = self.topics.item(n)
            on = row.data(Qt.ItemDataRole.UserRole) in topic_ids
            row.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _policy_changed(self) -> None:
        self.topics.setEnabled(self.video_policy.currentData() == "topics")

    def _language_picked(self) -> None:
        """Switch at once and remember it: the librarian sees the choice work before closing the dialog."""
        choice = self.language.currentData()
        app = QApplication.instance()
        used = i18n.install_language(app, choice or i18n.system_language(),
                                     cache_dir=self.library.paths.cache)
        self.settings.set("ui_language", choice)
        self.language_changed.emit(used)

    # --- data folder ---------------------------------------------------------------------------

    def _ask_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder for the library"),
                                                  str(self.next_data_folder or self.library.paths.data))
        if folder:
            self.choose_data_folder(Path(folder))

    def choose_data_folder(self, folder: Path | None) -> None:
        """Use ``folder`` from the next start (saved with the other settings); None: the usual folder."""
        # a Kitepkana folder of its own inside the one chosen: uninstalling never deletes the user's files
        self.next_data_folder = app_paths.own_folder(Path(folder)) if folder else None
        self._update_folder_note()

    def _update_folder_note(self) -> None:
        mode = self.library.paths.mode
        if mode in ("explicit", "env", "portable"):
            note = self.tr("This copy of Kitepkana was started with its own folder (a portable copy or a "
                           "folder given at start), so the folder cannot be changed here.")
        elif self.next_data_folder is not None and self.next_data_folder != self.library.paths.data:
            note = self.tr("From the next start the library will be in: %1\nFiles are not moved. If that "
                           "folder is empty, the library starts again from the sample and is filled by the "
                           "next update.").replace("%1", str(self.next_data_folder))
        elif self.next_data_folder is None and mode == "chosen":
            note = self.tr("From the next start the library will be in the usual folder again.")
        else:
            note = ""
        self.folder_note.setText(note)
        self.folder_note.setVisible(bool(note))

    # --- saving --------------------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _problem(self) -> tuple[str, QWidget] | None:
        """What is wrong with the values typed in, in plain words, and where; None when all is well."""
        url = self.portal_url.text().strip()
        if not valid_portal_url(url):
            return (self.tr("The portal address must start with http:// or https://, for example "
                            "https://portal.example.kg/feed/. Leave it empty if you update only from a USB "
                            "drive."), self.portal_url)
        if self.video_policy.currentData() == "topics" and not self.chosen_topics():
            return self.tr("Tick at least one topic, or choose another setting for videos."), self.topics
        pin, again = self.pin.text(), self.pin_again.text()
        if pin or again:
            if not valid_pin(pin):
                return self.tr("The PIN must be 4 to 12 digits."), self.pin
            if pin != again:
                return self.tr("The two PINs are not the same. Type the PIN twice."), self.pin_again
        if self.kiosk_enabled.isChecked() and not pin and not self.visitor_lock.load().pin_hash:
            return self.tr("Choose a librarian PIN before turning on visitor mode."), self.pin
        return None

    def save(self) -> bool:
        """Check and save every value; False (with the reason shown) when something is wrong."""
        problem = self._problem()
        if problem is not None:
            text, widget = problem
            self.tabs.setCurrentIndex(self.tabs.indexOf(self._page_of(widget)))
            widget.setFocus()
            self._show_error(text)
            return False
        self._show_error("")
        self.settings.load()  # keep what others (the Kiosk, the CLI) wrote meanwhile
        values = {"portal_url": self.portal_url.text().strip(), "video_policy": self.video_policy.currentData(),
                  "video_topics": self.chosen_topics(), "bandwidth_limit": self.bandwidth.value(),
                  "kiosk_idle_minutes": self.idle_minutes.value(),
                  "sync_extra_hosts": [h.strip() for h in self.extra_hosts.text().split(",") if h.strip()]}
        # turning visitor mode on starts a visit (what was written before belongs to the library)
        lock = {"enabled": self.kiosk_enabled.isChecked()}
        if self.pin.text():
            lock["pin_hash"] = hash_pin(self.pin.text())
        self.visitor_lock.update(**lock)
        for key, value in values.items():
            if self.settings.get(key) != value:
                self.settings.set(key, value)
        if self.next_data_folder != app_paths.read_data_location(self.location_file):
            app_paths.write_data_location(self.next_data_folder, self.location_file)
        self.pin.clear()
        self.pin_again.clear()
        self.settings_saved.emit()
        return True

    def _page_of(self, widget: QWidget) -> QWidget:
        pages = [self.tabs.widget(n) for n in range(self.tabs.count())]
        return next((page for page in pages if page.isAncestorOf(widget)), pages[0])

    def accept(self) -> None:
        if self.save():
            super().accept()
