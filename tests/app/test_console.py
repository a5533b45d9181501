"""The command line on a Windows console: Kyrgyz text through a cp1251 stream arrives whole, escapes only on a
terminal that understands them."""

import io
import sys

import pytest

from app import cli, console

KY = "Китептер: өнөр, үй-бүлө, маңыз — ӨҮҢ"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_kyrgyz_text_through_a_cp1251_stream_is_not_turned_into_question_marks(monkeypatch: pytest.MonkeyPatch):
    # What Windows gives a redirected stdout on a Russian or Kyrgyz PC: the ANSI code page, without ө ү ң
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1251")
    err = io.TextIOWrapper(io.BytesIO(), encoding="cp1251")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    cli._setup_console()
    print(KY)
    print(KY, file=sys.stderr)
    for stream in (out, err):
        stream.flush()
        written = stream.buffer.getvalue().decode("utf-8")
        assert written.strip() == KY
        assert "?" not in written


def test_a_stream_that_carries_kyrgyz_is_left_in_its_encoding():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-16")
    console.setup((stream,))
    assert stream.encoding == "utf-16"


def test_escapes_only_on_a_terminal_that_understands_them(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert not console.supports_ansi(io.StringIO())  # a file or a pipe
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert cli._terminal_snippet("a <b>китеп</b> b") == "a [китеп] b"
    if console.os.name != "nt":
        assert console.supports_ansi(_Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not console.supports_ansi(_Tty())
    monkeypatch.setattr(sys, "stdout", _Tty())
    assert "\x1b" not in cli._terminal_snippet("a <b>китеп</b> b")


def test_windows_console_without_virtual_terminal_mode_gets_no_escapes(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(console.os, "name", "nt")  # as on a Windows console where SetConsoleMode refused VT mode
    monkeypatch.setattr(console, "_vt_enabled", set())
    assert not console.supports_ansi(_Tty())
