"""Benchmark ingestion: Kremlin pages against trafilatura, and the White House corpus pipeline.

    python3 benchmarks/bench_ingest.py [--part a|b|all] [--corpus-root DIR] [--limit N]

(a) Extraction of the 600 raw en.kremlin.ru pages by statement-tracker and by
    trafilatura (``bare_extraction`` with metadata, and ``extract`` text only), in
    the same run on the same bytes (read into memory first): CPU and wall time,
    the ratio, and for both the quality measures of ``eval_kremlin.py`` (title,
    date, chrome, fused words, article kept).  Then the same job *start-up
    included*: each tool in a fresh interpreter that imports it and reads every page
    of the folder from disk (``st.load`` per file; the ``statement-tracker extract``
    command; ``trafilatura.bare_extraction`` per file), CPU time of the child process.
    Target (issue 16): ours at least 10 times faster than trafilatura doing the same
    job (text, title and date: "with metadata"), start-up included, with better scores.
(b) The whole White House corpus, one core, streamed, each pipeline in a child
    process of its own: load alone; load + normalise (the floor for anything that
    needs normalised text); load + normalise + segment (paragraphs and sentences);
    load + ``st.records`` (all kinds, normalised, with ids: record objects); load +
    ``st.records_batch`` (the same records as columns).  Documents/s, MB/s (MB =
    10**6 bytes of the records' source text, the ``text`` fields), peak memory
    (``VmHWM`` of the child), and each pipeline's speed as a ratio to load +
    normalise measured in the same run.  Target (issue 16): load + records at least
    10 MB/s with a peak under 1 GB; ``--limit N`` reads only the first N records.

CPU time (``time.process_time``) is the primary figure: the machine is shared,
and wall time moves with the load of other processes; both are printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_kremlin as ek

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def part_a(kremlin: Path) -> bool:
    import datetime as dt

    import statement_tracker as st

    try:
        import trafilatura
    except ImportError:
        print("(a) trafilatura is not installed: pip install -e '.[bench]'")
        return False

    rows = ek.read_manifest(kremlin)
    truths = [ek.page_truth(kremlin, row) for row in rows]
    pages = [(t, (kremlin / "html" / t.file).read_bytes()) for t in truths]
    mb = sum(len(data) for _, data in pages) / 1e6
    print(f"(a) {len(pages)} Kremlin pages, {mb:.1f} MB of HTML, read into memory")

    def run(name: str, extract) -> tuple[float, float, list]:  # type: ignore[no-untyped-def]
        c0, w0 = _clock()
        out = [extract(truth, data) for truth, data in pages]
        c1, w1 = _clock()
        return c1 - c0, w1 - w0, out

    def ours(truth: ek.PageTruth, data: bytes):  # type: ignore[no-untyped-def]
        try:
            doc = st.load_bytes(data, name=truth.file)
        except st.StatementTrackerError as exc:
            return None, None, "", exc
        return doc.title, doc.date, doc.text, None

    def traf_meta(truth: ek.PageTruth, data: bytes):  # type: ignore[no-untyped-def]
        try:
            doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
        except Exception as exc:
            return None, None, "", exc
        if doc is None:
            return None, None, "", None
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        date = get("date")
        try:
            day = dt.date.fromisoformat(date[:10]) if date else None
        except ValueError:
            day = None
        return get("title"), day, get("text") or "", None

    def traf_text(truth: ek.PageTruth, data: bytes):  # type: ignore[no-untyped-def]
        text = trafilatura.extract(data, include_comments=False, with_metadata=False)
        return None, None, text or "", None

    # warm up both (imports, caches) outside the timing
    ours(*pages[0])
    traf_text(*pages[0])
    results = {}
    for name, fn in (
        ("statement-tracker", ours),
        ("trafilatura (with metadata)", traf_meta),
        ("trafilatura (text only)", traf_text),
    ):
        cpu, wall, out = run(name, fn)
        results[name] = (cpu, wall, out)
        print(
            f"    {name:30} CPU {cpu:7.2f} s ({1000 * cpu / len(pages):6.2f} ms/page)"
            f"   wall {wall:7.2f} s"
        )
    ours_cpu = results["statement-tracker"][0]
    for name in ("trafilatura (with metadata)", "trafilatura (text only)"):
        print(f"    speed-up over {name}: {results[name][0] / ours_cpu:5.1f}x (CPU)")
    # the same job as ours (text, title and date) is trafilatura with metadata
    speedup = results["trafilatura (with metadata)"][0] / ours_cpu

    startup = _startup_included(kremlin)
    print("    quality (pages passing; date over dated pages):")
    header = "      measure   " + "".join(f"{n[:27]:>29}" for n in results)
    print(header)
    scores = {}
    for name, (_, _, out) in results.items():
        passed = dict.fromkeys(ek.MEASURES, 0)
        for (truth, _), (title, date, text, _exc) in zip(pages, out, strict=True):
            failed = ek.score_page(truth, title, date, text)
            for m in ek.MEASURES:
                passed[m] += m not in failed
        scores[name] = passed
    dated = sum(1 for t, _ in pages if t.date is not None)
    undated = len(pages) - dated
    for m in ek.MEASURES:
        cells = []
        for name in results:
            n = scores[name][m] - (undated if m == "date" else 0)
            of = dated if m == "date" else len(pages)
            if name == "trafilatura (text only)" and m in ("title", "date"):
                cells.append(f"{'n/a':>29}")
            else:
                cells.append(f"{f'{n}/{of}':>29}")
        print(f"      {m:9}" + "".join(cells))
    quality = all(scores["statement-tracker"][m] == len(pages) for m in ek.MEASURES)
    ok = quality and speedup >= 10 and startup >= 10
    print(f"    (a) targets met (full quality, >= 10x in process and start-up included): {ok}")
    return ok


_OURS_CHILD = """
import pathlib, sys, time
import statement_tracker as st
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.html")):
    try:
        st.load(path)
    except st.StatementTrackerError:
        pass
