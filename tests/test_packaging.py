"""The packaging helpers (build/bundling.py) without a PyInstaller build: one version everywhere, what goes into
the bundle and what stays out, the portable zip. The frozen app itself is tested by build/smoke_test.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app import __version__
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "build"))
import bundling


def test_one_version_number() -> None:
    assert bundling.version() == __version__
    assert bundling.version_tuple("0.1.0") == (0, 1, 0, 0) and bundling.version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    assert bundling.zip_name().startswith(f"kitepkana-{__version__}-") and bundling.zip_name().endswith(".zip")
    assert bundling.installer_name() == f"kitepkana-{__version__}-setup.exe"
    iss = (ROOT / "build" / "installer.iss").read_text(encoding="utf-8-sig")
    assert "OutputBaseFilename=kitepkana-{#Version}-setup" in iss and "PrivilegesRequired=lowest" in iss


def test_the_bundle_carries_resources_and_migrations() -> None:
    datas = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in bundling.data_files()
             if Path(src).is_relative_to(ROOT) and "/out/" not in src.replace("\\", "/")}
    assert ("resources/keys/portal.pub", "resources/keys") in datas
    assert ("resources/sample", "resources/sample") in datas
    assert ("app/db/migrations/env.py", "app/db/migrations") in datas
    assert any(dest == "app/db/migrations/versions" for _src, dest in datas)
    assert not any(src.endswith(".pyc") or "__pycache__" in src for src, _dest in datas)


@pytest.mark.parametrize(("dest", "kept"), [
    ("resources/translations/kitepkana_ru.qm", True),  # ours
    ("PySide6/Qt/translations/qtbase_ru.qm", True),  # Qt's Russian: the Kyrgyz interface uses it
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", True),
    ("PySide6/Qt/plugins/multimedia/ffmpegmediaplugin.dll", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),  # the FFmpeg plugin links Qt Quick
    ("PySide6/Qt/plugins/imageformats/libqwebp.so", True),  # practices may carry WebP and GIF images
    ("PySide6/Qt/plugins/imageformats/qgif.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
    # a Windows build: backslashes, and Qt straight under PySide6 (no Qt folder)
    ("PySide6\\translations\\qtbase_de.qm", False),
    ("PySide6\\translations\\qtbase_ru.qm", True),
    ("PySide6\\plugins\\imageformats\\qtiff.dll", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\qml\\QtQuick\\qmldir", False),
])
def test_what_is_left_out(dest: str, kept: bool) -> None:
    assert bundling.keep(dest) is kept


def test_never_stripped_or_pruned_ffmpeg() -> None:
    for name in ("PySide6/Qt/lib/libavcodec.so.61", "PySide6/Qt/lib/libQt6FFmpegStub-va.so.2", "avcodec-61.dll"):
        assert bundling._FFMPEG.search(name)
    assert not bundling._FFMPEG.search("PySide6/Qt/lib/libQt6Core.so.6")
    assert bundling._HOST_LIBS.match("libxcb-icccm.so.4") and not bundling._HOST_LIBS.match("libssl.so.3")


def test_portable_zip_round_trip(tmp_path: Path) -> None:
    onedir = tmp_path / "dist" / "kitepkana"
    (onedir / "_internal").mkdir(parents=True)
    exe = onedir / "kitepkana"
    exe.write_bytes(b"\x7fELF program")
    exe.chmod(0o755)
    (onedir / "_internal" / "data.txt").write_text("x")
    (onedir / "kitepkana-data").mkdir()  # a library someone started in the build folder: never zipped
    (onedir / "kitepkana-data" / "library.sqlite").write_bytes(b"db")
    if os.name != "nt":
        os.symlink("kitepkana", onedir / "kitepkana-cli")
    archive = bundling.make_zip(onedir, tmp_path / "kitepkana-0.1.0-test.zip")
    top = bundling.unzip(archive, tmp_path / "stick")
    assert top == tmp_path / "stick" / "kitepkana"
    assert (top / bundling.PORTABLE_MARKER).is_file() and (top / "_internal" / "data.txt").read_text() == "x"
    assert not (top / "kitepkana-data").exists()
    if os.name != "nt":
        assert os.access(top / "kitepkana", os.X_OK)
        assert (top / "kitepkana-cli").is_symlink() and os.readlink(top / "kitepkana-cli") == "kitepkana"
    assert bundling.tree_size(top) < bundling.tree_size(onedir) + 1000  # the link counts as a link, not a second copy


def _build_py():
    import importlib.util

    spec = importlib.util.spec_from_file_location("kitepkana_build", ROOT / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_development_portal_key_is_recognised(tmp_path: Path) -> None:
    from sync.signing import generate_keypair

    # the repository's key: made for the sample feed
    kid, problem = bundling.portal_key_check(ROOT / bundling.PORTAL_KEY)
    assert kid in bundling.DEVELOPMENT_KEY_IDS and "development key" in problem
    real = generate_keypair(tmp_path / "portal", comment="Kitepkana portal key, 2026")
    assert bundling.portal_key_check(real.public) == (real.key_id, None)
    marked = generate_keypair(tmp_path / "test", comment="DEVELOPMENT key for the training feed")
    assert "development key" in bundling.portal_key_check(marked.public)[1]
    missing = tmp_path / "missing.pub"
    assert bundling.portal_key_check(missing) == ("", f"there is no portal key at {missing}")
    (tmp_path / "broken.pub").write_text("{}", encoding="utf-8")
    assert "cannot be read" in bundling.portal_key_check(tmp_path / "broken.pub")[1]


def test_a_release_build_refuses_the_development_key_before_any_work(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    build = _build_py()
    # a test build may say so out loud; --dev-key does not excuse a missing key
    assert build.check_portal_key(bundling, ROOT / bundling.PORTAL_KEY, dev_key=True) == "670bd0beb36554b6"
    with pytest.raises(SystemExit):
        build.check_portal_key(bundling, tmp_path / "none.pub", dev_key=True)

    monkeypatch.setenv("KITEPKANA_BUILD_OUT", str(tmp_path / "out"))
    monkeypatch.setattr(bundling, "OUT", tmp_path / "out")
    with pytest.raises(SystemExit) as refused:
        build.main(["--zip"])
    words = str(refused.value)
    assert "development key" in words and "670bd0beb36554b6" in words and "--dev-key" in words
    assert not (tmp_path / "out").exists()  # nothing was compiled, built or zipped

    # --zip-only packs an onedir built before: the key inside it is what counts
    bundled = tmp_path / "out" / "dist" / bundling.APP_NAME / "_internal" / bundling.PORTAL_KEY
    bundled.parent.mkdir(parents=True)
    bundled.write_bytes((ROOT / bundling.PORTAL_KEY).read_bytes())
    with pytest.raises(SystemExit) as refused:
        build.main(["--zip-only"])
    assert "development key" in str(refused.value) and not list((tmp_path / "out").glob("*.zip"))


def test_signing_commands_timestamp_and_cover_the_installer_and_uninstaller(tmp_path: Path) -> None:
    build = _build_py()
    env = {"KITEPKANA_SIGN_CERT": r"C:\keys\kitepkana.pfx", "KITEPKANA_SIGN_PASSWORD": "secret"}
    cmd = build.signtool_command("signtool.exe", r"C:\out\kitepkana.exe", env)
    assert cmd[:2] == ["signtool.exe", "sign"] and cmd[-1] == r"C:\out\kitepkana.exe"
    assert cmd[cmd.index("/fd") + 1] == "sha256" and cmd[cmd.index("/td") + 1] == "sha256"
    assert cmd[cmd.index("/tr") + 1].startswith("http") and cmd[cmd.index("/f") + 1] == env["KITEPKANA_SIGN_CERT"]
    store = build.signtool_command("signtool.exe", "x.exe", {"KITEPKANA_SIGN_THUMBPRINT": "ab12"})
    assert store[store.index("/sha1") + 1] == "ab12" and "/f" not in store
    with pytest.raises(SystemExit, match="certificate"):
        build.signtool_command("signtool.exe", "x.exe", {})
    # Inno Setup signs what it writes (the installer, and the uninstaller inside it) with the same command
    iscc = build.iscc_command(bundling, "ISCC.exe", tmp_path, tmp_path, portable_zip=None,
                              sign=build.signtool_command(r"C:\Program Files (x86)\signtool.exe", "$f", env))
    assert "/DSign" in iscc
    named = next(a for a in iscc if a.startswith("/Skitepkana="))
    assert named.endswith(" $f") and "$qC:\\Program Files (x86)\\signtool.exe$q" in named
    script = (ROOT / "build" / "installer.iss").read_text(encoding="utf-8-sig")
    assert "SignTool=kitepkana" in script and "SignedUninstaller=yes" in script


def test_sign_is_refused_off_windows_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = _build_py()
    monkeypatch.setenv("KITEPKANA_BUILD_OUT", str(tmp_path / "out"))
    monkeypatch.setattr(bundling, "OUT", tmp_path / "out")
    monkeypatch.setattr(bundling, "IS_WINDOWS", False)
    with pytest.raises(SystemExit, match="Windows"):
        build.main(["--zip", "--sign", "--dev-key"])
    assert not (tmp_path / "out").exists()
