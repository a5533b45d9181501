#!/usr/bin/env python3
"""Generate the sample video lessons of Kitepkana (course "Школа МСУ" / "ЖӨБ мектеби").

Source: ``lessons.yaml`` next to this script. Every lesson has a voice language (``ru`` or
``ky``) and 6-9 cues; each cue has slide text and narration in both Kyrgyz and Russian.

For every lesson ``<id>`` the script writes into ``resources/sample/lessons/media/``:

``<id>.mp4``
    640x360, 10 fps, H.264 (libx264, yuv420p, ``-tune stillimage``, ``+faststart``) with mono
    AAC audio: one slide per cue, shown while its narration is spoken.
``<id>.ky.vtt``, ``<id>.ru.vtt``
    WebVTT subtitles, one cue per narration, timed to when it is spoken. The file in the
    lesson language is the narration itself; the other one is its translation, same timings.
``<id>.jpg``
    320x180 JPEG thumbnail: the first (title) slide.

How it works: each narration is spoken with ``espeak-ng -v <lang> -s 150 -w cue.wav``; leading
and trailing silence is trimmed and the cue is padded with fixed pauses so that each slide
lasts a whole number of frames. The cue durations give the subtitle times. Slides are drawn
with PySide6 (QImage/QPainter, offscreen platform) using DejaVu Sans, which covers Kyrgyz
letters (ө, ү, ң). The slides are joined with the ffmpeg concat demuxer and encoded together
with the concatenated narration.

Requirements: Python 3.11 with PyYAML and PySide6; ``ffmpeg`` and ``ffprobe`` (with libx264
and the native AAC encoder); ``espeak-ng`` with the ``ru`` and ``ky`` voices; the font
``/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf`` (+ ``-Bold``), Debian package
fonts-dejavu-core. (apt: ``ffmpeg espeak-ng fonts-dejavu-core``.)

Usage::

    python3 resources/tools/make_lessons.py                # build all six lessons
    python3 resources/tools/make_lessons.py lesson-quota-30-ky   # only some
    python3 resources/tools/make_lessons.py --check        # only verify existing outputs
    python3 resources/tools/make_lessons.py --keep WORKDIR # keep slides/wavs for inspection

Re-running overwrites the outputs (each file is replaced atomically). With the same versions
of espeak-ng, ffmpeg/x264 and Qt the output is byte-for-byte identical (single-threaded x264,
bit-exact flags, no timestamps in the metadata).
"""

from __future__ import annotations

import argparse
import array
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "lessons.yaml"
OUT_DIR = HERE.parent / "sample" / "lessons" / "media"

FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

LANGS = ("ky", "ru")
WIDTH, HEIGHT = 640, 360
THUMB_W, THUMB_H = 320, 180
FPS = 10
SPEED = 150  # espeak-ng words per minute

# Pauses around each spoken cue, in seconds.
FIRST_LEAD = 0.6   # silence on the title slide before the first words
LEAD = 0.3         # silence after a slide change before the narration starts
TRAIL = 0.5        # silence after the narration before the next slide
LAST_TRAIL = 1.5   # silence on the last slide after the last words
SILENCE_LEVEL = 200  # |sample| at or below this counts as silence when trimming (16-bit)
TRIM_MARGIN = 0.04   # seconds of espeak's own silence kept at both ends

VIDEO_CRF = 30
AUDIO_BITRATE = "32k"
AUDIO_RATE = 22050  # espeak-ng native rate: no resampling

LABELS = {
    "ru": {"lesson": "Урок {n}", "cue": "{i} / {n}"},
    "ky": {"lesson": "{n}-сабак", "cue": "{i} / {n}"},
}


# --------------------------------------------------------------------------- source


@dataclass
class Cue:
    slide: dict  # lang -> {"heading": str, "lines": [str]}
    say: dict    # lang -> str


@dataclass
class Lesson:
    id: str
    lang: str
    order: int
    color: str
    title: dict
    cues: list


