"""Build Kitepkana for distribution: one command, on Linux or Windows.

    python build/build.py                  # translations, then the onedir: build/out/dist/kitepkana/
    python build/build.py --zip            # … and the portable zip: build/out/kitepkana-<version>-<platform>.zip
    python build/build.py --portable       # the same as --zip
    python build/build.py --out DIR        # everything into DIR instead of build/out/
    python build/build.py --zip-only       # only zip an onedir built before
    python build/build.py --zip --installer   # Windows: … and kitepkana-<version>-setup.exe (Inno Setup 6)
    python build/build.py --dev-key        # a test build with the development portal key (never passed on)

The onedir holds two executables sharing one bundle: ``kitepkana`` (the desktop app; windowed on Windows) and
``kitepkana-cli`` (the command line). The zip carries the ``kitepkana-portable`` marker beside them: unpacked
on a USB stick, the program keeps its library in ``kitepkana-data/`` next to itself. The Windows installer is
made from the onedir by Inno Setup (build/installer.iss; see build/README.md).

A build refuses, before any work, to bundle a development portal key (``bundling.DEVELOPMENT_KEY_IDS``, or a
key whose comment begins with DEVELOPMENT) unless ``--dev-key`` is given: libraries installed from it would
trust that key instead of the real portal's (build/README.md, "The portal key").

Needs ``pip install -e ".[build]"`` (PyInstaller). Prints the sizes at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def compile_translations(bundling, target: Path) -> list[Path]:
    """Compile every ``resources/translations/*.ts`` into ``target`` (the build folder, not the source tree)."""
    sys.path.insert(0, str(bundling.ROOT))
    from ui.i18n import compile_ts

    built = []
    for ts in sorted((bundling.ROOT / "resources" / "translations").glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        if not compile_ts(ts, qm):
            raise SystemExit(f"could not compile {ts.name} with lrelease (is PySide6 installed?)")
        built.append(qm)
    if not built:
        raise SystemExit("no translations (.ts) found in resources/translations")
    from app.web.i18n import compile_catalogs  # the reading room's catalogs as .mo: the bundle carries no Babel

    built += compile_catalogs()
    print("translations: " + ", ".join(f"{q.name} ({q.stat().st_size // 1024} KB)" for q in built))
    return built


def run_pyinstaller(bundling, out: Path, *, clean: bool) -> Path:
    work = out / "work"
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(out / "dist"), "--workpath", str(work / "pyinstaller"), str(HERE / "kitepkana.spec")]
    if clean:
        cmd.insert(3, "--clean")
    env = dict(os.environ, KITEPKANA_BUILD_OUT=str(out), PYTHONDONTWRITEBYTECODE="1")
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=bundling.ROOT, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit("PyInstaller failed: see above")
    print(f"PyInstaller took {time.monotonic() - started:.0f} s")
    onedir = out / "dist" / bundling.APP_NAME
    if not bundling.IS_WINDOWS:  # one executable serves both names here (the spec builds a second one on Windows only)
        cli = onedir / bundling.CLI_NAME
        if cli.exists() or cli.is_symlink():
            cli.unlink()
        os.symlink(bundling.APP_NAME, cli)
    return onedir


def find_iscc() -> Path | None:
    """Inno Setup's compiler: on the PATH, else where its installer puts it."""
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"), os.environ.get("LOCALAPPDATA")):
        for sub in ("Inno Setup 6", r"Programs\Inno Setup 6"):
            if base and (Path(base) / sub / "ISCC.exe").is_file():
                return Path(base) / sub / "ISCC.exe"
    return None


def iscc_command(bundling, iscc: Path | str, onedir: Path, out: Path, *, portable_zip: Path | None,
                 sign: list[str] | None = None) -> list[str]:
    """ISCC's command line; ``sign``: signtool's command (:func:`signtool_command` with ``$f`` for the file), so
    Inno Setup signs the installer and the uninstaller it writes into it."""
    version = bundling.version()
    cmd = [str(iscc), f"/DVersion={version}", "/DNumericVersion=" + ".".join(map(str, bundling.version_tuple(version))),
           f"/DSourceDir={onedir}", f"/DOutputDir={out}"]
    if portable_zip is not None:
        cmd.append(f"/DPortableZip={portable_zip}")
    if sign is not None:
        # Inno Setup's named sign tool: $f is the file, $q a quote
        quoted = " ".join(f"$q{part}$q" if " " in part else part for part in sign)
        cmd += ["/DSign", f"/Skitepkana={quoted}"]
    return [*cmd, str(HERE / "installer.iss")]


# --- code signing (Windows) ---------------------------------------------------------------------------------
SIGN_ENV = ("KITEPKANA_SIGN_CERT", "KITEPKANA_SIGN_THUMBPRINT")
DEFAULT_TIMESTAMP = "http://timestamp.digicert.com"


def find_signtool() -> Path | None:
    """signtool.exe from the Windows SDK: on the PATH, else the newest under Windows Kits\\10\\bin."""
    found = shutil.which("signtool")
    if found:
        return Path(found)
    kits = Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Windows Kits" / "10" / "bin"
    candidates = sorted(kits.glob("10.*/x64/signtool.exe")) if kits.is_dir() else []
    return candidates[-1] if candidates else None


