"""What an ordinary start reads (issue 15): an up-to-date library opens, checks its index and answers a first
listing without importing what only imports, syncs and schema changes need, and the search loads its facet
postings, vocabulary and labels only when a query needs them."""

import json
import subprocess
import sys
from pathlib import Path

from app.db import HEAD_REVISION
from app.db import engine as db_engine
from app.values import SearchRequest
from tests.conftest import ROOT

NOT_ON_THE_OPEN_PATH = ("alembic", "mako", "markdown_it", "yaml", "webvtt")

CODE = """
import sys
from app.library import Library
from app.values import IndexOutcome, SearchRequest
lib = Library.open(sys.argv[1])
assert lib.ensure_index(warm=False) == IndexOutcome.OK
response = lib.search(SearchRequest(limit=20))
assert response.total and response.facets["kind"], response
assert lib.stats().schema_revision  # the window's status line shows it before the first results
sets = lib.search_index.searcher._sets
loaded = sorted(m for m in sys.modules if m.split(".")[0] in NAMES)
import json
print(json.dumps({"imported": loaded, "facet postings": sets._facets is not None,
                  "vocabulary": lib.search_index.index._vocabulary is not None,
                  "labels": lib.search_index._labels is not None}))
"""


def test_the_newest_revision_recorded_in_code_is_the_scripts_as_alembic_reads_them() -> None:
    assert HEAD_REVISION == db_engine.scripts_head() == db_engine.head_revision()


def test_an_ordinary_start_imports_and_loads_only_what_the_first_listing_needs(sample_dir: Path) -> None:
    code = CODE.replace("NAMES", repr(set(NOT_ON_THE_OPEN_PATH)))
    out = subprocess.run([sys.executable, "-c", code, str(sample_dir)], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout) == {"imported": [], "facet postings": False, "vocabulary": False, "labels": False}


def test_listing_facet_counts_equal_those_from_the_postings(sample_library) -> None:
    sample_library.ensure_index(warm=False)
    quick = sample_library.search(SearchRequest(limit=5)).facets  # from the terms' document frequencies
    sets = sample_library.search_index.searcher._sets
    assert sets._facets is None
    sets.facet_postings()
    assert sample_library.search(SearchRequest(limit=5)).facets == quick  # from the postings
