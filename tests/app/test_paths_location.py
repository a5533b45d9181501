"""The data folder chosen in the settings dialog: honoured after --data-dir/KITEPKANA_HOME/portable, before the default."""

from pathlib import Path

from app import paths


def test_chosen_folder_is_used_for_data_only(tmp_path: Path) -> None:
    loc = tmp_path / "config" / paths.LOCATION_FILE
    paths.write_data_location(tmp_path / "D" / "Kitepkana", loc)
    p = paths.resolve(environ={}, portable_root=tmp_path, location_file=loc)
    assert p.mode == "chosen"
    assert p.data == (tmp_path / "D" / "Kitepkana").resolve()
    assert p.database == p.data / "library.sqlite"
    # settings stay in the per-user folder, so they survive moving the library
    assert not p.config.is_relative_to(p.data)
    assert p.config == paths.resolve(environ={}, portable_root=tmp_path / "nowhere").config


def test_explicit_env_and_portable_beat_the_chosen_folder(tmp_path: Path) -> None:
    loc = tmp_path / paths.LOCATION_FILE
    paths.write_data_location(tmp_path / "chosen", loc)
    assert paths.resolve(tmp_path / "x", environ={}, portable_root=tmp_path, location_file=loc).mode == "explicit"
    env = {paths.ENV_HOME: str(tmp_path / "e")}
    assert paths.resolve(environ=env, portable_root=tmp_path, location_file=loc).mode == "env"
    (tmp_path / paths.PORTABLE_MARKER).touch()
    assert paths.resolve(environ={}, portable_root=tmp_path, location_file=loc).mode == "portable"


def test_clearing_or_a_bad_entry_goes_back_to_the_default(tmp_path: Path) -> None:
    loc = tmp_path / paths.LOCATION_FILE
    paths.write_data_location(tmp_path / "chosen", loc)
    assert paths.read_data_location(loc) == (tmp_path / "chosen" / "Kitepkana").resolve()
    paths.write_data_location(None, loc)
    assert not loc.exists()
    assert paths.resolve(environ={}, portable_root=tmp_path, location_file=loc).mode == "user"
    for bad in ("", "   \n", "relative/folder"):
        loc.write_text(bad, encoding="utf-8")
        assert paths.read_data_location(loc) is None
        assert paths.resolve(environ={}, portable_root=tmp_path, location_file=loc).mode == "user"


def test_the_library_gets_a_kitepkana_folder_of_its_own_in_the_folder_chosen(tmp_path: Path) -> None:
    # "D:\\Documents" chosen: the uninstaller's "delete my library" must never reach the user's documents
    loc = tmp_path / paths.LOCATION_FILE
    paths.write_data_location(tmp_path / "Documents", loc)
    assert paths.read_data_location(loc) == (tmp_path / "Documents" / "Kitepkana").resolve()
    paths.write_data_location(tmp_path / "D" / "kitepkana", loc)  # one already: not nested again
    assert paths.read_data_location(loc) == (tmp_path / "D" / "kitepkana").resolve()
