"""Peak memory per input byte of each loader, each measured in a fresh subprocess.

For each format (HTML, Markdown, plain text, a JSONL corpus) the script writes
a generated readout of ``--mb`` megabytes (paragraphs of prose; ``--script
zh`` or ``ru`` for Chinese or Russian text) to a temporary file, then starts a
subprocess that imports statement-tracker, notes its peak resident set
(``VmHWM`` of ``/proc/self/status``; ``ru_maxrss`` elsewhere, which on Linux
carries the parent's peak over ``exec``) as the baseline, loads the file
(``load`` with the size limit raised as needed, or ``load_corpus`` for JSONL;
``--records`` also cuts the document into records) and prints the new peak.  The figure is (peak -
baseline) / file size: bytes of memory per input byte.  The baseline in the
same subprocess takes out the interpreter and the imported libraries.

The issue's targets: a page at the default size limit (64 MB) loads in under
1 GB (``--mb 64``); a 1 GB JSONL corpus streams (memory does not grow with the
number of records: ``--jsonl-records``).

Usage (from the repository root)::

    nice -n 19 python3 benchmarks/bench_memory.py --mb 16 [--format html,text] [--records]
    nice -n 19 python3 benchmarks/bench_memory.py --mb 64 --format html
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

_PROSE = {
    "en": "The two leaders discussed trade, security and climate cooperation and agreed to "
    "keep the channels of communication open. President Xi said “no limits” again. ",
    "ru": "Стороны обсудили торговлю, безопасность и климатическое сотрудничество и "
    "договорились сохранять открытыми каналы связи. Президент сказал «без границ». ",
    "zh": "双方讨论了贸易、安全和气候合作，同意保持沟通渠道畅通。主席再次表示“没有止境”。",
}

_CHILD = r"""
import os, resource, sys, time
import statement_tracker as st
def peak_kb():
    # VmHWM: this process image's peak (ru_maxrss carries the parent's over exec)
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
fmt, path, records = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
base = peak_kb()
t0 = time.process_time()
if fmt == "jsonl":
    n = 0
    for doc in st.load_corpus(path):
        n += len(st.records(doc)) if records else 1
else:
    doc = st.load(path, max_bytes=os.path.getsize(path) + 1)
    n = len(st.records(doc)) if records else len(doc.text)
cpu = time.process_time() - t0
peak = peak_kb()
print(base * 1024, peak * 1024, cpu, n)
"""


def _paragraphs(size: int, script: str) -> list[str]:
    para = _PROSE[script] * 6
    count = max(1, size // len(para.encode()))
    return [f"{i}. {para}" for i in range(count)]


def write_input(fmt: str, size: int, script: str, folder: str, *, records: int = 0) -> str:
    """A generated input of about ``size`` bytes in format ``fmt``; its path."""
    paras = _paragraphs(size, script)
    if fmt == "html":
        path = os.path.join(folder, "page.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write('<html><head><meta charset="utf-8"><title>Talks</title></head><body>')
            f.write("<nav><a href='/'>Home</a></nav><main><h1>Talks</h1><div class='text'>")
            for p in paras:
                f.write(f"<p>{p}</p>\n")
            f.write("</div></main><footer>© 2024</footer></body></html>")
    elif fmt == "markdown":
        path = os.path.join(folder, "page.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\ntitle: Talks\ndate: 2024-05-16\n---\n# Talks\n\n")
            f.write("\n\n".join(paras))
    elif fmt == "text":
        path = os.path.join(folder, "page.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Talks\n\n" + "\n\n".join(paras))
    elif fmt == "jsonl":
        path = os.path.join(folder, "corpus.jsonl")
        per = max(1, len(paras) // (records or 1000))
        with open(path, "w", encoding="utf-8") as f:
            for i in range(0, len(paras), per):
                text = "\n\n".join(paras[i : i + per])
                f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
    else:
        raise SystemExit(f"unknown format {fmt!r}")
    return path


def measure(fmt: str, path: str, *, records: bool) -> dict[str, float]:
    """Run the loader on ``path`` in a subprocess; its memory and CPU figures."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, fmt, path, "1" if records else "0"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    base, peak, cpu, n = int(out[0]), int(out[1]), float(out[2]), int(out[3])
    size = os.path.getsize(path)
    return {
        "bytes": size,
        "baseline_mb": base / 2**20,
        "peak_mb": peak / 2**20,
        "per_byte": (peak - base) / size,
        "cpu_s": cpu,
        "n": n,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=16, help="input size in MB")
    ap.add_argument("--format", default="html,markdown,text,jsonl", help="formats, by commas")
    ap.add_argument("--script", default="en", choices=sorted(_PROSE), help="the text's language")
    ap.add_argument("--records", action="store_true", help="also cut into records")
    ap.add_argument("--jsonl-records", type=int, default=1000, help="records in the JSONL file")
    args = ap.parse_args(argv)
    size = int(args.mb * 2**20)
    print(f"{'format':9s} {'MB in':>7s} {'base MB':>8s} {'peak MB':>8s} {'B/B':>6s} {'CPU s':>7s}")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.format.split(","):
            path = write_input(fmt, size, args.script, folder, records=args.jsonl_records)
            m = measure(fmt, path, records=args.records)
            print(
                f"{fmt:9s} {m['bytes'] / 2**20:7.1f} {m['baseline_mb']:8.0f} {m['peak_mb']:8.0f} "
                f"{m['per_byte']:6.1f} {m['cpu_s']:7.1f}",
                flush=True,
            )
            os.remove(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
