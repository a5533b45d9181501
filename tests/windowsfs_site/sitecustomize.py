"""Python loads this at the start of every child process of a ``pytest --windows-fs`` run (tests/conftest.py puts
this folder first on PYTHONPATH): the ``kitepkana`` commands and the crash tests' children act like Windows too.
Outside such a run (no KITEPKANA_WINDOWS_FS) it does nothing."""

import os

if os.environ.get("KITEPKANA_WINDOWS_FS"):
    import importlib.util

    _spec = importlib.util.spec_from_file_location("_kitepkana_windowsfs", os.environ["KITEPKANA_WINDOWS_FS"])
    _windowsfs = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_windowsfs)
    _windowsfs.install()