def load_source(path: Path = SOURCE) -> tuple[dict, list[Lesson]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    course = data["course"]
    lessons = []
    problems = []
    for raw in data["lessons"]:
        lid = raw["id"]
        if raw["lang"] not in LANGS:
            problems.append(f"{lid}: lang must be one of {LANGS}")
        cues = []
        for n, c in enumerate(raw["cues"], 1):
            for lang in LANGS:
                s = (c.get("slide") or {}).get(lang) or {}
                if not s.get("heading") or not isinstance(s.get("lines", []), list):
                    problems.append(f"{lid} cue {n}: slide.{lang} needs a heading and lines")
                elif not 1 <= len(s.get("lines", [])) <= 2:
                    problems.append(f"{lid} cue {n}: slide.{lang} needs 1-2 lines")
                if not str((c.get("say") or {}).get(lang) or "").strip():
                    problems.append(f"{lid} cue {n}: say.{lang} is empty")
            cues.append(Cue(slide=c.get("slide") or {}, say=c.get("say") or {}))
        if not 6 <= len(cues) <= 9:
            problems.append(f"{lid}: {len(cues)} cues, expected 6-9")
        lessons.append(Lesson(lid, raw["lang"], int(raw["order"]), raw.get("color", "#1d5b87"),
                              raw["title"], cues))
    if problems:
        sys.exit("lessons.yaml:\n  " + "\n  ".join(problems))
    return course, lessons


# --------------------------------------------------------------------------- audio


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, check=True, capture_output=True, **kw)
    except subprocess.CalledProcessError as e:
        sys.exit(f"command failed: {' '.join(cmd)}\n{e.stderr.decode(errors='replace')}")


