"""Folder resolution: --data-dir, KITEPKANA_HOME, portable marker, platformdirs; also when frozen."""

import sys
from pathlib import Path

import pytest

from app import paths


def test_explicit_beats_env_and_portable(tmp_path: Path) -> None:
    (tmp_path / paths.PORTABLE_MARKER).touch()
    p = paths.resolve(tmp_path / "d", environ={"KITEPKANA_HOME": str(tmp_path / "e")}, portable_root=tmp_path)
    assert p.mode == "explicit" and p.data == (tmp_path / "d").resolve()
    assert p.database == p.data / "library.sqlite" and p.config == p.data / "config"


def test_env_beats_portable(tmp_path: Path) -> None:
    (tmp_path / paths.PORTABLE_MARKER).touch()
    p = paths.resolve(environ={"KITEPKANA_HOME": str(tmp_path / "e")}, portable_root=tmp_path)
    assert p.mode == "env" and p.data == (tmp_path / "e").resolve()


def test_portable_marker_puts_data_beside_the_program(tmp_path: Path) -> None:
    (tmp_path / paths.PORTABLE_MARKER).touch()
    p = paths.resolve(environ={}, portable_root=tmp_path)
    assert p.mode == "portable"
    assert p.data == (tmp_path / paths.PORTABLE_DATA).resolve()
    assert all(f.is_relative_to(p.data) for f in (p.config, p.cache, p.logs, p.media))


def test_default_is_platformdirs(tmp_path: Path) -> None:
    p = paths.resolve(environ={}, portable_root=tmp_path)
    assert p.mode == "user"
    assert "kitepkana" in str(p.data).lower()


def test_frozen_uses_folder_of_executable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe_dir = tmp_path / "Kitepkana"
    (exe_dir / "_internal" / "resources").mkdir(parents=True)
    (exe_dir / paths.PORTABLE_MARKER).touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "kitepkana.exe"))
    monkeypatch.setattr(sys, "_MEIPASS", str(exe_dir / "_internal"), raising=False)
    assert paths.install_dir() == exe_dir.resolve()
    assert paths.resources_dir() == exe_dir / "_internal" / "resources"
    p = paths.resolve(environ={})
    assert p.mode == "portable" and p.data == (exe_dir / paths.PORTABLE_DATA).resolve()


def test_ensure_creates_folders(tmp_path: Path) -> None:
    p = paths.resolve(tmp_path / "lib").ensure()
    assert p.media.is_dir() and p.backups.is_dir() and p.config.is_dir()


def test_sample_catalog_is_found() -> None:
    assert (paths.sample_catalog_dir() / "_taxonomy" / "topics.yaml").is_file()
