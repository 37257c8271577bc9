"""Benchmark the archive on the whole White House corpus (14,396 documents).

Run:  python3 benchmarks/bench_store.py [--db PATH] [--keep]

1. Add the whole corpus to a fresh archive (progress bar on stderr): total
   time, documents/s, file size.
2. Add one new document: through the Python API (``Archive.add``, target
   < 0.2 s) and through the CLI including interpreter start-up (target < 1 s).
3. Track 100 formulas (benchmarks/watchlist_100.txt; then the unselective
   benchmarks/watchlist_100_generic.txt) over the stored archive (in a fresh
   process: time and peak memory, target < 1 GB) against tracking the same
   documents in memory with ``track()`` (the baseline, measured in this run);
   the two must find the same occurrences.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "whitehouse" / "briefings.jsonl.gz"
HERE = Path(__file__).resolve().parent
#: Multi-word formulas (what a researcher tracks), a generic list with single words
#: and titles ("Russia", "the President"), and 10 rare formulas (the selective case).
WATCHLISTS = (
    HERE / "watchlist_100.txt",
    HERE / "watchlist_100_generic.txt",
    HERE / "watchlist_10_rare.txt",
)

_CHILD_TRACK = """
import hashlib, json, resource, sys, time
t0 = time.perf_counter()
from statement_tracker import Archive, Document, Watchlist, track
wl = Watchlist.from_file(sys.argv[2])
# one-time costs (Unicode tables, the phrase automaton) are paid by the in-memory run
# too, before it is timed: pay them here as well
track([Document.from_text("Warm-up: \u201cno limits\u201d \ufb01\u00a0\u00bd \u4e2d")], wl)
with Archive.open(sys.argv[1], create=False) as a:
    t1, c1 = time.perf_counter(), time.process_time()
    occ = a.track(wl)
    t2, c2 = time.perf_counter(), time.process_time()
