"""Crash safety of the sync client: the sync process is killed with SIGKILL at random points, then the next
sync completes and the library is exactly what an uninterrupted sync gives.

A small generated feed (``build_world``) is served by the loopback test server, throttled so a sync takes
about 1–2 s. Each kill runs ``run_sync`` in a child process (``python -c`` :data:`CHILD`) on a copy of a
library, then kills it — either from outside after a random time, or from inside (a SIGKILL sent by a timer
thread the child starts at a randomly chosen step: the manifest, a segment or snapshot download, a small
file, the database transaction, the search index update, the cursor, keeping the feed copy, a video…), so
short steps are hit too. The child logs every step it enters, so each kill is labelled with where it landed.

After each kill, in this process: the next sync runs to completion; then the library passes ``check()``,
``ensure_index()`` returns 'ok' or 'repaired' and the index then holds exactly the database's items (with the
hashes they would be indexed with), the content equals a reference library synced without interruption,
and the user data created before the kill is intact (notes on deleted items kept, marked orphaned).

Scenarios: ``incremental`` (a library one publish behind: one segment, new small files, a new video),
``behind`` (a library behind the oldest kept segment: the snapshot replaces the content), ``fresh`` (an empty
library: the snapshot), ``two-segments`` (two segments to apply; it also has its own test for a kill between
the first segment's commit and its index update: the next sync repairs the index before it starts),
``first-start`` (no data folder yet: the sync creates the database, then takes the snapshot) and ``from-0003``
(the v1 library with its database at revision 0003, built with the revision chain: the open migrates it first,
then the one segment). The child also logs each migration step (``migrate 0004``) and each schema statement on
the library's database (``schema``: CREATE/ALTER/DROP, the alembic_version row), so kills are aimed inside the
first creation and inside every migration step too; after them the next start must open the library whole
(before the transactional migrations: "table blobs already exists" for ever).
``tests/bench/soak_sync.py`` runs every scenario for as many points as asked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.library import Library
from app.search import indexdir
from app.search.documents import all_states
from app.syncstore import SyncStore
from app.values import IndexOutcome, IndexStatus
from sync import signing
from sync.client import SyncOptions, run_sync
from sync.publisher import publish
from tests.oldschema import copy_at_revision

FEED_ID = "crash-feed"
SAMPLE_TAXONOMY = ROOT / "resources" / "sample" / "_taxonomy"
THROTTLE = 600_000  # bytes per second for every response the child gets: a sync takes ~1–2 s
SEED = 20250301
PARALLEL_FROM = 10  # in the child: the "fresh" scenario's 33 new items rebuild the index in two processes

# --- the small feed: three versions of an authoring folder --------------------------------------------

_WORDS = {
    "ky": "айыл өкмөтү кеңеш бюджет суу сугат жайыт мектеп бала бакча жаштар китепкана тургундар жыйын долбоор "
          "акча салык жол көпүрө дыйкан түшүм таштанды жарык көчө кызмат отчет ачыктык чечим тажрыйба",
    "ru": "айыл окмоту кенеш бюджет вода орошение пастбище школа детский сад молодёжь библиотека жители собрание "
          "проект средства налог дорога мост фермер урожай отходы освещение улица услуга отчёт решение опыт",
    "en": "village council budget water irrigation pasture school kindergarten youth library residents meeting "
          "project funds tax road bridge farmer harvest waste lighting street service report decision",
}
LANG_CYCLE = ("ky", "ru", "en")
TOPICS = ("public-services", "participatory-budgeting", "drinking-water", "irrigation", "waste")
NEW_TOPIC = "- id: crash-test-topic\n  ky: Сыноо темасы\n  ru: Тестовая тема\n  en: Crash test topic\n"


def _practices(version: int) -> dict[str, int]:
    """practice id -> its revision, at a feed version (1, 2, 3)."""
    items = {f"p-{n:03d}": 1 for n in range(30)}
    if version >= 2:
        for n in range(5, 10):
            items[f"p-{n:03d}"] = 2  # updated
        for n in range(25, 30):
            del items[f"p-{n:03d}"]  # deleted
        for n in range(30, 35):
            items[f"p-{n:03d}"] = 1  # added
    if version >= 3:
        for n in range(10, 13):
            items[f"p-{n:03d}"] = 3
        for n in range(20, 23):
            del items[f"p-{n:03d}"]
        for n in (35, 36):
            items[f"p-{n:03d}"] = 1
    return items


ATTACHED = {0, 1, 2, 3, 4, 30, 31, 35}  # practices with a text attachment (a small file, fetched before applying)
LESSONS = {1: ("l-000", "l-001", "l-002"), 2: ("l-000", "l-001", "l-002", "l-003"),
           3: ("l-000", "l-001", "l-002", "l-003")}


def _text(rng: random.Random, lang: str, words: int) -> str:
    vocab = _WORDS[lang].split()
    out = []
    while words > 0:
        n = min(words, rng.randint(6, 14))
        s = " ".join(rng.choice(vocab) for _ in range(n))
        out.append(s[0].upper() + s[1:] + ".")
        words -= n
    return " ".join(out)


def _attachment(name: str) -> bytes:
    rng = random.Random(name)
    return "\n".join(_text(rng, "ru", 12) for _ in range(500)).encode("utf-8")[:30_000]


def _video(name: str) -> bytes:
    return random.Random(name).randbytes(100_000)


def _vtt(lang: str, name: str) -> str:
    rng = random.Random(name)
    cues = [f"{i + 1}\n00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{_text(rng, lang, 8)}\n" for i in range(5)]
    return "WEBVTT\n\n" + "\n".join(cues)


def write_authoring(folder: Path, version: int) -> Path:
    """The authoring folder of the small feed at ``version`` (deterministic: same bytes every time)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SAMPLE_TAXONOMY, folder / "_taxonomy")
    if version >= 2:
        with open(folder / "_taxonomy" / "topics.yaml", "a", encoding="utf-8") as f:
            f.write(NEW_TOPIC)
    (folder / "practices" / "media").mkdir(parents=True)
    (folder / "lessons" / "media").mkdir(parents=True)
    for item_id, rev in _practices(version).items():
        n = int(item_id[2:])
        lang = LANG_CYCLE[n % 3]
        rng = random.Random(f"{item_id}:{rev}")
        topics = [TOPICS[n % len(TOPICS)]] + (["crash-test-topic"] if n >= 30 else [])
        meta = [f"id: {item_id}", "kind: practice", f"lang: {lang}", f"title: {_text(rng, lang, 7)} {item_id}",
                f"summary: {_text(rng, lang, 15)}", f"topics: [{', '.join(topics)}]", f"year: {2015 + n % 10}"]
        if n in ATTACHED:
            name = f"{item_id}-report.txt"
            (folder / "practices" / "media" / name).write_bytes(_attachment(name))
            meta.append(f"attachments: [media/{name}]")
        marker = f"revision{rev} marker{item_id.replace('-', '')}"
        body = "\n\n".join(_text(rng, lang, 60) for _ in range(4)) + f"\n\n{marker}"
        (folder / "practices" / f"{item_id}.md").write_text("---\n" + "\n".join(meta) + "\n---\n" + body + "\n",
                                                             encoding="utf-8")
    for item_id in LESSONS[version]:
        lang = LANG_CYCLE[int(item_id[2:]) % 3]
        rng = random.Random(item_id)
        media = folder / "lessons" / "media"
        (media / f"{item_id}.mp4").write_bytes(_video(item_id))
        (media / f"{item_id}.jpg").write_bytes(random.Random(item_id + "jpg").randbytes(4000))
        (media / f"{item_id}.{lang}.vtt").write_text(_vtt(lang, item_id), encoding="utf-8")
        meta = [f"id: {item_id}", "kind: lesson", f"lang: {lang}", f"title: {_text(rng, lang, 6)}",
                "topics: [public-services]", "duration: 10", f"video: media/{item_id}.mp4",
                f"thumbnail: media/{item_id}.jpg", f"subtitles: {{{lang}: media/{item_id}.{lang}.vtt}}"]
        (folder / "lessons" / f"{item_id}.md").write_text(
            "---\n" + "\n".join(meta) + "\n---\n" + _text(rng, lang, 80) + "\n", encoding="utf-8")
    return folder


