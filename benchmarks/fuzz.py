"""Coverage-guided fuzzing of every parser and stage with atheris (``bench`` extra).

Each target takes the fuzzer's bytes, runs one parser or stage on them and
checks two things: the only exceptions that escape are the library's typed
errors (:class:`statement_tracker.StatementTrackerError` and its subclasses),
and every span a stage returns satisfies the offset contract
(``doc.text[start:end] == record.text``).  Anything else is a finding: the
harness counts it, keeps the input under ``--crash-dir`` and goes on (libFuzzer
alone would stop at the first one), then prints one line per distinct finding.

Usage (from the repository root)::

    python3 benchmarks/fuzz.py --list
    python3 benchmarks/fuzz.py --target html --runs 20000
    nice -n 19 python3 benchmarks/fuzz.py --target all --runs 1000000 --json out.json
    python3 benchmarks/fuzz.py --target html --replay crashes/html/*   # re-run saved inputs

Targets: html, markdown, text, jsonl, manifest, watchlist_toml, watchlist_text,
rules, normalise, segment, track, diff, archive.  Each starts from a few seed
inputs (the bundled fixtures and small hand-made files); an input that takes
more than 2 s of CPU is a finding too (super-linear work), and libFuzzer kills
one that runs past ``--timeout`` seconds.  ``--max-seconds`` stops a target
early on a busy machine and reports the executions it got; so does ``kill -USR1``
(or ``-TERM``) sent to a running target.  Prints
executions, executions/s, typed errors by class and the findings; exits 1 when
there is any finding.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    import atheris
except ImportError:  # pragma: no cover - the harness needs the bench extra
    atheris = None

sys.path.insert(0, str(ROOT / "tests"))


def _import_package() -> None:
    """Import every module of the package, so that the fuzzer sees their code."""
    import importlib
    import pkgutil

    import statement_tracker

    for info in pkgutil.walk_packages(statement_tracker.__path__, "statement_tracker."):
        if info.name.endswith((".dask", ".__main__")):
            continue  # optional extra, not a parser or stage
        importlib.import_module(info.name)


if atheris is not None:
    # Coverage guidance: every module of the package is imported (the package's
    # imports are lazy) inside this block, so atheris instruments its code.
    with atheris.instrument_imports(include=["statement_tracker"]):
        _import_package()

from _fuzz_targets import TARGETS, TMP, seeds  # noqa: E402
from statement_tracker import StatementTrackerError  # noqa: E402

# --- running -----------------------------------------------------------------------------------


class Runner:
    """Counts executions, typed errors and findings (mutable: it is the fuzzer's state)."""

    def __init__(
        self,
        name: str,
        runs: int,
        crash_dir: Path,
        *,
        slow: float = 2.0,
        max_seconds: float = float("inf"),
    ) -> None:
        self.name = name
        self.max_seconds = max_seconds
        self.slow = slow
        self.func = TARGETS[name]
        self.runs = runs
        self.crash_dir = crash_dir / name
        self.count = 0
        self.typed: collections.Counter[str] = collections.Counter()
        self.findings: dict[str, tuple[int, str]] = {}
        self.start = time.monotonic()
        self.cpu = time.process_time()
        self.stop = False  # set by SIGUSR1 or SIGTERM: report what ran, then exit

    def __call__(self, data: bytes) -> None:
        self.count += 1
        t0 = time.process_time()
        try:
            self.func(data)
        except StatementTrackerError as exc:
            self.typed[type(exc).__name__] += 1
        except Exception as exc:
            self._finding(exc, data)
        spent = time.process_time() - t0
        if spent > self.slow:
            self._finding(TimeoutError(f"{spent:.1f} s CPU for {len(data)} bytes"), data)
        if self.count % 100_000 == 0:  # a long run shows that it goes on
            s = self.summary()
            print(
                f"[{self.name}] {self.count} executions, {s['cpu_seconds']} s CPU, "
                f"findings: {len(self.findings)}",
                file=sys.stderr,
                flush=True,
            )
        if self.count >= self.runs or self.stop or time.monotonic() - self.start > self.max_seconds:
            self.report()
            shutil.rmtree(TMP, ignore_errors=True)
            os._exit(1 if self.findings else 0)

    def _finding(self, exc: Exception, data: bytes) -> None:
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
        key = f"{type(exc).__name__} at {where}"
        if key not in self.findings:
            self.crash_dir.mkdir(parents=True, exist_ok=True)
            path = self.crash_dir / f"crash-{len(self.findings):03d}"
            path.write_bytes(data)
            msg = " ".join(str(exc).split())[:160]
            self.findings[key] = (0, f"{msg} (input: {path})")
            print(f"\nFINDING [{self.name}] {key}: {msg} -> {path}", file=sys.stderr, flush=True)
        n, text = self.findings[key]
        self.findings[key] = (n + 1, text)

    def summary(self) -> dict[str, object]:
        wall = time.monotonic() - self.start
        return {
            "target": self.name,
            "executions": self.count,
            "seconds": round(wall, 1),
            "cpu_seconds": round(time.process_time() - self.cpu, 1),
            "exec_per_s": round(self.count / wall, 1) if wall else None,
            "typed_errors": dict(self.typed.most_common()),
            "findings": {k: {"count": n, "detail": d} for k, (n, d) in self.findings.items()},
        }

    def report(self) -> None:
        s = self.summary()
        print(
            f"\n[{self.name}] {s['executions']} executions in {s['seconds']} s "
            f"({s['exec_per_s']}/s, CPU {s['cpu_seconds']} s); typed errors: "
            f"{sum(self.typed.values())} {s['typed_errors']}; findings: {len(self.findings)}",
            file=sys.stderr,
        )
        for key, (n, detail) in self.findings.items():
            print(f"  {key} x{n}: {detail}", file=sys.stderr)
        if _JSON_OUT:
            with open(_JSON_OUT, "a", encoding="utf-8") as f:
                f.write(json.dumps(s) + "\n")


_JSON_OUT: str | None = None


def warm_up(name: str) -> None:
    """Load once, before the timed executions, what the library loads on first use.

    jieba's dictionary (the first Chinese character), pymorphy3's (the first
    Russian word) and compiled rules take about a second on first use; without
    this, the input that first holds such a character counts as a slow finding.
    """
    from statement_tracker._text import normalise_text, split_terms, term_key

    for word in ("partners", "россии", "специальной", "中国", "人类命运共同体"):
        term_key(word)
        split_terms(normalise_text(word))
    for seed in [*seeds(name), "中俄全面战略协作伙伴关系。Россия и Китай.".encode()]:
        try:
            TARGETS[name](seed)
        except StatementTrackerError:
            pass


def fuzz_one(
    name: str, runs: int, *, crash_dir: Path, timeout: int, max_len: int, max_seconds: float
) -> None:
    """Fuzz one target for ``runs`` executions (in this process; it exits at the end)."""
    warm_up(name)
    runner = Runner(name, runs, crash_dir, max_seconds=max_seconds)

    def stop(signum: int, frame: object) -> None:
        runner.stop = True  # the next execution reports and exits

    signal.signal(signal.SIGUSR1, stop)
    signal.signal(signal.SIGTERM, stop)
    corpus = TMP / f"corpus-{name}"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir()
    runner.crash_dir.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(seeds(name)):
        (corpus / f"seed-{i:03d}").write_bytes(seed)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-runs={runs + 1}",
        f"-timeout={timeout}",
        f"-max_len={max_len}",
        "-print_final_stats=0",
        f"-artifact_prefix={runner.crash_dir}/",  # libFuzzer's own slow units go there too
        "-verbosity=0",
    ]
    atheris.Setup(argv, runner)
    atheris.Fuzz()