def speak(text: str, lang: str, wav_path: Path) -> tuple[array.array, int]:
    """Speak text with espeak-ng; return trimmed 16-bit mono samples and the sample rate."""
    run(["espeak-ng", "-v", lang, "-s", str(SPEED), "-w", str(wav_path), text])
    with wave.open(str(wav_path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            sys.exit(f"{wav_path}: expected 16-bit mono WAV from espeak-ng")
        rate = w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    loud = [i for i, v in enumerate(samples) if abs(v) > SILENCE_LEVEL]
    if not loud:
        sys.exit(f"espeak-ng produced silence for: {text!r}")
    margin = int(TRIM_MARGIN * rate)
    start = max(0, loud[0] - margin)
    end = min(len(samples), loud[-1] + 1 + margin)
    return samples[start:end], rate


@dataclass
class Timing:
    slide_start: float
    slide_end: float
    speech_start: float
    speech_end: float


def build_narration(lesson: Lesson, work: Path) -> tuple[Path, list[Timing], float]:
    """Speak all cues, write one WAV with pauses; return it, the cue timings and the total."""
    pieces: list[array.array] = []
    timings: list[Timing] = []
    rate = None
    pos = 0  # samples
    last = len(lesson.cues) - 1
    for i, cue in enumerate(lesson.cues):
        speech, r = speak(cue.say[lesson.lang].strip(), lesson.lang, work / f"cue{i:02d}.wav")
        if rate is None:
            rate = r
        elif r != rate:
            sys.exit("espeak-ng changed its sample rate between cues")
        lead = FIRST_LEAD if i == 0 else LEAD
        trail = LAST_TRAIL if i == last else TRAIL
        seg = round(lead * rate) + len(speech) + round(trail * rate)
        frame = rate // FPS if rate % FPS == 0 else rate / FPS
        seg = int(math.ceil(seg / frame) * frame)  # whole number of video frames
        lead_n = round(lead * rate)
        pieces.append(array.array("h", bytes(2 * lead_n)))
        pieces.append(speech)
        pieces.append(array.array("h", bytes(2 * (seg - lead_n - len(speech)))))
        timings.append(Timing(pos / rate, (pos + seg) / rate,
                              (pos + lead_n) / rate, (pos + lead_n + len(speech)) / rate))
        pos += seg
    out = work / "narration.wav"
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        for p in pieces:
            if sys.byteorder == "big":
                p = array.array("h", p)
                p.byteswap()
            w.writeframes(p.tobytes())
    return out, timings, pos / rate


# --------------------------------------------------------------------------- slides

_qt = None


def qt():
    """Start a headless QGuiApplication once and register the DejaVu fonts."""
    global _qt
    if _qt is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6 import QtCore, QtGui

        app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication(["make_lessons"])
        families = []
        for path in (FONT_REGULAR, FONT_BOLD):
            if not Path(path).exists():
                sys.exit(f"font not found: {path} (install fonts-dejavu-core)")
            fid = QtGui.QFontDatabase.addApplicationFont(path)
            families += QtGui.QFontDatabase.applicationFontFamilies(fid)
        _qt = (QtCore, QtGui, app, families[0] if families else "DejaVu Sans")
    return _qt


def _font(size: int, bold: bool = False):
    _QtCore, QtGui, _app, family = qt()
    f = QtGui.QFont(family)
    f.setPixelSize(size)
    f.setBold(bold)
    f.setStyleStrategy(QtGui.QFont.PreferAntialias)
    return f


def _fit(painter, text: str, rect, size: int, bold: bool, min_size: int = 14):
    """Largest font (<= size) with which the word-wrapped text fits into rect."""
    QtCore, QtGui, _app, _f = qt()
    flags = int(QtCore.Qt.TextWordWrap)
    while True:
        f = _font(size, bold)
        br = QtGui.QFontMetrics(f).boundingRect(rect, flags, text)
        if (br.height() <= rect.height() and br.width() <= rect.width()) or size <= min_size:
            return f
        size -= 1


def render_slide(lesson: Lesson, course: dict, index: int, path: Path) -> None:
    QtCore, QtGui, _app, _family = qt()
    lang = lesson.lang
    cue = lesson.cues[index]
    slide = cue.slide[lang]
    n = len(lesson.cues)
    accent = QtGui.QColor(lesson.color)
    white = QtGui.QColor("#ffffff")
    Qt = QtCore.Qt
    R = QtCore.QRect

    img = QtGui.QImage(WIDTH, HEIGHT, QtGui.QImage.Format_RGB32)
    p = QtGui.QPainter(img)
    p.setRenderHint(QtGui.QPainter.Antialiasing)
    p.setRenderHint(QtGui.QPainter.TextAntialiasing)

    header = f"{course[lang]}  ·  {LABELS[lang]['lesson'].format(n=lesson.order)}"
    counter = LABELS[lang]["cue"].format(i=index + 1, n=n)
    wrap = int(Qt.TextWordWrap)

    if index == 0:
        # Title slide: full accent background, big centred title.
        img.fill(accent)
        p.fillRect(R(0, HEIGHT - 10, WIDTH, 10), accent.darker(140))
        p.setPen(QtGui.QColor(255, 255, 255, 200))
        p.setFont(_font(17, True))
        p.drawText(R(40, 34, WIDTH - 80, 26), int(Qt.AlignHCenter | Qt.AlignVCenter), header)
        p.fillRect(R(WIDTH // 2 - 40, 70, 80, 3), QtGui.QColor(255, 255, 255, 170))
        box = R(40, 92, WIDTH - 80, 128)
        p.setPen(white)
        p.setFont(_fit(p, slide["heading"], box, 36, True))
        p.drawText(box, int(Qt.AlignHCenter | Qt.AlignVCenter) | wrap, slide["heading"])
        p.setPen(QtGui.QColor(255, 255, 255, 225))
        sub = "\n".join(slide.get("lines", []))
        box = R(50, 228, WIDTH - 100, 64)
        p.setFont(_fit(p, sub, box, 20, False))
        p.drawText(box, int(Qt.AlignHCenter | Qt.AlignTop) | wrap, sub)
        p.setPen(QtGui.QColor(255, 255, 255, 160))
        p.setFont(_font(13))
        p.drawText(R(0, 318, WIDTH, 22), int(Qt.AlignHCenter), "Kitepkana")
    else:
        img.fill(QtGui.QColor("#f7f5ef"))
        # header band
        p.fillRect(R(0, 0, WIDTH, 48), accent)
        p.setPen(white)
        p.setFont(_font(16, True))
        p.drawText(R(24, 0, WIDTH - 120, 48), int(Qt.AlignLeft | Qt.AlignVCenter), header)
        p.setFont(_font(15))
        p.drawText(R(WIDTH - 110, 0, 86, 48), int(Qt.AlignRight | Qt.AlignVCenter), counter)
        # accent stripe left of the text
        p.fillRect(R(24, 76, 6, 170), accent)
        box = R(46, 70, WIDTH - 80, 84)
        p.setPen(accent.darker(115))
        p.setFont(_fit(p, slide["heading"], box, 30, True))
        p.drawText(box, int(Qt.AlignLeft | Qt.AlignVCenter) | wrap, slide["heading"])
        p.setPen(QtGui.QColor("#2b2b2b"))
        y = 166
        for line in slide.get("lines", []):
            box = R(46, y, WIDTH - 80, 40)
            p.setFont(_fit(p, line, box, 22, False))
            p.drawText(box, int(Qt.AlignLeft | Qt.AlignVCenter) | wrap, line)
            y += 42
        # progress bar at the very bottom (subtitles are drawn above it by the player)
        p.fillRect(R(0, HEIGHT - 6, WIDTH, 6), QtGui.QColor("#dedad0"))
        p.fillRect(R(0, HEIGHT - 6, round(WIDTH * (index + 1) / n), 6), accent)
    p.end()
    if not img.save(str(path), "PNG"):
        sys.exit(f"could not write {path}")


def write_thumbnail(slide_png: Path, out: Path) -> None:
    QtCore, QtGui, _app, _f = qt()
    img = QtGui.QImage(str(slide_png))
    small = img.scaled(THUMB_W, THUMB_H, QtCore.Qt.IgnoreAspectRatio,
                       QtCore.Qt.SmoothTransformation)
    for quality in (85, 75, 65, 55):
        if not small.save(str(out), "JPG", quality):
            sys.exit(f"could not write {out}")
        if out.stat().st_size < 30_000:
            return


# --------------------------------------------------------------------------- subtitles


def vtt_time(t: float) -> str:
    ms = round(t * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def write_vtt(lesson: Lesson, lang: str, timings: list[Timing], out: Path) -> None:
    blocks = ["WEBVTT", ""]
    for i, (cue, t) in enumerate(zip(lesson.cues, timings), 1):
        text = " ".join(cue.say[lang].split()).replace("-->", "→")
        lines = textwrap.wrap(text, 42, break_on_hyphens=False)
        blocks += [str(i), f"{vtt_time(t.speech_start)} --> {vtt_time(t.speech_end)}", *lines, ""]
    out.write_text("\n".join(blocks), encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- video


def encode(slides: list[Path], timings: list[Timing], wav: Path, total: float, out: Path,
           work: Path) -> None:
    concat = work / "slides.txt"
    lines = ["ffconcat version 1.0"]
    for png, t in zip(slides, timings):
        lines += [f"file '{png.name}'", f"duration {t.slide_end - t.slide_start:.6f}"]
    lines.append(f"file '{slides[-1].name}'")  # the concat demuxer ignores the last duration
    concat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run([
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
        "-f", "concat", "-safe", "0", "-i", str(concat),
        "-i", str(wav),
        "-map", "0:v:0", "-map", "1:a:0",
        "-vf", f"fps={FPS},format=yuv420p",
        "-c:v", "libx264", "-preset", "slow", "-tune", "stillimage", "-crf", str(VIDEO_CRF),
        "-g", str(10 * FPS), "-threads", "1", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", str(AUDIO_RATE), "-ac", "1",
        "-t", f"{total:.3f}",
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-movflags", "+faststart",
        str(out),
    ])


def build(lesson: Lesson, course: dict, out_dir: Path, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    wav, timings, total = build_narration(lesson, work)
    slides = []
    for i in range(len(lesson.cues)):
        png = work / f"slide{i:02d}.png"
        render_slide(lesson, course, i, png)
        slides.append(png)
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = {
        "mp4": out_dir / f"{lesson.id}.mp4",
        "jpg": out_dir / f"{lesson.id}.jpg",
        **{lang: out_dir / f"{lesson.id}.{lang}.vtt" for lang in LANGS},
    }
    tmp = {k: work / ("out." + v.name) for k, v in targets.items()}
    encode(slides, timings, wav, total, tmp["mp4"], work)
    write_thumbnail(slides[0], tmp["jpg"])
    for lang in LANGS:
        write_vtt(lesson, lang, timings, tmp[lang])
    for k, v in targets.items():
        shutil.copyfile(tmp[k], v.with_name(v.name + ".part"))
        os.replace(v.with_name(v.name + ".part"), v)
    print(f"{lesson.id}: {total:.1f} s, {targets['mp4'].stat().st_size / 1024:.0f} KB mp4, "
          f"{len(lesson.cues)} cues")


# --------------------------------------------------------------------------- check


def parse_vtt(path: Path) -> list[tuple[float, float, str]]:
    """Minimal strict WebVTT reader (header, timing lines, text)."""
    def secs(s: str) -> float:
        h, m, rest = s.split(":")
        sec, ms = rest.split(".")
        assert len(h) >= 2 and len(m) == 2 and len(sec) == 2 and len(ms) == 3, s
        return int(h) * 3600 + int(m) * 60 + int(sec) + int(ms) / 1000

    text = path.read_text(encoding="utf-8")
    blocks = text.strip("\n").split("\n\n")
    assert blocks[0].startswith("WEBVTT"), "missing WEBVTT header"
    cues = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if "-->" not in lines[0]:
            lines = lines[1:]
        start, _, end = lines[0].partition(" --> ")
        cues.append((secs(start), secs(end.split()[0]), "\n".join(lines[1:])))
    return cues


def check(lessons: list[Lesson], out_dir: Path) -> bool:
    ok = True
    total_size = 0
    for lesson in lessons:
        errs = []
        mp4 = out_dir / f"{lesson.id}.mp4"
        jpg = out_dir / f"{lesson.id}.jpg"
        if not mp4.exists():
            print(f"{lesson.id}: MISSING {mp4}")
            ok = False
            continue
        probe = json.loads(run(["ffprobe", "-v", "error", "-show_format", "-show_streams",
                                "-of", "json", str(mp4)]).stdout)
        streams = {s["codec_type"]: s for s in probe["streams"]}
        v, a = streams.get("video", {}), streams.get("audio", {})
        dur = float(probe["format"]["duration"])
        size = mp4.stat().st_size
        total_size += size
        if v.get("codec_name") != "h264" or v.get("pix_fmt") != "yuv420p":
            errs.append(f"video {v.get('codec_name')}/{v.get('pix_fmt')}")
        if (v.get("width"), v.get("height")) != (WIDTH, HEIGHT):
            errs.append(f"size {v.get('width')}x{v.get('height')}")
        if a.get("codec_name") != "aac":
            errs.append(f"audio {a.get('codec_name')}")
        if not 25 <= dur <= 60:
            errs.append(f"duration {dur:.1f} s not in 25-60")
        if not 100_000 <= size <= 500_000:
            errs.append(f"mp4 size {size} B")
        with mp4.open("rb") as f:
            head = f.read(4096)
        if head.find(b"moov") < 0 or (head.find(b"mdat") >= 0 and head.find(b"moov") > head.find(b"mdat")):
            errs.append("moov atom not at the start (faststart)")
        cue_sets = {}
        for lang in LANGS:
            vtt = out_dir / f"{lesson.id}.{lang}.vtt"
            try:
                cues = parse_vtt(vtt)
            except Exception as e:  # noqa: BLE001
                errs.append(f"{vtt.name}: {e}")
                continue
            cue_sets[lang] = cues
            if len(cues) != len(lesson.cues):
                errs.append(f"{vtt.name}: {len(cues)} cues")
            if any(s >= e for s, e, _ in cues) or any(
                    cues[i][1] > cues[i + 1][0] for i in range(len(cues) - 1)):
                errs.append(f"{vtt.name}: bad cue order")
            if cues and cues[-1][1] > dur + 0.05:
                errs.append(f"{vtt.name}: ends after the video")
        if len(cue_sets) == 2 and [c[:2] for c in cue_sets["ky"]] != [c[:2] for c in cue_sets["ru"]]:
            errs.append("ky/ru subtitle timings differ")
        if not jpg.exists():
            errs.append("thumbnail missing")
        else:
            _QtCore, QtGui, _app, _f = qt()
            im = QtGui.QImage(str(jpg))
            if (im.width(), im.height()) != (THUMB_W, THUMB_H) or jpg.stat().st_size >= 30_000:
                errs.append(f"thumbnail {im.width()}x{im.height()} {jpg.stat().st_size} B")
        status = "OK" if not errs else "FAIL: " + "; ".join(errs)
        ok &= not errs
        print(f"{lesson.id}: {v.get('codec_name')}+{a.get('codec_name')} {dur:.2f} s "
              f"{size / 1024:.0f} KB, thumb {jpg.stat().st_size / 1024 if jpg.exists() else 0:.0f} KB"
              f" — {status}")
    print(f"total mp4: {total_size / 1024:.0f} KB")
    if total_size >= 3 * 1024 * 1024:
        print("FAIL: all lessons together exceed 3 MB")
        ok = False
    return ok


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="lesson ids to build (default: all)")
    ap.add_argument("--source", type=Path, default=SOURCE, help="lessons YAML (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="only verify the existing outputs")
    ap.add_argument("--keep", type=Path, metavar="WORKDIR",
                    help="keep intermediate slides and WAVs in this folder")
    args = ap.parse_args(argv)

    course, lessons = load_source(args.source)
    if args.ids:
        known = {l.id for l in lessons}
        unknown = [i for i in args.ids if i not in known]
        if unknown:
            ap.error(f"unknown lesson ids: {', '.join(unknown)}")
        lessons = [l for l in lessons if l.id in args.ids]

    if not args.check:
        for tool in ("ffmpeg", "ffprobe", "espeak-ng"):
            if not shutil.which(tool):
                sys.exit(f"{tool} not found in PATH")
        if args.keep:
            for lesson in lessons:
                build(lesson, course, args.out, args.keep / lesson.id)
        else:
            with tempfile.TemporaryDirectory(prefix="make_lessons-") as tmp:
                for lesson in lessons:
                    build(lesson, course, args.out, Path(tmp) / lesson.id)
    return 0 if check(lessons, args.out) else 1


if __name__ == "__main__":
    sys.exit(main())