def signtool_command(signtool: Path | str, file: str, environ: dict[str, str] | None = None) -> list[str]:
    """signtool's command to sign ``file`` (SHA-256, RFC 3161 timestamp), with the certificate the release
    manager provides: a .pfx file (KITEPKANA_SIGN_CERT, its password in KITEPKANA_SIGN_PASSWORD) or one in the
    Windows certificate store, by thumbprint (KITEPKANA_SIGN_THUMBPRINT: a hardware token or a cloud HSM).
    KITEPKANA_SIGN_TIMESTAMP: another timestamp server. SystemExit, in plain words, without a certificate."""
    env = os.environ if environ is None else environ
    cmd = [str(signtool), "sign", "/fd", "sha256", "/tr", env.get("KITEPKANA_SIGN_TIMESTAMP") or DEFAULT_TIMESTAMP,
           "/td", "sha256", "/d", "Kitepkana"]
    if env.get("KITEPKANA_SIGN_THUMBPRINT"):
        cmd += ["/sha1", env["KITEPKANA_SIGN_THUMBPRINT"]]
    elif env.get("KITEPKANA_SIGN_CERT"):
        cmd += ["/f", env["KITEPKANA_SIGN_CERT"]]
        if env.get("KITEPKANA_SIGN_PASSWORD"):
            cmd += ["/p", env["KITEPKANA_SIGN_PASSWORD"]]
    else:
        raise SystemExit("--sign needs the code-signing certificate: set KITEPKANA_SIGN_CERT (a .pfx file, with "
                         "KITEPKANA_SIGN_PASSWORD) or KITEPKANA_SIGN_THUMBPRINT (a certificate in the Windows "
                         "store); see build/README.md, \"Signing\"")
    return [*cmd, file]


def sign_files(signtool: Path, files: list[Path]) -> None:
    for file in files:
        if subprocess.run(signtool_command(signtool, str(file)), check=False).returncode != 0:
            raise SystemExit(f"signing {file.name} failed: see above (build/README.md, \"Signing\")")
        print(f"signed: {file.name}")