def replay(name: str, paths: list[str]) -> int:
    """Run saved inputs through ``name`` without the fuzzer; 1 if any is still a finding.

    Each line gives the input's CPU time: more than 2 s is a finding too.
    """
    bad = 0
    warm_up(name)
    for p in paths:
        t0 = time.process_time()
        try:
            TARGETS[name](Path(p).read_bytes())
            outcome = "ok"
        except StatementTrackerError as exc:
            outcome = f"typed error {type(exc).__name__}: {exc}"
        except Exception:
            bad += 1
            outcome = "FINDING"
            traceback.print_exc()
        spent = time.process_time() - t0
        if spent > 2.0 and outcome != "FINDING":
            bad += 1
            outcome = f"FINDING (slow) {outcome}"
        print(f"{p}: {outcome} ({spent:.3f} s CPU)")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    global _JSON_OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--target",
        default="html",
        help="a target, several joined by commas, or 'all' (one process each)",
    )
    ap.add_argument("--runs", type=int, default=20_000, help="executions per target")
    ap.add_argument(
        "--timeout", type=int, default=60, help="seconds before libFuzzer kills an input"
    )
    ap.add_argument(
        "--max-seconds",
        type=float,
        default=float("inf"),
        help="stop a target after this many seconds (reporting what it ran)",
    )
    ap.add_argument(
        "--max-len",
        type=int,
        default=0,
        help="longest input in bytes (default 4096; 131072 for archive)",
    )
    ap.add_argument("--crash-dir", default="benchmarks/results/fuzz", help="where findings go")
    ap.add_argument("--json", help="append one JSON line per target to this file")
    ap.add_argument("--replay", nargs="*", help="re-run saved inputs instead of fuzzing")
    ap.add_argument("--list", action="store_true", help="list the targets")
    args = ap.parse_args(argv)
    _JSON_OUT = args.json
    if args.list:
        print("\n".join(TARGETS))
        return 0
    if args.replay is not None:
        return replay(args.target, args.replay)
    if atheris is None:
        print("fuzz.py needs atheris: python3 -m pip install '.[bench]'", file=sys.stderr)
        return 2
    names = list(TARGETS) if args.target == "all" else args.target.split(",")
    max_len = args.max_len or (131072 if names == ["archive"] else 4096)
    for name in names:
        if name not in TARGETS:
            ap.error(f"unknown target {name!r}; --list shows them")
    if len(names) == 1:
        fuzz_one(
            names[0],
            args.runs,
            crash_dir=Path(args.crash_dir),
            timeout=args.timeout,
            max_len=max_len,
            max_seconds=args.max_seconds,
        )
        return 0
    import subprocess

    status = 0
    for name in names:
        cmd = [
            sys.executable,
            __file__,
            "--target",
            name,
            "--runs",
            str(args.runs),
            "--timeout",
            str(args.timeout),
            "--max-len",
            str(args.max_len),
            "--max-seconds",
            str(args.max_seconds),
            "--crash-dir",
            args.crash_dir,
        ] + (["--json", args.json] if args.json else [])
        status |= subprocess.call(cmd)
    return status


if __name__ == "__main__":
    sys.exit(main())
