"""Typed progress: a step of a longer job reports its stage with its own counts and item, keeps the inner
work's stage as its step, and moves the job's bar only forwards within its range."""

from __future__ import annotations

import io

from app.progress import ProgressEvent, Stage, TerminalProgress, emit, subrange


def test_a_staged_step_reports_its_stage_with_the_inner_work_as_its_step() -> None:
    seen: list[tuple[int, int, object]] = []
    def job(done: int, total: int, message: object) -> None:
        seen.append((done, total, message))

    segment = subrange(job, 20, 60, stage=Stage.SEGMENTS, of=(2, 7))
    store = subrange(segment, 0, 35, stage=Stage.STORE)  # what SyncStore.apply makes of the segment's callback
    store(5, 10, "writing the library")  # words from deep inside: never what a screen shows
    index = subrange(segment, 35, 100, stage=Stage.INDEX)
    index(10, 10, "")
    assert [(d, t) for d, t, _m in seen] == [(20 + 40 * 17 // 100, 100), (60, 100)]
    first, last = seen[0][2], seen[1][2]
    assert first == ProgressEvent(Stage.SEGMENTS, 2, 7, step=Stage.STORE)
    assert last == ProgressEvent(Stage.SEGMENTS, 2, 7, step=Stage.INDEX)
    assert str(first) == "segments 2/7 (store)"


def test_files_name_their_item_and_words_without_a_stage_stay_words() -> None:
    seen: list[object] = []
    files = subrange(lambda d, t, m: seen.append(m), 60, 100, stage=Stage.FILES)
    files(3, 10, ProgressEvent(Stage.FILES, 3, 10, item="Pasture committees"))
    emit(lambda d, t, m: seen.append(m), 100, 100, Stage.DONE)
    subrange(lambda d, t, m: seen.append(m), 0, 50, "label")(1, 2, "words")
    assert seen == [ProgressEvent(Stage.FILES, 3, 10, item="Pasture committees"),
                    ProgressEvent(Stage.DONE), "label: words"]


def test_off_a_terminal_each_stage_has_a_line_now_and_then() -> None:
    """A log gets a line when a stage (or step) starts, not one per page or file: a harvest goes pages, files,
    pages…; words (a file's name each step) likewise now and then. The bar's DONE is left to the summary."""
    out = io.StringIO()  # not a terminal
    bar = TerminalProgress("Harvesting", stream=out, every=60)
    with bar:
        bar(0, 0, ProgressEvent(Stage.CONNECT, item="http://site.kg/"))
        for n in range(1, 4):
            bar(n, 10, ProgressEvent(Stage.PAGES, n, 10, item=f"http://site.kg/{n}"))
            bar(n, 10, ProgressEvent(Stage.FILES, item=f"http://site.kg/{n}.pdf"))
        bar(3, 10, "reading a.pdf")
        bar(3, 10, "reading b.pdf")
        bar(10, 10, ProgressEvent(Stage.DONE, 10, 10))
    assert out.getvalue().splitlines() == ["Harvesting:      connect: http://site.kg/",
                                           "Harvesting:  10% pages 1/10: http://site.kg/1",
                                           "Harvesting:  10% files: http://site.kg/1.pdf",
                                           "Harvesting:  30% reading a.pdf"]
