"""Measure discovery on Russian and Chinese: case forms grouped, Chinese counted in words.

Russian (``kremlin-ru/txt``, 125 Kremlin pages with ``manifest.tsv``): runs
``discover(docs, top=50)`` and counts the top-50 entries that are case forms of
another top-50 entry (the same words once folded to term keys), how many
entries hold each of a few known formulas (by any case form; 1 is right) and
which entries are on more than half of the pages (possible page chrome).

Chinese (``cctv-zh/md``, daily news transcripts): runs it on a sample of days
(every ``k``-th file so that about ``--days`` remain, 200 by default) and checks
that known formulas appear in the top 50 as whole words, and that no entry is a
fragment of one (characters of it, cut inside a word: 命运共同, 类命运).

Run: ``python3 benchmarks/eval_discover_stems.py [ru|zh] [--days N]`` (both by
default; about a minute each on the reference machine).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import statement_tracker as st
from statement_tracker._text import normalise_text, split_terms, term_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
TOP = 50
RU_FORMULAS = (
    "специальная военная операция",
    "национальные проекты",
    "Совет Безопасности",
    "Вооружённые Силы",
)
ZH_FORMULAS = ("人类命运共同体", "一带一路", "高质量发展", "中国式现代化", "全过程人民民主")


def keys(text: str) -> tuple[str, ...]:
    """The term keys of a text's words (case forms of one phrase share them).

    >>> keys("Специальной военной операции") == keys("специальная военная операция")
    True
    """
    return tuple(term_key(w) for w in split_terms(normalise_text(text))[1::2])


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _run(docs: list[st.Document]) -> tuple[list[st.Formula], float]:
    t0 = time.perf_counter()
    found = st.discover(docs, top=TOP)
    return found, time.perf_counter() - t0


def fragment(text: str, formula: str) -> bool:
    """True when ``text`` shares characters with ``formula`` cut inside one of its words.

    >>> fragment("命运共同", "人类命运共同体"), fragment("类命运", "人类命运共同体")
    (True, True)
    >>> fragment("命运共同体", "人类命运共同体"), fragment("共同发展", "人类命运共同体")
    (False, False)
    """
    if formula in text:
        return False
    parts = split_terms(formula)[1::2]
    words = split_terms(text.replace(" ", ""))[1::2]
    shared = any(formula[i : i + 3] in text for i in range(len(formula) - 2))
    return shared and any(w != p and w in p for w in words for p in parts)


def _chrome(formulas: list[st.Formula], n_docs: int) -> list[str]:
    return [f.text for f in formulas if f.documents > n_docs / 2]


def russian() -> int:
    """Print the Russian figures; return the number of problems (case forms, formulas)."""
    base = SHARED / "kremlin-ru"
    manifest = st.Manifest.from_file(base / "manifest.tsv")
    docs = [manifest.apply(d) for d in st.load_corpus(base / "txt")]
    formulas, took = _run(docs)
    print(f"kremlin-ru: {len(docs)} pages, discover {took:.1f} s")
    for i, f in enumerate(formulas, 1):
        print(f"  {i:2d}. {f.documents:3d} docs  {f.text}")
    ks = [keys(f.text) for f in formulas]
    dupes = [f.text for f, k in zip(formulas, ks, strict=True) if ks.count(k) > 1]
    print(f"case forms of another top-{TOP} entry: {len(dupes)} {dupes}")
    problems = len(dupes)
    for formula in RU_FORMULAS:
        k = keys(formula)
        holding = [f.text for f, fk in zip(formulas, ks, strict=True) if _inside(k, fk)]
        print(f"  {formula!r}: {len(holding)} entries {holding}")
        problems += len(holding) != 1
    chrome = _chrome(formulas, len(docs))
    print(f"on more than half of the pages: {chrome}")
    return problems


def chinese(days: int) -> int:
    """Print the Chinese figures; return the number of problems (missing, fragments)."""
    files = sorted((SHARED / "cctv-zh" / "md").glob("*.md"))
    step = max(1, len(files) // days)
    sample = files[::step][:days]
    docs = list(st.load_corpus(sample))
    formulas, took = _run(docs)
    print(f"cctv-zh: {len(sample)} of {len(files)} days (every {step}th), discover {took:.1f} s")
    for i, f in enumerate(formulas, 1):
        print(f"  {i:2d}. {f.documents:3d} docs  {f.text}")
    problems = 0
    fragments: list[str] = []
    for formula in ZH_FORMULAS:
        words = tuple(split_terms(formula)[1::2])
        whole = [f.text for f in formulas if _inside(words, tuple(split_terms(f.text)[1::2]))]
        days = sum(formula in d.text for d in docs)
        cut = [f.text for f in formulas if fragment(f.text, formula)]
        print(f"  {formula} ({days} days): whole in {len(whole)} entries {whole[:3]}; "
              f"fragments {cut}")
        problems += not whole
        fragments += cut
    print(f"on more than half of the days: {_chrome(formulas, len(docs))}")
    return problems + len(fragments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="ru, zh or both (the default)")
    parser.add_argument("--days", type=int, default=200)
    args = parser.parse_args()
    problems = 0
    which = args.which or ["ru", "zh"]
    if set(which) - {"ru", "zh"}:
        parser.error(f"unknown series: {which}")
    if "ru" in which:
        problems += russian()
    if "zh" in which:
        problems += chinese(args.days)
    print(f"problems: {problems}")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