# --- user data ------------------------------------------------------------------------------------------

def add_user_data(lib: Library, *, fresh: bool = False) -> None:
    if fresh:  # an empty library has no items to bookmark or annotate; history needs none
        lib.record_opened("p-001", position=3.0)
        return
    lib.set_bookmark("p-027")  # deleted in v2
    lib.set_bookmark("p-005")  # updated in v2
    lib.add_note("p-026", "заметка на удалённой практике")  # deleted in v2
    lib.add_note("p-006", "keep this", position=1.5)
    lib.add_note("p-021", "удаляется в v3")  # deleted in v3
    lib.record_opened("l-000", position=12.5)
    lib.record_opened("p-028")


def user_data(lib: Library) -> dict:
    return {"bookmarks": sorted(lib.bookmarks()),
            "notes": sorted((n.item_id, n.text, n.position) for n in lib.notes()),
            "history": sorted((i, p) for i, _when, p in lib.history())}


def check_user_data(lib: Library, before: dict) -> None:
    assert user_data(lib) == before
    ids = {i.id for i in lib.list_items()}
    for n in lib.notes():
        assert n.orphaned == (n.item_id not in ids), n


# --- comparing libraries ------------------------------------------------------------------------------

def content(lib: Library) -> dict:
    items = {}
    for summary in lib.list_items():
        d = dataclasses.asdict(lib.get_item(summary.id))
        d.pop("created_at")
        d.pop("updated_at")
        items[summary.id] = d  # files with ``present``: every file (videos too) must be here at the end
    return {"items": items, "taxonomy": lib.taxonomy()}


