"""statement_tracker.dask on a two-worker LocalCluster: the results of a local run."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip(
    "dask.bag", reason="dask is not installed (pip install statement-tracker[dask])"
)
pytest.importorskip(
    "distributed", reason="distributed is not installed (pip install statement-tracker[dask])"
)
pytest.importorskip(
    "pyarrow", reason="pyarrow is not installed (pip install statement-tracker[dask])"
)

import dask.bag as db
import pyarrow.parquet as pq
from distributed import Client, LocalCluster

import statement_tracker as st
import statement_tracker.dask as sd

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes, one thread each, small memory: started once for this module."""
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit="1GiB",
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def readouts() -> list[st.Document]:
    """The fixture series (and the multilingual readouts), in load order."""
    return list(
        st.load_corpus([ROOT / "fixtures" / "readouts", ROOT / "fixtures" / "multilingual"])
    )


@pytest.fixture(scope="module")
def watchlist() -> st.Watchlist:
    """The fixture watchlist (with translations)."""
    return st.Watchlist.from_file(ROOT / "fixtures" / "watchlist.toml")


@pytest.fixture(scope="module")
def corpus_sample(tmp_path_factory: pytest.TempPathFactory, shared_corpus: Path) -> list[Path]:
    """240 White House records in four JSONL files (a record repeated across files)."""
    src = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    if not src.is_file():
        pytest.skip(f"{src} not found")
    import gzip

    with gzip.open(src, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, 240))
    lines.append(lines[5])  # an exact duplicate in another file: counted once by discover
    out = tmp_path_factory.mktemp("wh")
    paths = []
    for i in range(4):
        path = out / f"part{i}.jsonl"
        path.write_text("".join(lines[i * 60 : (i + 1) * 60 + (i == 3)]), "utf-8")
        paths.append(path)
    return paths


def test_track_equals_a_local_run(
    client: Client, readouts: list[st.Document], watchlist: st.Watchlist
) -> None:
    """The same occurrences in the same order, for any number of partitions."""
    expected = st.track(readouts, watchlist)
    assert expected
    for n in (1, 3, len(readouts)):
        assert expected == sd.track(db.from_sequence(readouts, npartitions=n), watchlist)


def test_track_reads_a_bag_of_paths(
    client: Client, corpus_sample: list[Path], watchlist: st.Watchlist
) -> None:
    """Paths are read on the workers, with the documents load_corpus gives."""
    wl = st.Watchlist.from_file(ROOT / "benchmarks" / "watchlist_100.txt")
    paths = [str(p) for p in corpus_sample]
    expected = st.track(st.load_corpus(paths), wl)
    assert len(expected) > 100
    assert expected == sd.track(db.from_sequence(paths, npartitions=2), wl)


def test_options_are_passed_and_checked(client: Client, readouts: list[st.Document]) -> None:
    """threshold and match reach the workers; bad ones fail before any work."""
    bag = db.from_sequence(readouts, npartitions=2)
    wl = ["comprehensive strategic partnership", "peace and stability"]
    assert st.track(readouts, wl, match="exact") == sd.track(bag, wl, match="exact")
    assert st.track(readouts, wl, threshold=70) == sd.track(bag, wl, threshold=70)
    with pytest.raises(st.UsageError):
        sd.track(bag, wl, threshold=120)
    with pytest.raises(st.UsageError, match="loose"):
        sd.track(bag, wl, match="loose")
    with pytest.raises(st.UsageError, match=r"dask\.bag\.Bag"):
        sd.track(readouts, wl)  # type: ignore[arg-type]


def test_watchlist_is_one_task_of_the_graph(readouts: list[st.Document]) -> None:
    """The watchlist is one task that every partition depends on, not a copy per task."""
    wl = st.Watchlist.from_file(ROOT / "benchmarks" / "watchlist_100.txt")
    bag = sd.occurrences(db.from_sequence(readouts, npartitions=5), wl)
    graph = dict(bag.__dask_graph__())
    held = [k for k in graph if str(k).startswith("Watchlist-")]
    assert 1 == len(held)
    tasks = [k for k in graph if isinstance(k, tuple) and k[0].startswith("_track_part-")]
    assert 5 == len(tasks)
    assert all(held[0] in graph[k].dependencies for k in tasks)
    assert all(wl not in graph[k].args for k in tasks)  # a reference, not the watchlist


