"""Watchlists: the formulas to track, each with its aliases and an optional threshold.

A watchlist file is plain text (one phrase a line; blank lines and lines
starting with ``#`` are skipped) or TOML with one ``[[phrase]]`` table per
formula::

    [[phrase]]
    id = "P01"
    text = "comprehensive partnership and strategic coordination"
    aliases = ["comprehensive strategic partnership of coordination"]
    threshold = 90        # optional, per phrase
    match = "exact"       # optional, per phrase: exact, close (the default) or loose
    family = "tiers"      # optional: phrases of one family are alternatives (below)
    translations = { zh = "全面战略协作伙伴关系" }   # optional: matched in that language only

>>> wl = Watchlist(["no limits", "cold war mentality"])
>>> [p.id for p in wl]
['P01', 'P02']
>>> Watchlist.from_toml(wl.to_toml()) == wl
True
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from .._errors import WatchlistError
from .._text import normalise_text, word_tokens
from ._watchlist_read import load_toml, read_watchlist_bytes

__all__ = ["Phrase", "Watchlist"]

_WHERE = "<watchlist>"


#: A language code: two or three lower-case letters (ISO 639-1 or 639-3).
_LANGUAGE = re.compile(r"[a-z]{2,3}")


def _translations(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{language: wording or wordings}`` (or pairs) as sorted ``(language, wordings)`` pairs."""
    items = value.items() if isinstance(value, dict) else value
    out: dict[str, tuple[str, ...]] = {}
    try:
        for language, wordings in items:  # type: ignore[attr-defined]
            texts = (wordings,) if isinstance(wordings, str) else tuple(wordings)
            out[language] = (*out.get(language, ()), *texts)
        return tuple(sorted(out.items()))
    except (TypeError, ValueError):
        detail = f"translations must map languages to wordings, not {value!r}"
        raise WatchlistError(_WHERE, detail) from None


def _to_float(value: object) -> object:
    """Ints become floats; anything else is left for the watchlist to reject."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@attrs.frozen
class Phrase:
    """One formula to track.

    Attributes:
        id: A short stable id (``"P01"``), unique in its watchlist.
        text: The formula as written.
        aliases: Other wordings that count as the same formula.
        threshold: A score 0–100 that overrides the default matching rule for
            this phrase, or ``None``.
        match: The strictness level of the default rule for this phrase
            (``"exact"``, ``"close"``, ``"loose"``), or ``None`` for the caller's.
        family: A name shared by phrases that are alternatives to one another, such
            as the tiers of a hierarchy (全面战略伙伴关系 / 战略伙伴关系): where their
            occurrences overlap, only the best one counts (highest score, then
            longest), so the shorter tier is not found inside the longer.
        learnt: Wordings learnt from a corpus (a word of the formula replaced by one
            used in the same contexts, see :func:`~statement_tracker.learn_wordings`):
            matched like aliases, reported with the method ``"synonym"``.
        translations: Wordings typed by language, as sorted ``(language, wordings)``
            pairs (a dict ``{"zh": "…", "ru": ["…", "…"]}`` is converted): each is
            matched only in documents of its language (:attr:`Document.language`),
            whereas the text and the aliases are matched in every document.

    >>> Phrase("P1", "no limits", ("no limit",)).forms
    ('no limits', 'no limit')
    >>> Phrase("P1", "no limits", translations={"ru": "без границ"}).translations
    (('ru', ('без границ',)),)
    """

    id: str
    text: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple[str, ...])
    threshold: float | None = attrs.field(default=None, converter=_to_float)
    match: str | None = None
    learnt: tuple[str, ...] = attrs.field(default=(), converter=tuple[str, ...])
    family: str | None = None
    translations: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        default=(), converter=_translations
    )

    @property
    def forms(self) -> tuple[str, ...]:
        """The text, the aliases and the learnt wordings: every wording looked for.

        >>> Phrase("P1", "a b").forms
        ('a b',)
        """
        return (self.text, *self.aliases, *self.learnt)

    @property
    def language_forms(self) -> tuple[tuple[str | None, str], ...]:
        """Every wording with the language it is matched in (``None``: every language).

        :attr:`forms` first, then the translations by language.

        >>> Phrase("P1", "no limits", translations={"ru": "без границ"}).language_forms
        ((None, 'no limits'), ('ru', 'без границ'))
        """
        plain: tuple[tuple[str | None, str], ...] = tuple((None, f) for f in self.forms)
        return plain + tuple((lang, w) for lang, ws in self.translations for w in ws)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict.

        >>> Phrase("P1", "a b").to_dict()
        {'id': 'P1', 'text': 'a b', 'aliases': [], 'threshold': None, 'match': None, 'learnt': [],
         'family': None, 'translations': {}}
        >>> Phrase("P1", "a b", translations={"ru": "а б"}).to_dict()["translations"]
        {'ru': ['а б']}
        """
        return {
            "id": self.id,
            "text": self.text,
            "aliases": list(self.aliases),
            "threshold": self.threshold,
            "match": self.match,
            "learnt": list(self.learnt),
            "family": self.family,
            "translations": {lang: list(ws) for lang, ws in self.translations},
        }