keys = sorted(f"{o.doc_id}:{o.phrase_id}:{o.start}:{o.end}" for o in occ)
print(json.dumps({"track_s": t2 - t1, "track_cpu_s": c2 - c1, "total_s": t2 - t0, "n": len(occ),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "keys_hash": hashlib.sha256("\\n".join(keys).encode()).hexdigest()}))
"""


def _bar(done: int, total: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    rate = done / elapsed if elapsed else 0.0
    width = 30
    fill = int(width * done / total) if total else 0
    sys.stderr.write(
        f"\radding [{'#' * fill}{'.' * (width - fill)}] {done}/{total} {rate:,.0f} docs/s"
    )
    sys.stderr.flush()


def main() -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="archive path (default: a temporary file)")
    ap.add_argument("--keep", action="store_true", help="keep the archive afterwards")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records (smoke test)")
    ap.add_argument(
        "--track-only",
        action="store_true",
        help="skip steps 1-2 and track over the existing archive given with --db",
    )
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    from statement_tracker import Archive, Document, load_corpus

    tmp = tempfile.mkdtemp(prefix="bench_store_")
    db = Path(args.db or os.path.join(tmp, "wh.db"))
    if args.track_only:
        if not (args.db and db.exists()):
            print("--track-only needs an existing archive given with --db", file=sys.stderr)
            return 2
        _track_step(db)
        return 0
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(db) + suffix).unlink(missing_ok=True)

    # 1. the whole corpus ---------------------------------------------------------
    total = sum(1 for _ in itertools.islice(load_corpus([CORPUS]), args.limit))
    started, cpu_started = time.perf_counter(), time.process_time()
    with Archive.open(db) as archive:
        result = archive.add(
            itertools.islice(load_corpus([CORPUS]), args.limit) if args.limit else [CORPUS],
            series="whitehouse",
            progress=lambda n, _doc: (n % 50 == 0 or n == total) and _bar(n, total, started),
        )
        archive.store.checkpoint()
        elapsed = time.perf_counter() - started
        cpu_add = time.process_time() - cpu_started
        size = archive.file_size()
        stored = len(archive)
    sys.stderr.write("\n")
    print(f"corpus: {CORPUS.name}, {total} records")
    print(f"add whole corpus: {result.summary()}")
    for source, message in result.errors:
        print(f"  error: {source}: {message}")
    print(
        f"  total {elapsed:.1f} s wall ({cpu_add:.1f} s CPU; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores), {total / elapsed:.1f} docs/s "
        f"({total / cpu_add:.1f} docs per CPU second), {stored} current documents"
    )
    print(f"  file size {size / 1e6:.1f} MB")

    # 2. one new document -----------------------------------------------------------
    text = (
        "The President spoke today with the Prime Minister of Altenhaven.\n\n"
        "The leaders reaffirmed the importance of open lines of communication and "
        f"agreed to meet again. (benchmark run {time.time():.0f})"
    )
    new_doc = Document.from_text(text, source="bench-new.txt", date="2026-09-01")
    t0 = time.perf_counter()
    with Archive.open(db) as archive:
        t1 = time.perf_counter()
        r = archive.add([new_doc])
        t2 = time.perf_counter()
    assert r.added == 1, r
    print(
        f"add one document via Archive.add: {t2 - t1:.3f} s (open {t1 - t0:.3f} s)"
        f"  target < 0.2 s: {'OK' if t2 - t1 < 0.2 else 'MISSED'}"
    )
    new_file = Path(tmp) / "2026-09-02_bench-new.txt"
    new_file.write_text("Readout\n\n" + text.replace("Altenhaven", "Castelgrad") + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "statement_tracker", "add", str(new_file), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    cli = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"add one document via CLI (start-up included): {cli:.3f} s wall, {cpu:.3f} s CPU "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        f"  target < 1 s: {'OK' if cli < 1 else 'MISSED'}  [{proc.stdout.strip()}]"
    )
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)

    _track_step(db)
    if not args.keep and not args.db:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    else:
        print(f"archive kept at {db}")
    return 0


def _track_step(db: Path) -> None:
    """Step 3: each watchlist over the stored archive (child process) and in memory."""
    from statement_tracker import Archive, Document, Watchlist, track

    with Archive.open(db) as archive:
        docs = list(archive.documents())
    for wl_path in WATCHLISTS:
        wl = Watchlist.from_file(wl_path)
        track([Document.from_text("Warm-up: \u201cno limits\u201d \ufb01\u00a0\u00bd \u4e2d")], wl)
        child = subprocess.run(
            [sys.executable, "-c", _CHILD_TRACK, str(db), str(wl_path)],
            capture_output=True,
            text=True,
            check=True,
        )
        stored_run = json.loads(child.stdout)
        t0, c0 = time.perf_counter(), time.process_time()
        occ = track(docs, wl)
        mem, mem_cpu = time.perf_counter() - t0, time.process_time() - c0
        keys = sorted(f"{o.doc_id}:{o.phrase_id}:{o.start}:{o.end}" for o in occ)
        mem_hash = hashlib.sha256("\n".join(keys).encode()).hexdigest()
        print(f"track {len(wl)} entries of {wl_path.name} over {len(docs)} documents:")
        print(
            f"  in memory (track() on loaded documents): {mem:.2f} s wall, {mem_cpu:.2f} s CPU, "
            f"{len(occ)} occurrences"
        )
        print(
            f"  over the archive (persisted index): {stored_run['track_s']:.2f} s wall, "
            f"{stored_run['track_cpu_s']:.2f} s CPU "
            f"({stored_run['total_s']:.2f} s with start-up and open), {stored_run['n']} "
            f"occurrences, peak RSS {stored_run['peak_rss_mb']:.0f} MB"
        )
        print(
            f"  ratio memory/archive: {mem / stored_run['track_s']:.2f}x wall, "
            f"{mem_cpu / stored_run['track_cpu_s']:.2f}x CPU "
            f"({'OK' if stored_run['track_cpu_s'] <= mem_cpu else 'SLOWER'}); "
            f"same occurrences: {stored_run['keys_hash'] == mem_hash}; "
            f"peak < 1 GB: {'OK' if stored_run['peak_rss_mb'] < 1024 else 'MISSED'}"
        )


if __name__ == "__main__":
    sys.exit(main())
