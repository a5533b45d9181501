"""Recipe mode: the shipped myktyaimak recipe on the loopback portal (built on the same routes), and recipe errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.authoring import load_folder
from sync.harvest.errors import HarvestError
from sync.harvest.recipe import load_recipe
from sync.harvest.run import harvest
from tests.conftest import ROOT
from tests.harvest.conftest import fast

RECIPE = ROOT / "resources" / "recipes" / "myktyaimak.yaml"


def test_shipped_recipe_reads_the_portal_routes() -> None:
    recipe = load_recipe(RECIPE)
    assert not recipe.checked  # marked as not yet checked against the live site
    section, site_id = recipe.item_of("https://myktyaimak.gov.kg/events/single-event?id=56&lang=ru")
    assert (section.kind, site_id) == ("event", "56")
    assert recipe.item_of("https://myktyaimak.gov.kg/events?lang=ru") is None
    assert "https://myktyaimak.gov.kg/events?lang=ky" in recipe.seeds("https://myktyaimak.gov.kg/")


def test_recipe_harvest(site, out) -> None:
    report = harvest(site.base + "/?lang=ky", out, options=fast(recipe=RECIPE))
    catalog = load_folder(out)
    by_id = {i.id: i for i in catalog.items}
    assert {"myktyaimak-event-56-ru", "myktyaimak-event-56-ky", "myktyaimak-practice-1-ky",
            "myktyaimak-lesson-3-ru", "myktyaimak-lesson-4-ru"} <= set(by_id)
    assert "news-old-page-id-7-ru" not in by_id and not [i for i in by_id if "old-page" in i]  # outside the sections
    assert by_id["myktyaimak-event-56-ru"].translation_of == "myktyaimak-event-56-ky"
    assert by_id["myktyaimak-practice-2-ru"].kind == "practice" and by_id["myktyaimak-practice-2-ru"].region == "naryn"
    assert by_id["myktyaimak-practice-1-ky"].topics == ("participatory-budgeting",)
    assert by_id["myktyaimak-event-56-ru"].year == 2024
    assert [f.role for f in by_id["myktyaimak-event-56-ru"].files] == ["attachment"]
    assert "Все права" not in by_id["myktyaimak-practice-1-ru"].body_md
    assert set(report.new) == set(by_id)
    assert site.requested("/admin") == [] and not site.requested("/news")


@pytest.mark.parametrize("text, words", [
    ("sections: []", "no sections"),
    ("sections: [{name: x, kind: blog, item: {path: /x}}]", "kind must be one of"),
    ("sections: [{name: x, kind: event, item: {pattern: '/x/(\\d+)'}}]", "(?P<id>"),
    ("selectors: {titel: h1}\nsections: [{name: x, kind: event, item: {path: /x}}]", "unknown selector"),
    ("sectoins: []", "unknown key"),
])
def test_bad_recipes_say_what_is_wrong(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HarvestError, match=None) as e:
        load_recipe(path)
    assert words in str(e.value) and e.value.code == "bad_recipe"