def index_problems(lib: Library) -> list[str]:
    """How the search index differs from the database (items, and the hash each is indexed with)."""
    with lib._read() as s:
        wanted = all_states(s)
    have = lib.search_index.index.indexed_states()
    problems = [f"not indexed: {i}" for i in sorted(set(wanted) - set(have))]
    problems += [f"indexed but not in the library: {i}" for i in sorted(set(have) - set(wanted))]
    problems += [f"indexed with an old version: {i}" for i in sorted(set(wanted) & set(have)) if wanted[i] != have[i]]
    return problems


# --- the world: keys, feeds, template libraries, references, a server ------------------------------------

@dataclass(frozen=True)
class Scenario:
    name: str
    template: str  # "v1" (a library at v1 with user data), "empty", "none" (no folder) or "v1-0003" (v1 at 0003)
    feed: str  # the feed folder under the served root


SCENARIOS = {
    "incremental": Scenario("incremental", "v1", "a"),  # one segment: v1 -> v2
    "behind": Scenario("behind", "v1", "b"),  # v1 is behind the oldest kept segment: the snapshot of v3
    "fresh": Scenario("fresh", "empty", "b"),  # an empty library: the snapshot of v3
    "two-segments": Scenario("two-segments", "v1", "c"),  # two segments: v1 -> v2 -> v3
    "first-start": Scenario("first-start", "none", "b"),  # no data folder: create the database, the snapshot of v3
    "from-0003": Scenario("from-0003", "v1-0003", "a"),  # v1 at schema 0003: migrate, then one segment
}
MIGRATING = ("first-start", "from-0003")
PASSING = ("incremental", "behind", "fresh", "two-segments")


@dataclass
class World:
    root: Path
    keys: signing.KeyPairFiles
    served: Path  # feeds a (v2, all segments), b (v3, compacted), c (v3, all segments)
    templates: dict[str, Path | None]
    user_data: dict[str, dict]
    references: dict[str, dict] = field(default_factory=dict)
    final_seq: dict[str, int] = field(default_factory=dict)

    def options(self) -> SyncOptions:
        return SyncOptions(extra_keys=(self.keys.public,), accept_new_feed=True, video_policy="all")


def build_world(root: Path, scenarios: tuple[str, ...] = PASSING) -> World:
    root.mkdir(parents=True, exist_ok=True)
    (root / "keys").mkdir(exist_ok=True)
    keys = signing.generate_keypair(root / "keys" / "publisher.key")
    served = root / "served"
    authoring = root / "authoring"
    feed_a = served / "a"
    publish(write_authoring(authoring, 1), feed_a, keys.private, feed_id=FEED_ID, title="Crash test")
    templates: dict[str, Path | None] = {"v1": root / "template-v1", "empty": root / "template-empty", "none": None}
    world = World(root, keys, served, templates, {})
    with Library.open(templates["v1"]) as lib:
        run_sync(lib, str(feed_a), world.options())
        add_user_data(lib)
        world.user_data["v1"] = user_data(lib)
    with Library.open(templates["empty"]) as lib:
        lib.ensure_index()  # as the app does at its first start: an (empty) index exists before any sync
        add_user_data(lib, fresh=True)
        world.user_data["empty"] = user_data(lib)
    world.user_data["none"] = {"bookmarks": [], "notes": [], "history": []}
    templates["v1-0003"] = copy_at_revision(templates["v1"], root / "template-v1-0003", "0003")
    world.user_data["v1-0003"] = world.user_data["v1"]
    publish(write_authoring(authoring, 2), feed_a, keys.private)
    shutil.copytree(feed_a, served / "b")
    shutil.copytree(feed_a, served / "c")
    write_authoring(authoring, 3)
    publish(authoring, served / "b", keys.private, keep_segments=1)
    publish(authoring, served / "c", keys.private)
    for name in scenarios:
        scenario = SCENARIOS[name]
        lib_dir = root / f"reference-{name}"
        if templates[scenario.template] is not None:
            shutil.copytree(templates[scenario.template], lib_dir)
        with Library.open(lib_dir) as lib:
            report = run_sync(lib, str(served / scenario.feed), world.options())
            assert report.used_snapshot == (name in ("behind", "fresh", "first-start")), name
            assert lib.check().ok and lib.ensure_index() == IndexOutcome.OK and not index_problems(lib)
            world.references[name] = content(lib)
            world.final_seq[name] = report.to_seq
    return world