def check_portal_key(bundling, key_file: Path, *, dev_key: bool) -> str:
    """The key id of the portal key going into the build; SystemExit, in plain words, for a development key
    (unless ``dev_key``) or a key that is missing or unreadable."""
    kid, problem = bundling.portal_key_check(key_file)
    if problem and (not kid or not dev_key):
        hint = ("Put the real portal public key there (build/README.md, \"The portal key\"), or add --dev-key "
                "for a test build that is never passed on." if kid else "Restore it (git checkout) or put the "
                "real portal public key there (build/README.md, \"The portal key\").")
        raise SystemExit(f"Not building: {problem}. Libraries installed from this build would trust that key, not "
                         f"the real portal's. {hint}")
    print(f"portal key: {kid}" + (" (DEVELOPMENT key, --dev-key: a test build, not for release)" if problem else ""))
    return kid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", "--portable", dest="zip", action="store_true",
                        help="also make the portable zip (with the kitepkana-portable marker)")
    parser.add_argument("--zip-only", action="store_true", help="only zip the onedir built before")
    parser.add_argument("--installer", action="store_true",
                        help="Windows: also make the installer with Inno Setup 6 (build/installer.iss)")
    parser.add_argument("--installer-with-zip", action="store_true",
                        help="put the portable zip into the installer too (for USB kits made from installed copies)")
    parser.add_argument("--sign", action="store_true",
                        help="Windows: sign both executables, the installer and its uninstaller with signtool "
                             "(certificate from KITEPKANA_SIGN_CERT or KITEPKANA_SIGN_THUMBPRINT; build/README.md)")
    parser.add_argument("--out", type=Path, help="output folder (default: build/out)")
    parser.add_argument("--clean", action="store_true", help="throw away PyInstaller's cache first")
    parser.add_argument("--no-translations", action="store_true",
                        help="do not compile the translations again (use the .qm files built before)")
    parser.add_argument("--dev-key", action="store_true",
                        help="allow the development portal key (a test build: never pass it on)")
    args = parser.parse_args(argv)
    if args.out:
        os.environ["KITEPKANA_BUILD_OUT"] = str(args.out.resolve())
    import bundling

    out = bundling.OUT
    onedir = out / "dist" / bundling.APP_NAME
    # first of all, before any work: the key every library installed from this build will trust
    # (--zip-only packs an onedir built before: the key it carries)
    key_file = onedir / "_internal" / bundling.PORTAL_KEY if args.zip_only else bundling.ROOT / bundling.PORTAL_KEY
    check_portal_key(bundling, key_file, dev_key=args.dev_key)
    signtool = None
    if args.sign:  # also before any work: the tool and the certificate are there
        if not bundling.IS_WINDOWS:
            raise SystemExit("--sign is for Windows builds (signtool, from the Windows SDK); see build/README.md")
        signtool = find_signtool()
        if signtool is None:
            raise SystemExit("signtool.exe not found: install the Windows SDK's signing tools (build/README.md)")
        signtool_command(signtool, "check")  # SystemExit now, not after the build, without a certificate
    out.mkdir(parents=True, exist_ok=True)
    version = bundling.version()
    print(f"Kitepkana {version} for {bundling.platform_tag()} -> {out}")
    if not args.zip_only:
        work = out / "work"
        if not args.no_translations:
            compile_translations(bundling, work / "translations")
        bundling.write_build_info(work / "kitepkana-build.json", version)
        try:
            bundling.make_ico(bundling.ROOT / "resources" / "icons" / "all.svg", work / "kitepkana.ico")
        except Exception as e:  # noqa: BLE001 — the icon is only used on Windows
            print(f"warning: no .ico made ({e}); the Windows executables get PyInstaller's icon")
        onedir = run_pyinstaller(bundling, out, clean=args.clean)
        if args.sign:  # before zipping and before the installer takes them in
            sign_files(signtool, [onedir / (bundling.APP_NAME + ".exe"), onedir / (bundling.CLI_NAME + ".exe")])
    if not onedir.is_dir():
        raise SystemExit(f"{onedir} is missing: build it first (without --zip-only)")
    bundled = onedir / "_internal" / "resources"
    missing = [p for p in ("translations/kitepkana_ky.qm", "translations/kitepkana_ru.qm", "keys/portal.pub",
                           "sample/_taxonomy/topics.yaml", "icons/all.svg") if not (bundled / p).is_file()]
    if not (onedir / "_internal" / "app" / "db" / "migrations" / "env.py").is_file():
        missing.append("app/db/migrations/env.py")
    if missing:
        raise SystemExit(f"the bundle lacks {', '.join(missing)}")
    size = bundling.tree_size(onedir)
    files = sum(1 for p in onedir.rglob("*") if p.is_file())
    print(f"onedir: {onedir}  {_mb(size)} ({size / 2**20:.1f} MiB, {files} files)")
    archive = None
    if args.zip or args.zip_only or args.installer_with_zip:
        archive = out / bundling.zip_name(version)
        started = time.monotonic()
        bundling.make_zip(onedir, archive, portable=True)
        zsize = archive.stat().st_size
        print(f"zip:    {archive}  {_mb(zsize)} ({zsize / 2**20:.1f} MiB, {time.monotonic() - started:.0f} s)")
    with_zip = archive if args.installer_with_zip else None
    if args.installer or args.installer_with_zip:
        if not bundling.IS_WINDOWS:
            raise SystemExit("the installer is built on Windows (Inno Setup); see build/README.md")
        iscc = find_iscc()
        if iscc is None:
            raise SystemExit("Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php")
        sign = signtool_command(signtool, "$f") if args.sign else None
        iscc_run = iscc_command(bundling, iscc, onedir, out, portable_zip=with_zip, sign=sign)
        if subprocess.run(iscc_run, check=False).returncode != 0:
            raise SystemExit("Inno Setup failed: see above")
        setup = out / bundling.installer_name(version)
        print(f"installer: {setup}  {_mb(setup.stat().st_size)}")
    elif bundling.IS_WINDOWS:
        print("installer: " + " ".join(iscc_command(bundling, "ISCC.exe", onedir, out, portable_zip=with_zip)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
