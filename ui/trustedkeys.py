"""The trusted publisher keys, as Settings → Advanced shows them: the built-in portal key and the keys the
librarian added, with "Add a key file…" and "Remove".

A librarian rarely needs this (the portal's key is built in, and a new publisher on a USB drive is asked about
in the Update dialog), so it lives under "Advanced", apart from the everyday settings. The texts keep the
"SettingsDialog" translation context they had before they moved here (literal ``translate`` calls, so that
lupdate files them there too).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import paths as app_paths
from app.errors import KitepkanaError
from app.settings import Settings


class TrustedKeysPanel(QWidget):
    """The list of trusted keys with Add and Remove. ``problem(text)``: a plain-words error ("" clears it)."""

    problem = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.keys = QListWidget()
        self.keys.setMaximumHeight(self.fontMetrics().height() * 5)
        self.add_key = QPushButton()
        self.add_key.clicked.connect(self._ask_key_file)
        self.remove_key = QPushButton()
        self.remove_key.clicked.connect(self._ask_remove_key)
        self.keys.currentItemChanged.connect(lambda *_: self._key_selection_changed())
        row = QHBoxLayout()
        row.addWidget(self.add_key)
        row.addWidget(self.remove_key)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keys)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.keys.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Trusted publisher keys"))
        self.add_key.setText(QCoreApplication.translate("SettingsDialog", "&Add a key file…"))
        self.remove_key.setText(QCoreApplication.translate("SettingsDialog", "&Remove"))
        self.remove_key.setAccessibleName(QCoreApplication.translate("SettingsDialog",
                                                                     "Remove the chosen publisher key"))
        self.fill()

    def fill(self) -> None:
        self.keys.clear()
        built_in = sorted((app_paths.resources_dir() / "keys").glob("*.pub"))
        added = sorted(self.settings.trusted_keys_dir().glob("*.pub"))
        for path, removable in [(p, False) for p in built_in] + [(p, True) for p in added]:
            comment = ""
            try:
                comment = json.loads(path.read_text(encoding="utf-8")).get("comment", "")
            except (OSError, ValueError, AttributeError):
                pass
            text = (QCoreApplication.translate("SettingsDialog", "%1 (built in)").replace("%1", path.stem)
                    if not removable else path.stem)
            if not removable and path.stem == "portal":  # our own words in the interface language, not the file's
                text = QCoreApplication.translate("SettingsDialog", "The portal's key (built in)")
                test_key = comment.lstrip().upper().startswith("DEVELOPMENT")
                comment = (QCoreApplication.translate("SettingsDialog", "a test key for the sample library; the "
                                                      "released program carries the portal's real key") if test_key
                           else QCoreApplication.translate("SettingsDialog", "updates from the portal are checked "
                                                                             "with it"))
            row = QListWidgetItem(f"{text} — {comment}" if comment else text)
            row.setToolTip(row.text())  # the comment can be longer than the list is wide
            row.setData(Qt.ItemDataRole.UserRole, str(path) if removable else "")
            self.keys.addItem(row)
        self._key_selection_changed()

    def _key_selection_changed(self) -> None:
        row = self.keys.currentItem()
        self.remove_key.setEnabled(bool(row and row.data(Qt.ItemDataRole.UserRole)))

    def trusted_key_ids(self) -> list[str]:
        """The keys added by the user (not the built-in portal key)."""
        return sorted(p.stem for p in self.settings.trusted_keys_dir().glob("*.pub"))

    def _ask_key_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("SettingsDialog",
                                                                               "Choose a publisher's key file"),
                                              "", QCoreApplication.translate("SettingsDialog",
                                                                             "Key files (*.pub *.pem)"))
        if name:
            self.add_trusted_key(Path(name))

    def add_trusted_key(self, path: Path) -> str | None:
        """Trust the key in ``path``; its key id, or None with the reason shown."""
        from sync.client import trust_key  # sync is imported only when needed (start-up time)

        try:
            kid = trust_key(self.settings, path)
        except (KitepkanaError, OSError):
            self.problem.emit(QCoreApplication.translate(
                "SettingsDialog", "This file is not a publisher's key. Ask the portal team for the right key file "
                                  "(it ends in .pub)."))
            return None
        self.problem.emit("")
        self.fill()
        return kid

    def _ask_remove_key(self) -> None:
        row = self.keys.currentItem()
        if not row or not row.data(Qt.ItemDataRole.UserRole):
            return
        answer = QMessageBox.question(self, QCoreApplication.translate("SettingsDialog", "Remove the key"),
                                      QCoreApplication.translate("SettingsDialog", "Updates signed with this key "
                                                                                   "will no longer be accepted. "
                                                                                   "Remove it?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_trusted_key(Path(row.data(Qt.ItemDataRole.UserRole)).stem)

    def remove_trusted_key(self, key_id: str) -> bool:
        target = self.settings.trusted_keys_dir() / f"{key_id}.pub"
        try:
            target.unlink()
        except FileNotFoundError:
            return False
        except OSError:
            self.problem.emit(QCoreApplication.translate(
                "SettingsDialog", "The key file could not be removed. Close other programs using it and try again."))
            return False
        self.fill()
        return True