"""
_TRAF_CHILD = """
import pathlib, sys
import trafilatura
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.html")):
    try:
        trafilatura.bare_extraction(path.read_bytes(), with_metadata=True, include_comments=False)
    except Exception:
        pass
"""


def _child_cpu(argv: list[str]) -> tuple[float, float]:
    """CPU time (user + system) and wall time of a child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def _startup_included(kremlin: Path) -> float:
    """Each tool in a fresh interpreter over the folder; returns trafilatura's CPU / ours."""
    folder = str(kremlin / "html")
    cli = Path(sys.executable).with_name("statement-tracker")
    runs = [
        ("statement-tracker (st.load)", [sys.executable, "-c", _OURS_CHILD, folder]),
        ("statement-tracker extract", [str(cli), "extract", folder]),
        ("trafilatura (with metadata)", [sys.executable, "-c", _TRAF_CHILD, folder]),
        ("python start-up alone", [sys.executable, "-c", "pass"]),
    ]
    print("    start-up included (a fresh interpreter per tool, pages read from disk):")
    cpu: dict[str, float] = {}
    for name, argv in runs:
        if name == "statement-tracker extract" and not cli.exists():
            continue
        cpu[name], wall = _child_cpu(argv)
        print(f"      {name:30} CPU {cpu[name]:7.2f} s   wall {wall:7.2f} s")
    traf = cpu["trafilatura (with metadata)"]
    for name in ("statement-tracker (st.load)", "statement-tracker extract"):
        if name in cpu:
            print(f"      trafilatura / {name}: {traf / cpu[name]:5.1f}x (CPU)")
    return traf / max(cpu.get(n, 0.0) for n in cpu if n.startswith("statement-tracker"))


def _source_megabytes(path: Path, limit: int | None = None) -> tuple[float, float, int]:
    text = raw = 0
    n = 0
    with gzip.open(path, "rb") as f:
        for line in f:
            if limit is not None and n >= limit:
                break
            raw += len(line)
            if line.strip():
                text += len(json.loads(line)["text"].encode("utf-8"))
                n += 1
    return text / 1e6, raw / 1e6, n