# --- the child process ---------------------------------------------------------------------------------

CHILD = r'''
import json, os, signal, sys, threading, time
sys.path.insert(0, os.environ["KITEPKANA_ROOT"])
from pathlib import Path
from app.library import Library
from app.search import index, manager
from app.search.manager import IndexManager
from app.syncstore import SyncStore
from sync.client import SyncClient, SyncOptions, run_sync
from sync.sources import HttpSource
print("ready", flush=True)
cfg = json.loads(sys.stdin.readline())
# a sync that changes most of this small library rebuilds the index whole, with two worker processes
manager.PARALLEL_FROM = index.PARALLEL_FROM = cfg["parallel_from"]
events = open(cfg["events"], "a", buffering=1)
count = [0]

def die():  # the whole process group: the index writer's worker processes die with it, as in a power cut
    os.killpg(0, signal.SIGKILL)

def event(label):
    events.write(f"{time.monotonic():.6f} {label}\n")
    if cfg["kill_at_event"] is not None and count[0] == cfg["kill_at_event"]:
        if cfg["kill_delay"] <= 0:
            die()
        timer = threading.Timer(cfg["kill_delay"], die)
        timer.daemon = True
        timer.start()
    count[0] += 1

def hook(owner, name, label):
    original = getattr(owner, name)
    def wrapped(*args, **kwargs):
        event(label(*args, **kwargs) if callable(label) else label)
        return original(*args, **kwargs)
    setattr(owner, name, wrapped)

hook(HttpSource, "fetch_manifest", "manifest")
hook(HttpSource, "fetch_file", lambda self, path, *a, **k: "fetch " + path.split("/")[0])
hook(SyncStore, "apply", "db-apply")
hook(IndexManager, "items_changed", "index-update")
hook(SyncStore, "set_cursor", "cursor")
hook(SyncClient, "keep_feed_copy", "keep-feed-copy")
hook(SyncClient, "_keep_manifest", "keep-manifest")
hook(SyncStore, "set_source", "source")
hook(SyncClient, "_fetch_missing_files", "files")
hook(SyncStore, "mark_present", "mark-present")
hook(SyncStore, "record_run", "record-run")

# inside the first start and the migrations: each step, each schema statement on the library's database
from alembic import op
from alembic.runtime.migration import RevisionStep
from sqlalchemy import Engine, event as sa_event
from tests.oldschema import is_schema_statement

def on_library(conn):
    return str(conn.engine.url.database).endswith("library.sqlite")

step_init = RevisionStep.__init__
def init(self, revision_map, revision, is_upgrade):
    step_init(self, revision_map, revision, is_upgrade)
    fn = self.migration_fn
    def run(**kw):
        if on_library(op.get_bind()):  # (not the schema built in memory to compare a database with)
            event(f"migrate {revision.revision}")
        return fn(**kw)
    run.__name__ = fn.__name__
    self.migration_fn = run
RevisionStep.__init__ = init

@sa_event.listens_for(Engine, "before_cursor_execute")
def schema_statement(conn, _cursor, statement, *_args):
    if is_schema_statement(statement) and on_library(conn):
        event("schema")

event("open")
lib = Library.open(cfg["library"])
options = SyncOptions(extra_keys=(Path(cfg["pub"]),), accept_new_feed=True, video_policy="all")
run_sync(lib, cfg["url"], options)
lib.close()
event("done")
'''


MAIN_STEPS = ("manifest", "fetch segments", "fetch snapshots", "fetch blobs", "db-apply", "index-update", "cursor")
MIGRATION_STEPS = ("migrate", "schema")  # a step of a migration (of the first creation too), a statement in one
OTHER_STEPS = ("open", "keep-feed-copy", "keep-manifest", "source", "files", "mark-present", "record-run")