def _check_threshold(value: object, where: str, line: int | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WatchlistError(where, f"threshold must be a number, not {value!r}", line=line)
    if not 0 <= float(value) <= 100:
        raise WatchlistError(where, f"threshold {value} is outside 0-100", line=line)
    return float(value)


_LEVELS = ("exact", "close", "loose")


def _check_match(value: object, where: str, line: int | None) -> str | None:
    if value is None:
        return None
    if value not in _LEVELS:
        detail = f"match must be one of {', '.join(_LEVELS)}, not {value!r}"
        raise WatchlistError(where, detail, line=line)
    return str(value)


def _check_family(value: object, where: str, line: int | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise WatchlistError(where, f"family must be a non-empty string, not {value!r}", line=line)
    return value.strip()


def _check_translations(
    value: object, where: str, line: int | None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Validate ``{language: wording or [wordings]}`` (or :attr:`Phrase.translations` pairs)."""
    items = value.items() if isinstance(value, dict) else value
    if not isinstance(items, Iterable) or isinstance(items, str):
        detail = "translations must be a table of language = wording(s)"
        raise WatchlistError(where, detail, line=line)
    out: list[tuple[str, tuple[str, ...]]] = []
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            detail = "translations must be a table of language = wording(s)"
            raise WatchlistError(where, detail, line=line)
        language, wordings = item
        if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
            detail = f"translation language {language!r} is not 2-3 lower-case letters"
            raise WatchlistError(where, detail, line=line)
        texts = [wordings] if isinstance(wordings, str) else wordings
        if not isinstance(texts, list | tuple) or not texts:
            detail = f"translations.{language} must be a string or a list of strings"
            raise WatchlistError(where, detail, line=line)
        what = f"translation ({language})"
        out.append((language, tuple(_check_form(t, where, line, what) for t in texts)))
    return _translations(out)


def _check_form(text: object, where: str, line: int | None, what: str) -> str:
    if not isinstance(text, str):
        raise WatchlistError(where, f"{what} must be a string, not {text!r}", line=line)
    if not word_tokens(normalise_text(text)):
        raise WatchlistError(where, f"{what} {text!r} normalises to nothing", line=line)
    return text


class Watchlist(Sequence[Phrase]):
    """An ordered, validated list of :class:`Phrase`.

    Build it from strings (ids ``P01``, ``P02`` … are assigned), from
    :class:`Phrase` objects, or from a file with :meth:`from_file`.

    Raises:
        WatchlistError: Empty, duplicate ids, a phrase that normalises to
            nothing, a threshold outside 0–100.

    >>> Watchlist(["new era", Phrase("X", "no limits", threshold=95)])[1].threshold
    95.0
    >>> Watchlist([])
    Traceback (most recent call last):
    ...
    statement_tracker._errors.WatchlistError: <watchlist>: the watchlist is empty
    """

    # Immutable by convention: the phrases are a tuple; equality is by value.

    def __init__(
        self, phrases: Iterable[str | Phrase], *, source: str | os.PathLike[str] | None = None
    ) -> None:
        where = os.fspath(source) if source is not None else _WHERE
        items = list(phrases)
        width = max(2, len(str(len(items))))
        out: list[Phrase] = []
        seen: set[str] = set()
        for i, item in enumerate(items, start=1):
            if isinstance(item, str):
                item = Phrase(f"P{i:0{width}d}", item)
            elif not isinstance(item, Phrase):
                raise WatchlistError(where, f"not a phrase: {item!r}")
            _check_form(item.text, where, None, "phrase")
            for alias in (*item.aliases, *item.learnt):
                _check_form(alias, where, None, "alias")
            _check_translations(item.translations, where, None)
            _check_threshold(item.threshold, where, None)
            _check_match(item.match, where, None)
            if item.id in seen:
                raise WatchlistError(where, f"duplicate phrase id {item.id!r}")
            seen.add(item.id)
            out.append(item)
        if not out:
            raise WatchlistError(where, "the watchlist is empty")
        self._phrases: tuple[Phrase, ...] = tuple(out)
        self.source = where

    def __getitem__(self, index: int) -> Phrase:  # type: ignore[override]
        return self._phrases[index]

    def __len__(self) -> int:
        return len(self._phrases)

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self._phrases)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Watchlist) and self._phrases == other._phrases

    def __hash__(self) -> int:
        return hash(self._phrases)

    def __repr__(self) -> str:
        return f"Watchlist({list(self._phrases)!r})"

    def get(self, phrase_id: str) -> Phrase:
        """Return the phrase with id ``phrase_id``.

        >>> Watchlist(["a b"]).get("P01").text
        'a b'
        """
        for p in self._phrases:
            if p.id == phrase_id:
                return p
        raise KeyError(phrase_id)

    def with_match(self, level: str | None) -> Watchlist:
        """The same watchlist, with ``level`` for every phrase that has no level of its own.

        >>> wl = Watchlist([Phrase("A", "new era"), Phrase("B", "no limits", match="exact")])
        >>> [p.match for p in wl.with_match("loose")]
        ['loose', 'exact']
        """
        if level is None or all(p.match is not None for p in self._phrases):
            return self
        _check_match(level, self.source, None)
        phrases = [p if p.match is not None else attrs.evolve(p, match=level) for p in self]
        return Watchlist(phrases, source=self.source)

    def with_learnt(self, learnt: Iterable[Any]) -> Watchlist:
        """The same watchlist with learnt wordings added to their phrases.

        ``learnt`` holds :class:`~statement_tracker.LearntWording` records (anything
        with ``phrase_id`` and ``wording``); a wording a phrase already has is skipped.

        >>> from types import SimpleNamespace as W
        >>> wl = Watchlist([Phrase("A", "lines of communication")])
        >>> wl.with_learnt([W(phrase_id="A", wording="channels of communication")])[0].learnt
        ('channels of communication',)
        """
        extra: dict[str, list[str]] = {}
        for item in learnt:
            extra.setdefault(item.phrase_id, []).append(item.wording)
        if not extra:
            return self
        phrases = []
        for p in self._phrases:
            new = [w for w in extra.get(p.id, ()) if w not in p.forms]
            phrases.append(attrs.evolve(p, learnt=(*p.learnt, *dict.fromkeys(new))) if new else p)
        return Watchlist(phrases, source=self.source)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Watchlist:
        """Read a watchlist from a TOML (``[[phrase]]``) or plain-text file.

        A file ending in ``.toml``, or whose first non-comment line starts with
        ``[``, is read as TOML; anything else as one phrase a line.

        Raises:
            WatchlistError: Unreadable, not a regular file, over
                :data:`MAX_WATCHLIST_BYTES` (10 MB), malformed (with the line), or invalid.

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "w.txt"
        >>> _ = p.write_text("# formulas\\nno limits\\n\\nnew era\\n", encoding="utf-8")
        >>> [ph.text for ph in Watchlist.from_file(p)]
        ['no limits', 'new era']
        """
        where = os.fspath(path)
        data = read_watchlist_bytes(path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise WatchlistError(where, f"not UTF-8 text (byte {exc.start})") from None
        first = next(
            (ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), ""
        )
        if where.lower().endswith(".toml") or first.startswith("["):
            return cls.from_toml(text, source=where)
        return cls.from_lines(text, source=where)

    @classmethod
    def from_lines(cls, text: str, *, source: str | None = None) -> Watchlist:
        """Parse the plain-text format: one phrase a line, ``#`` comments.

        >>> len(Watchlist.from_lines("a b\\n# c\\nd e"))
        2
        """
        where = source or _WHERE
        phrases: list[str] = []
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            phrases.append(_check_form(line, where, lineno, "phrase"))
        return cls(phrases, source=where)

    @classmethod
    def from_toml(cls, text: str, *, source: str | None = None) -> Watchlist:
        """Parse the TOML format (``[[phrase]]`` tables with id/text/aliases/threshold).

        >>> Watchlist.from_toml('[[phrase]]\\nid = "A"\\ntext = "new era"').get("A").text
        'new era'
        >>> Watchlist.from_toml('[[phrase]\\ntext = 1')
        Traceback (most recent call last):
        ...
        statement_tracker._errors.WatchlistError: <watchlist>:1: malformed TOML: ...
        """
        where = source or _WHERE
        try:
            data = load_toml(text, where=where)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = re.search(r"\(at line (\d+), column \d+\)", msg)
            line = int(m.group(1)) if m else None
            detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
            raise WatchlistError(where, f"malformed TOML: {detail}", line=line) from None
        tables = data.get("phrase")
        if tables is None:
            raise WatchlistError(where, "no [[phrase]] tables: the watchlist is empty")
        if not isinstance(tables, list):
            raise WatchlistError(where, "'phrase' must be an array of tables ([[phrase]])")
        lines = _table_lines(text)
        width = max(2, len(str(len(tables))))
        phrases: list[Phrase] = []
        for i, table in enumerate(tables, start=1):
            line = lines[i - 1] if i - 1 < len(lines) else None
            if not isinstance(table, dict):
                raise WatchlistError(where, f"phrase {i} is not a table", line=line)
            keys = {"id", "text", "aliases", "threshold", "match", "learnt", "family"}
            keys.add("translations")
            unknown = sorted(set(table) - keys)
            if unknown:
                raise WatchlistError(where, f"unknown key {unknown[0]!r} in [[phrase]]", line=line)
            if "text" not in table:
                raise WatchlistError(where, "[[phrase]] without text", line=line)
            pid = table.get("id", f"P{i:0{width}d}")
            if not isinstance(pid, str) or not pid.strip():
                detail = f"id must be a non-empty string, not {pid!r}"
                raise WatchlistError(where, detail, line=line)
            aliases = table.get("aliases", [])
            if isinstance(aliases, str):
                aliases = [aliases]
            if not isinstance(aliases, list):
                raise WatchlistError(where, "aliases must be a list of strings", line=line)
            learnt = table.get("learnt", [])
            if not isinstance(learnt, list):
                raise WatchlistError(where, "learnt must be a list of strings", line=line)
            phrases.append(
                Phrase(
                    pid.strip(),
                    _check_form(table["text"], where, line, "phrase"),
                    tuple(_check_form(a, where, line, "alias") for a in aliases),
                    _check_threshold(table.get("threshold"), where, line),
                    _check_match(table.get("match"), where, line),
                    tuple(_check_form(a, where, line, "learnt wording") for a in learnt),
                    _check_family(table.get("family"), where, line),
                    _check_translations(table.get("translations", {}), where, line),
                )
            )
        try:
            return cls(phrases, source=where)
        except WatchlistError:
            raise
        except ValueError as exc:  # pragma: no cover - defensive
            raise WatchlistError(where, str(exc)) from None

    def to_toml(self) -> str:
        """Render the watchlist in the TOML format (what :meth:`from_file` reads back).

        >>> print(Watchlist([Phrase("A", "no limits", ("no limit",), 90)]).to_toml())
        [[phrase]]
        id = "A"
        text = "no limits"
        aliases = ["no limit"]
        threshold = 90.0
        <BLANKLINE>
        """
        blocks: list[str] = []
        for p in self._phrases:
            lines = ["[[phrase]]", f"id = {_toml_str(p.id)}", f"text = {_toml_str(p.text)}"]
            if p.aliases:
                lines.append("aliases = [" + ", ".join(_toml_str(a) for a in p.aliases) + "]")
            if p.threshold is not None:
                lines.append(f"threshold = {float(p.threshold)!r}")
            if p.match is not None:
                lines.append(f"match = {_toml_str(p.match)}")
            if p.learnt:
                lines.append("learnt = [" + ", ".join(_toml_str(a) for a in p.learnt) + "]")
            if p.family is not None:
                lines.append(f"family = {_toml_str(p.family)}")
            if p.translations:
                pairs = (f"{lang} = {_toml_list(ws)}" for lang, ws in p.translations)
                lines.append("translations = { " + ", ".join(pairs) + " }")
            blocks.append("\n".join(lines) + "\n")
        return "\n".join(blocks)


def _toml_str(value: str) -> str:
    # A JSON string is a valid TOML basic string once DEL and other controls are escaped.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_list(values: tuple[str, ...]) -> str:
    """One wording as a TOML string, several as an array."""
    if len(values) == 1:
        return _toml_str(values[0])
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"


def _table_lines(text: str) -> list[int]:
    """1-based line numbers of the ``[[phrase]]`` headers, in order."""
    return [
        i
        for i, line in enumerate(text.splitlines(), start=1)
        if re.match(r"\s*\[\[\s*phrase\s*\]\]", line)
    ]