def _peak_mb() -> float:
    """Peak resident memory of this process in MB.

    ``VmHWM`` from /proc where there is one: ``ru_maxrss`` survives ``exec`` on Linux,
    so a child started by a big parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


_MODES = {
    "load": "load alone",
    "normalise": "load + normalise (the baseline of the ratios)",
    "segment": "load + normalise + segment (paragraphs, sentences)",
    "records": "load + records (all kinds, normalised, with ids)",
    "batch": "load + records_batch (the same records as columns)",
}


def part_b_child(mode: str, corpus: Path, limit: int | None) -> None:
    """Run one pipeline over the corpus and print a JSON line of figures."""
    import itertools

    import statement_tracker as st

    st.normalise("warm\u00a0up")  # build the NFKC tables outside the timing
    skipped: list[st.StatementTrackerError] = []
    docs = sentences = records = 0
    text_bytes = 0
    c0, w0 = _clock()
    for doc in itertools.islice(st.load_corpus(corpus, on_error=skipped.append), limit):
        docs += 1
        text_bytes += len(doc.text)  # characters: only a check that every mode read the same
        if mode == "normalise":
            st.normalise(doc.text)
        elif mode == "segment":
            st.normalise(doc.text)
            for start, end in st.paragraph_spans(doc.text):
                sentences += len(st.sentence_spans(doc.text, start, end, language=doc.language))
        elif mode == "records":
            records += len(st.records(doc))
        elif mode == "batch":
            records += len(st.records_batch(doc))
    c1, w1 = _clock()
    peak = _peak_mb()
    print(
        json.dumps(
            {
                "mode": mode,
                "docs": docs,
                "chars": text_bytes,
                "skipped": len(skipped),
                "sentences": sentences,
                "records": records,
                "cpu": c1 - c0,
                "wall": w1 - w0,
                "peak_mb": peak,
            }
        )
    )


def part_b(corpus: Path, limit: int | None) -> bool:
    text_mb, raw_mb, n = _source_megabytes(corpus, limit)
    print(
        f"(b) White House corpus: {n} records, {text_mb:.1f} MB of source text"
        f" ({raw_mb:.1f} MB of JSONL uncompressed)"
    )
    ok = True
    base = None
    for mode, label in _MODES.items():
        argv = [sys.executable, __file__, "--child", mode, "--wh", str(corpus)]
        if limit is not None:
            argv += ["--limit", str(limit)]
        out = subprocess.run(argv, capture_output=True, text=True, check=True)
        fig = json.loads(out.stdout.strip().splitlines()[-1])
        mbps = text_mb / fig["cpu"]
        base = base if mode != "normalise" else mbps
        ratio = f", x{mbps / base:.2f} of load + normalise" if base else ""
        count = f", {fig['records']:,d} records" if fig["records"] else ""
        print(
            f"    {label}:\n"
            f"      {fig['docs']} documents ({fig['skipped']} without text skipped){count},"
            f" CPU {fig['cpu']:.1f} s, wall {fig['wall']:.1f} s\n"
            f"      {fig['docs'] / fig['cpu']:,.0f} documents/s, {mbps:.1f} MB/s (CPU){ratio},"
            f" {text_mb / fig['wall']:.1f} MB/s (wall), peak memory {fig['peak_mb']:.0f} MB"
        )
        if mode in ("records", "batch"):
            met = mbps >= 10 and fig["peak_mb"] < 1024
            print(f"      target (>= 10 MB/s, < 1 GB) met: {met}")
            ok &= met
    print(f"    (b) targets met: {ok}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("a", "b", "all"), default="all")
    parser.add_argument("--corpus-root", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=None, help="(b): the first N records only")
    parser.add_argument("--child", choices=tuple(_MODES), help=argparse.SUPPRESS)
    parser.add_argument("--wh", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        part_b_child(args.child, args.wh, args.limit)
        return 0
    kremlin = args.corpus_root / "kremlin"
    wh = args.corpus_root / "whitehouse" / "briefings.jsonl.gz"
    if not kremlin.is_dir() or not wh.is_file():
        print(f"bench_ingest: shared corpus not found under {args.corpus_root}", file=sys.stderr)
        return 2
    ok = True
    if args.part in ("a", "all"):
        ok &= part_a(kremlin)
    if args.part in ("b", "all"):
        ok &= part_b(wh, args.limit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
