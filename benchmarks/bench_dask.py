"""statement_tracker.dask: tracking on one and on two workers, time and memory per worker.

    python3 benchmarks/bench_dask.py [--runs 1:1,1:2,10:1,10:2] [--chunk-docs N]
                                     [--limit N] [--check]

* corpus: the White House corpus of ``../shared`` (``whitehouse/briefings.jsonl.gz``,
  about 140 MB of text), split once into JSONL files of ``--chunk-docs`` records in a
  temporary directory; replica ``r`` reads the same files again and gives each document
  the id ``<id>~r<r>`` and the source ``<source>~r<r>``, so ten replicas are about
  1.4 GB of text and nothing of that size is written;
* the bag: one item per (file, replica), one partition per item; the workers read
  their files themselves (``load_corpus``), one document at a time;
* work: ``statement_tracker.dask.to_parquet`` with the 100 formulas of
  ``benchmarks/watchlist_100.txt``, one Parquet file per partition in the temporary
  directory (deleted after each run), so that no occurrence comes back to the client;
* ``--runs``: the runs, as replicas:workers (default ``1:1,1:2``: the corpus once, on
  one worker and on two); each run gets a fresh ``LocalCluster`` (worker processes,
  one thread each, no memory limit); the workers import the library and track one
  small document before the clock starts;
* printed per run: wall time, MB/s of text, occurrences, each worker's resident memory
  after warm-up and its peak (``ru_maxrss``) at the end; then the ratios from the same
  invocation: speed-up from one to two workers at each replica count run with both
  (target >= 1.7x) and peak worker memory at the most replicas against the fewest, per
  worker count run with both (target: about 1.0x, memory that does not grow with the
  corpus);
* ``--check`` (with one replica) also compares the occurrences read back from the files
  with ``st.track`` over the same documents in this process.

The machine has two cores shared with other work: run it alone, with ``nice``, and
read the figures as the load allowed.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import dask.bag as db
from distributed import Client, LocalCluster

import statement_tracker as st
import statement_tracker.dask as sd

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "whitehouse" / "briefings.jsonl.gz"


def split_corpus(out: Path, chunk_docs: int, limit: int | None) -> tuple[list[Path], int]:
    """The corpus as JSONL files of ``chunk_docs`` records; and its characters of text."""
    paths: list[Path] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        lines = itertools.islice(f, limit)
        for i in itertools.count():
            chunk = list(itertools.islice(lines, chunk_docs))
            if not chunk:
                break
            path = out / f"chunk{i:03d}.jsonl"
            path.write_text("".join(chunk), "utf-8")
            paths.append(path)
    chars = sum(len(d.text) for d in st.load_corpus(paths))
    return paths, chars


def replica(items: list[tuple[str, int]]) -> Iterator[st.Document]:
    """The documents of (file, replica) items, with ids and sources distinct per replica."""
    for path, r in items:
        for doc in st.load_corpus(path):
            yield attrs.evolve(doc, doc_id=f"{doc.doc_id}~r{r}", source=f"{doc.source}~r{r}")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _warm() -> int:
    doc = st.Document.from_text("They reaffirmed the one China policy.")
    return len(st.track([doc], ["one China policy"]))


def run(
    paths: list[Path], replicas: int, workers: int, wl: st.Watchlist, out: Path
) -> dict[str, object]:
    """One timed run on a fresh cluster of ``workers`` processes."""
    items = [(str(p), r) for r in range(replicas) for p in paths]
    bag = db.from_sequence(items, npartitions=len(items)).map_partitions(replica)
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=0,
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm)
        base = client.run(_rss_mb)
        start = time.perf_counter()
        files = sd.to_parquet(bag, wl, out)
        seconds = time.perf_counter() - start
        peaks = client.run(_peak_mb)
    count = sum(1 for _ in sd.read_occurrences(out)) if len(files) <= 16 else -1
    if count < 0:
        import pyarrow.parquet as pq

        count = sum(pq.read_metadata(f).num_rows for f in files)
    return {
        "seconds": seconds,
        "occurrences": count,
        "base": sorted(base.values()),
        "peak": sorted(peaks.values()),
        "files": len(files),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", default="1:1,1:2", help="replicas:workers, comma-separated")
    parser.add_argument("--chunk-docs", type=int, default=1000, help="records per file")
    parser.add_argument("--limit", type=int, default=None, help="first N records only")
    parser.add_argument("--check", action="store_true", help="compare with st.track (1x)")
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)  # shutdown chatter
    if not CORPUS.is_file():
        sys.exit(f"corpus not found: {CORPUS}")
    runs = [tuple(int(x) for x in run.split(":")) for run in args.runs.split(",")]
    wl = st.Watchlist.from_file(ROOT / "benchmarks" / "watchlist_100.txt")
    tmp = Path(tempfile.mkdtemp(prefix="bench_dask_"))
    try:
        paths, chars = split_corpus(tmp, args.chunk_docs, args.limit)
        print(f"corpus: {len(paths)} files of {args.chunk_docs} records, {chars / 1e6:.0f} M chars")
        results: dict[tuple[int, int], dict[str, object]] = {}
        for n, w in runs:
            out = tmp / f"out-{n}-{w}"
            r = results[(n, w)] = run(paths, n, w, wl, out)
            mb = chars * n / 1e6
            print(
                f"{n:>3}x corpus ({mb:,.0f} M chars), {w} worker(s): "
                f"{r['seconds']:.1f} s, {mb / r['seconds']:.2f} M chars/s, "
                f"{r['occurrences']} occurrences in {r['files']} files; "
                f"worker memory after warm-up {_mbs(r['base'])}, peak {_mbs(r['peak'])}",
                flush=True,
            )
            if args.check and n == 1:
                local = st.track(replica([(str(p), 0) for p in paths]), wl)
                back = list(sd.read_occurrences(out))
                print(f"  same occurrences as st.track in this process: {local == back}")
            shutil.rmtree(out)
        print("ratios (this run):")
        replicas = sorted({n for n, _ in runs})
        for n in replicas:
            if (n, 1) in results and (n, 2) in results:
                speedup = _f(results[(n, 1)]["seconds"]) / _f(results[(n, 2)]["seconds"])
                print(f"  speed-up 1 -> 2 workers at {n}x: {speedup:.2f}x (target >= 1.7x)")
        small, large = replicas[0], replicas[-1]
        for w in sorted({w for _, w in runs}):
            if small != large and (small, w) in results and (large, w) in results:
                a = max(_floats(results[(small, w)]["peak"]))
                b = max(_floats(results[(large, w)]["peak"]))
                print(
                    f"  peak worker memory {large}x / {small}x with {w} worker(s): "
                    f"{b:.0f} / {a:.0f} MB = {b / a:.2f}x (target about 1.0x)"
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _f(value: object) -> float:
    assert isinstance(value, float)
    return value


def _floats(value: object) -> list[float]:
    assert isinstance(value, list)
    return [float(v) for v in value]


def _mbs(values: object) -> str:
    return "/".join(f"{v:.0f}" for v in _floats(values)) + " MB"


if __name__ == "__main__":
    main()