def test_timeline_equals_a_local_run(
    client: Client, readouts: list[st.Document], watchlist: st.Watchlist
) -> None:
    """The same timeline, by series too, formulas never seen included."""
    bag = db.from_sequence(readouts, npartitions=3)
    wl = st.Watchlist([*watchlist, st.Phrase("NEVER", "a formula nobody uses")])
    occ = st.track(readouts, wl)
    assert st.timeline(occ, readouts, watchlist=wl) == sd.timeline(bag, wl)
    expected = st.timeline(occ, readouts, series="language", watchlist=wl, min_run=2)
    assert expected == sd.timeline(bag, wl, series="language", min_run=2)


def test_discover_equals_a_local_run(client: Client, corpus_sample: list[Path]) -> None:
    """Counts merged from four partitions give the formulas of one run, duplicates once."""
    paths = [str(p) for p in corpus_sample]
    expected = st.discover(st.load_corpus(paths), top=30)
    assert len(expected) == 30
    assert expected == sd.discover(db.from_sequence(paths, npartitions=4), top=30)


def test_discover_russian_and_chinese(client: Client, shared_corpus: Path) -> None:
    """Russian case forms and Chinese words merge across partitions as in one run."""
    ru = sorted((shared_corpus / "kremlin-ru" / "txt").glob("*.txt"))[:25]
    zh = sorted((shared_corpus / "cctv-zh" / "md").glob("*.md"))[:10]
    docs = list(st.load_corpus([*ru, *zh]))
    expected = st.discover(docs, top=20)
    assert expected
    assert expected == sd.discover(db.from_sequence(docs, npartitions=5), top=20)


def test_find_sources_equals_a_local_run(client: Client, readouts: list[st.Document]) -> None:
    """Each quotation of the commentary gets the source and counts of one search."""
    for article in sorted((ROOT / "fixtures" / "commentary").iterdir()):
        text = st.load(article).text
        expected = st.find_sources(text, readouts)
        assert any(q.found for q in expected)
        assert expected == sd.find_sources(text, db.from_sequence(readouts, npartitions=4))


def test_jsonl_files_one_per_partition(
    client: Client, readouts: list[st.Document], watchlist: st.Watchlist, tmp_path: Path
) -> None:
    """One JSONL file per partition, lines as ``track --format jsonl``, in order."""
    files = sd.to_jsonl(db.from_sequence(readouts, npartitions=3), watchlist, tmp_path / "out")
    assert ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"] == [f.name for f in files]
    lines = [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines()]
    local = st.track(readouts, watchlist)
    assert [json.loads(json.dumps(o.to_dict())) for o in local] == lines
    assert [o.to_dict() for o in local] == [
        o.to_dict() for o in sd.read_occurrences(files[0].parent)
    ]


def test_parquet_files_one_per_partition(
    client: Client, readouts: list[st.Document], watchlist: st.Watchlist, tmp_path: Path
) -> None:
    """One Parquet file per partition with the occurrence's fields; read back equal."""
    files = sd.to_parquet(db.from_sequence(readouts, npartitions=4), watchlist, tmp_path)
    assert 4 == len(files) and all(f.suffix == ".parquet" for f in files)
    assert sd.SCHEMA == pq.read_schema(files[0]).remove_metadata()
    assert [f.name for f in st.Occurrence.__attrs_attrs__] == sd.SCHEMA.names
    assert st.track(readouts, watchlist) == list(sd.read_occurrences(tmp_path))


def test_partitions_made_lazily_on_the_workers(
    client: Client, readouts: list[st.Document], watchlist: st.Watchlist, tmp_path: Path
) -> None:
    """A bag whose partitions are iterators made on the workers (which cannot travel
    between them) is worked on where each partition is made."""
    rows = db.from_sequence([d.to_dict() for d in readouts], npartitions=4)
    bag = rows.map_partitions(functools.partial(map, st.Document.from_dict))
    local = st.track(readouts, watchlist)
    assert local == sd.track(bag, watchlist)
    assert st.timeline(local, readouts, watchlist=watchlist) == sd.timeline(bag, watchlist)
    assert st.discover(readouts) == sd.discover(bag)
    sd.to_parquet(bag, watchlist, tmp_path)
    assert local == list(sd.read_occurrences(tmp_path))


def test_empty_bag(client: Client, watchlist: st.Watchlist, tmp_path: Path) -> None:
    """An empty bag gives what an empty corpus gives."""
    bag = db.from_sequence([], npartitions=1)
    assert [] == sd.track(bag, watchlist)
    assert st.timeline([], [], watchlist=watchlist) == sd.timeline(bag, watchlist)
    assert [] == sd.discover(bag)
    assert [] == list(sd.read_occurrences(tmp_path))
