"""Fixtures for core tests: a small valid authoring folder built from the sample's own files."""

import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import SAMPLE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A minimal valid catalog: taxonomy, two practices (a translation pair) and a lesson with real media."""
    root = tmp_path / "catalog"
    shutil.copytree(SAMPLE / "_taxonomy", root / "_taxonomy")
    media = root / "media"
    media.mkdir()
    lesson_media = SAMPLE / "lessons" / "media"
    shutil.copy(lesson_media / "lesson-pb-intro-ru.mp4", media / "intro.mp4")
    shutil.copy(lesson_media / "lesson-pb-intro-ru.ru.vtt", media / "intro.ru.vtt")
    shutil.copy(lesson_media / "lesson-pb-intro-ru.ky.vtt", media / "intro.ky.vtt")
    shutil.copy(lesson_media / "lesson-pb-intro-ru.jpg", media / "intro.jpg")
    write(root / "practices" / "water-ru.md", """
        ---
        id: water-ru
        kind: practice
        lang: ru
        title: Питьевая вода в Кочкоре
        summary: Жители восстановили водопровод.
        topics: [drinking-water]
        region: naryn.kochkor.kochkor
        target_groups: [residents]
        year: 2022
        related: [intro-lesson]
        ---
        ## Проблема

        Водопровод в селе не работал десять лет. ![Схема](../media/intro.jpg)
        """)
    write(root / "practices" / "water-ky.md", """
        ---
        id: water-ky
        kind: practice
        lang: ky
        title: Кочкордогу ичүүчү суу
        translation_of: water-ru
        topics: [drinking-water]
        ---
        Суу түтүгү он жыл иштеген эмес.
        """)
    write(root / "lessons" / "intro-lesson.md", """
        ---
        id: intro-lesson
        kind: lesson
        lang: ru
        title: Что такое бюджет участия
        video: ../media/intro.mp4
        thumbnail: ../media/intro.jpg
        subtitles: {ru: ../media/intro.ru.vtt, ky: ../media/intro.ky.vtt}
        course: Школа МСУ
        course_order: 1
        ---
        Короткий урок.
        """)
    return root