def step_kind(label: str) -> str:
    """The step a logged label is a kind of ("migrate 0004" is a "migrate")."""
    return label.split()[0] if label.startswith("migrate ") else label


class Child:
    """A child Python that has imported everything and waits for its job on stdin (started ahead of time)."""

    def __init__(self) -> None:
        env = {**os.environ, "KITEPKANA_ROOT": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        self.stderr = ""
        # its own process group, so a kill takes the worker processes it starts (index writers) with it
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=ROOT, env=env, text=True, start_new_session=True)

    def start(self, job: dict) -> float:
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"the sync child did not start: {line!r} {self.proc.stderr.read()}")
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        return time.monotonic()

    def kill(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # (it may have ended just now)
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.wait()

    def wait(self, timeout: float = 60) -> int:
        try:
            _out, self.stderr = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            _out, self.stderr = self.proc.communicate()
        return self.proc.returncode


def read_events(path: Path) -> list[tuple[float, str]]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        t, _, label = line.partition(" ")
        out.append((float(t), label))
    return out


def phase_of(events: list[tuple[float, str]]) -> str:
    """Where a kill landed: the last step entered (downloads after ``files`` are the videos and files left)."""
    if not events:
        return "starting"
    labels = [label for _t, label in events]
    last = labels[-1]
    if last == "fetch blobs":
        return "fetch blobs (videos)" if "files" in labels else "fetch blobs (small files)"
    if last == "schema":
        step = next((label for label in reversed(labels) if label.startswith("migrate ")), None)
        return f"schema in {step.split()[1]}" if step else "schema (version table)"
    return last


@dataclass
class KillResult:
    n: int
    scenario: str
    how: str  # "after 0.731 s" | "at step 7 (index-update) + 0.004 s"
    phase: str
    exit_code: int
    ensure: str = ""
    index_agreed_before_ensure: bool = False
    target: str = ""  # the step aimed at (step kills)
    problems: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def landed(self) -> bool:
        """Killed by SIGKILL before the sync finished."""
        return self.exit_code == -signal.SIGKILL and self.phase not in ("done", "done (not killed)")


class Crasher:
    """Runs kills against a world: a throttled server, a warm child always waiting."""

    def __init__(self, world: World, workdir: Path) -> None:
        from tests.sync.httpserver import TestServer

        self.world = world
        self.workdir = workdir
        self.server = TestServer(world.served).start()
        self.next_child: Child | None = Child()
        self.timelines: dict[str, list[tuple[float, str]]] = {}
        self.durations: dict[str, float] = {}
        self.schema_windows: dict[str, tuple[float, float]] = {}  # when the database is created or migrated
        self.count = 0

    def close(self) -> None:
        if self.next_child is not None:
            self.next_child.kill()
            self.next_child = None
        self.server.stop()

    def url(self, scenario: Scenario) -> str:
        return self.server.url + scenario.feed + "/"

    def _take_child(self) -> Child:
        child, self.next_child = self.next_child, None
        return child

    def _prepare(self, scenario: Scenario) -> tuple[Path, Path]:
        self.count += 1
        lib_dir = self.workdir / f"lib-{self.count:04d}"
        template = self.world.templates[scenario.template]
        if template is not None:  # (else no data folder: the first start creates it)
            shutil.copytree(template, lib_dir)
        return lib_dir, self.workdir / f"events-{self.count:04d}.log"

    def calibrate(self, name: str) -> None:
        """One uninterrupted run in a child: how long a sync takes, and the steps it goes through."""
        scenario = SCENARIOS[name]
        lib_dir, events = self._prepare(scenario)
        self.server.throttle(None, rate=THROTTLE)
        child = self._take_child()
        started = child.start(self.job(scenario, lib_dir, events))
        self.next_child = Child()
        code = child.wait()
        self.server.clear_faults()
        assert code == 0, f"the uninterrupted sync child failed ({code}): {child.stderr[-3000:]}"
        timeline = read_events(events)
        assert timeline and timeline[-1][1] == "done", timeline
        self.durations[name] = timeline[-1][0] - started  # from the job's start to the end of run_sync
        self.timelines[name] = timeline
        schema = [t - started for t, label in timeline if label == "schema"]
        if schema:  # from the first schema statement to a little after the last (its COMMIT)
            self.schema_windows[name] = (schema[0], schema[-1] + 0.02)
        shutil.rmtree(lib_dir, ignore_errors=True)

    def job(self, scenario: Scenario, lib_dir: Path, events: Path, kill_at_event: int | None = None,
            kill_delay: float = 0.0) -> dict:
        return {"library": str(lib_dir), "url": self.url(scenario), "pub": str(self.world.keys.public),
                "events": str(events), "kill_at_event": kill_at_event, "kill_delay": kill_delay,
                "parallel_from": PARALLEL_FROM}

    def plan(self, rng: random.Random, scenarios: tuple[str, ...]) -> Iterator[tuple[str, str, float, int | None]]:
        """Kills without end: (scenario, how, time or delay, step), the scenarios in turn.

        Each scenario's kills alternate. A time kill: a random time over the whole calibrated sync, from outside —
        they land where a sync spends its time (downloads, the database, the index); in a scenario that creates or
        migrates the database, every other one at a random time while it does. A step kill: at a step of the
        calibrated run plus a random delay within that step, the steps taken in turn (the main ones first, then
        the migration ones, each order shuffled) so that short steps (the manifest, the cursor, a schema
        statement…) are hit too; a random occurrence of the step when it happens more than once.
        """
        main, others = list(MAIN_STEPS), list(OTHER_STEPS)
        rng.shuffle(main)
        rng.shuffle(others)
        # inside the first creation and the migrations, when a scenario has them
        migrating = [t for t in MIGRATION_STEPS
                     if any(step_kind(label) == t for n in scenarios for _t, label in self.timelines[n])]
        targets = main + migrating + others
        turns = Counter()  # per scenario: its kills alternate time/step
        i = step_kills = 0  # the step kills of all scenarios take the targets in turn
        while True:
            name = scenarios[i % len(scenarios)]
            turn = turns[name]
            turns[name] += 1
            i += 1
            if turn % 2 == 0:
                if name in self.schema_windows and turn % 4 == 0:
                    # a scenario that creates or migrates the database: every other time kill falls while it does
                    # (a few tenths of a second of the whole sync, which time kills would seldom hit)
                    yield name, "time", rng.uniform(*self.schema_windows[name]), None
                    continue
                # (0.9: a run may be a little faster than the calibrated one, and a kill after the end tests nothing)
                yield name, "time", rng.uniform(0.0, 0.9 * self.durations[name]), None
                continue
            target = targets[step_kills % len(targets)]
            step_kills += 1
            # a scenario without that step (an incremental sync fetches no snapshot) hands it to one that has it
            having = [n for n in scenarios if any(step_kind(label) == target for _t, label in self.timelines[n][:-1])]
            if having and name not in having:
                name = having[step_kills % len(having)]
            timeline = self.timelines[name]
            steps = [k for k, (_t, label) in enumerate(timeline[:-1]) if step_kind(label) == target]
            step = rng.choice(steps or list(range(len(timeline) - 1)))
            gap = timeline[step + 1][0] - timeline[step][0]
            # a short step (the cursor: a few ms) is hit at its start; a longer one anywhere within it
            yield name, "step", 0.0 if gap < 0.02 or rng.random() < 0.25 else rng.uniform(0.0, gap * 0.9), step

    def kill_once(self, name: str, how: str, value: float, step: int | None) -> KillResult:
        scenario = SCENARIOS[name]
        world = self.world
        lib_dir, events = self._prepare(scenario)
        self.server.throttle(None, rate=THROTTLE)
        child = self._take_child()
        t_ready = time.monotonic()
        if how == "time":
            started = child.start(self.job(scenario, lib_dir, events))
            self.next_child = Child()  # imports while this one syncs (as in calibrate())
            while (left := started + value - time.monotonic()) > 0 and child.proc.poll() is None:
                time.sleep(min(left, 0.005))
            child.kill()
            label = f"after {value:.3f} s"
        else:
            started = child.start(self.job(scenario, lib_dir, events, kill_at_event=step, kill_delay=value))
            self.next_child = Child()
            child.wait()
            label = f"at step {step} ({self.timelines[name][step][1]}) + {value * 1000:.1f} ms"
        code = child.proc.returncode
        assert code in (0, -signal.SIGKILL), f"the sync child failed by itself ({code}): {child.stderr[-3000:]}"
        self.server.clear_faults()
        result = KillResult(self.count, name, label, phase_of(read_events(events)) if code else "done (not killed)",
                            code, target=step_kind(self.timelines[name][step][1]) if step is not None else "")
        t0 = time.monotonic()
        with Library.open(lib_dir) as lib:
            try:
                report = run_sync(lib, self.url(scenario), world.options())
                assert report.to_seq == world.final_seq[name]
            except Exception as e:  # noqa: BLE001 (reported with the kill it follows)
                result.problems.append(f"the next sync failed: {type(e).__name__}: {e}")
            t1 = time.monotonic()
            problems, result.ensure, result.index_agreed_before_ensure = self.verify(lib, name)
            result.problems += problems
        result.timings = {"child ready": started - t_ready, "child ran": t0 - started, "next sync": t1 - t0,
                          "checks": time.monotonic() - t1}
        shutil.rmtree(lib_dir, ignore_errors=True)
        return result

    def verify(self, lib: Library, name: str) -> tuple[list[str], str, bool]:
        """(problems, what ensure_index() did, whether the index agreed before it)."""
        scenario = SCENARIOS[name]
        problems = []
        check = lib.check()
        problems += [f"check: {p}" for p in check.problems]
        problems += [f"check: {n}" for n in check.notes]  # every file is wanted (video policy all)
        index = lib.search_index.index
        index_ok_now = index.status(lib.content_version()) == IndexStatus.OK and not index_problems(lib)
        ensure = lib.ensure_index()
        if ensure not in (IndexOutcome.OK, IndexOutcome.REPAIRED):
            problems.append(f"ensure_index() returned {ensure!r}")
        problems += index_problems(lib)
        problems += [f"left behind: {p.name}" for p in lib.paths.index.parent.glob(lib.paths.index.name + ".*")]
        problems += [f"left behind: index/{name}" for name in indexdir.leftovers(lib.paths.index)]
        # a kill inside a migration leaves the database as it was: nothing to repair or keep aside
        problems += [f"damaged database kept: {p.name}" for p in lib.paths.data.glob("library-damaged-*")]
        if set(index.indexed_states()) != {i.id for i in lib.list_items()}:
            problems.append("the index does not hold exactly the library's items")
        if content(lib) != self.world.references[name]:
            problems.append("the content differs from the uninterrupted reference")
        if SyncStore(lib).feeds()[FEED_ID].seq != self.world.final_seq[name]:
            problems.append("the cursor is not at the feed's seq")
        try:
            check_user_data(lib, self.world.user_data[scenario.template])
        except AssertionError as e:
            problems.append(f"user data: {e}")
        return problems, ensure, index_ok_now

    def run(self, n: int, scenarios: tuple[str, ...], seed: int = SEED, progress=None) -> list[KillResult]:
        """Kill until ``n`` kills landed inside a sync (a run faster than calibrated may end before its kill
        time; such a kill is kept in the results but not counted; at most ``n // 4 + 3`` of them)."""
        for name in scenarios:
            if name not in self.timelines:
                self.calibrate(name)
        results: list[KillResult] = []
        plan = self.plan(random.Random(seed), scenarios)
        while sum(r.landed for r in results) < n and len(results) < n + n // 4 + 3:
            name, how, value, step = next(plan)
            results.append(self.kill_once(name, how, value, step))
            if progress:
                progress(len(results), n, results[-1])
        return results


def summarize(results: list[KillResult], crasher: Crasher) -> str:
    calibrated = ", ".join(f"{k} {v:.2f} s ({len(crasher.timelines[k]) - 1} steps)" for k, v in crasher.durations.items())
    lines = [f"{len(results)} kills; calibrated uninterrupted syncs: {calibrated}"]
    by_phase = Counter((r.phase, r.scenario) for r in results)
    lines.append("where the kills landed (phase, scenario: kills):")
    for (phase, scenario), k in sorted(by_phase.items()):
        lines.append(f"  {phase:<28} {scenario:<13} {k}")
    lines.append("index after the next sync, before ensure_index(): "
                 f"agreed {sum(r.index_agreed_before_ensure for r in results)}, "
                 f"behind {sum(not r.index_agreed_before_ensure for r in results)}; ensure_index(): "
                 + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.ensure for r in results).items())))
    timings = {k: statistics.median(r.timings[k] for r in results) for k in results[0].timings} if results else {}
    lines.append("median seconds per kill: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
    lines.append(f"kills inside a sync: {sum(r.landed for r in results)} of {len(results)}")
    failed = [r for r in results if r.problems]
    lines.append(f"failures: {len(failed)}")
    for r in failed:
        lines.append(f"  #{r.n} {r.scenario} killed {r.how}, in {r.phase}: {'; '.join(r.problems[:4])}")
    return "\n".join(lines)


# --- the tests -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("crash-world"), tuple(SCENARIOS))


@pytest.fixture
def crasher(world: World, tmp_path: Path):
    c = Crasher(world, tmp_path)
    yield c
    c.close()


KILLS = 20
REQUIRED_PHASES = {"manifest", "fetch segments", "fetch snapshots", "fetch blobs (small files)", "db-apply",
                   "index-update", "cursor", "fetch blobs (videos)"}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_at_20_random_points_then_the_next_sync_completes(crasher: Crasher) -> None:
    results = crasher.run(KILLS, PASSING)
    summary = summarize(results, crasher)
    print(summary)
    assert not [r for r in results if r.problems], summary
    assert sum(r.landed for r in results) >= 20, summary
    # the sync that completed left the index in step with the database by itself (ensure_index() had nothing to do)
    assert all(r.index_agreed_before_ensure for r in results), summary
    # the kills spread over the whole sync, every kind of step included
    landed = {r.phase for r in results}
    assert len(landed) >= 8 and len(landed & REQUIRED_PHASES) >= 6, summary
    # every main step was aimed at (where a kill lands also depends on timing)
    assert set(MAIN_STEPS) <= {r.target for r in results}, summary


def _inside_steps(timeline: list[str]) -> dict[str, list[int]]:
    """migration step -> the events of its schema statements (the last: the alembic_version row that ends it)."""
    steps: dict[str, list[int]] = {}
    current = None
    for k, label in enumerate(timeline):
        if label.startswith("migrate "):
            current = label.split()[1]
            steps[current] = []
        elif label == "schema" and current is not None:
            steps[current].append(k)
    return steps


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_inside_the_first_start_and_inside_a_migration_step(crasher: Crasher) -> None:
    """Killed just before a statement of the first creation (or of the 0003 -> 0004 migration), the next start
    opens the library whole and the sync completes. Before: 'table blobs already exists' at every later start."""
    kills = []
    for name in MIGRATING:
        crasher.calibrate(name)
        timeline = [label for _t, label in crasher.timelines[name]]
        steps = _inside_steps(timeline)
        assert steps and all(steps.values()), timeline
        first, last = next(iter(steps.values())), list(steps.values())[-1]
        # a new database: its first CREATE TABLE; every scenario: the last step's alembic_version row (its DDL all
        # done, the revision not yet written). tests/app/test_migrations.py kills inside every step; the soak too.
        for k in sorted({first[0] if name == "first-start" else last[-1], last[-1]}):
            kills.append(crasher.kill_once(name, "step", 0.0, k))
    print(summarize(kills, crasher))
    for result in kills:
        assert result.exit_code == -signal.SIGKILL and result.phase.startswith("schema in "), result
        assert not result.problems, result


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_between_a_segment_commit_and_its_index_update_with_another_segment_after(crasher: Crasher) -> None:
    crasher.calibrate("two-segments")
    timeline = [label for _t, label in crasher.timelines["two-segments"]]
    first_index_update = timeline.index("index-update")
    assert timeline.count("index-update") >= 2 and timeline.count("cursor") >= 2
    result = crasher.kill_once("two-segments", "step", 0.0, first_index_update)
    assert result.exit_code == -signal.SIGKILL and result.phase == "index-update"
    assert not result.problems, result.problems


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_next_sync_alone_brings_the_index_along(crasher: Crasher) -> None:
    crasher.calibrate("incremental")
    timeline = [label for _t, label in crasher.timelines["incremental"]]
    result = crasher.kill_once("incremental", "step", 0.0, timeline.index("index-update"))
    assert result.exit_code == -signal.SIGKILL and result.phase == "index-update"
    assert not result.problems, result.problems  # ensure_index() repairs it...
    assert result.index_agreed_before_ensure  # ...but the sync that completed did not


def test_a_stale_index_is_not_stamped_up_to_date_by_a_later_partial_update(tmp_path: Path) -> None:
    folder = write_authoring(tmp_path / "authoring", 1)
    lib_dir = tmp_path / "library"
    with Library.open(lib_dir) as lib:
        lib.import_folder(folder)
    # an import killed right after its commit (the crash point import_folder has for tests)
    write_authoring(folder, 2)
    code = f"from app.library import Library; Library.open({str(lib_dir)!r}).import_folder({str(folder)!r})"
    env = {**os.environ, "KITEPKANA_CRASH_AT": "after-db-commit", "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, timeout=120, check=False)
    assert child.returncode == 70
    # the next import, as `kitepkana import` runs it (no ensure_index() first)
    write_authoring(folder, 3)
    with Library.open(lib_dir) as lib:
        lib.import_folder(folder)
        assert lib.ensure_index() == IndexOutcome.OK  # the import itself repaired what the killed one left behind
        assert not index_problems(lib)
