"""Which forms count in a document: translations only in documents of their language.

A translation's :class:`~._forms.Form` has a :attr:`~._forms.Form.language`; the
text, aliases and learnt wordings have none and count everywhere.  Hits of the
forms that do not count are dropped *before* the hits are selected
(:func:`~._forms.select_hits`), so a wrong-language form can never take the
place of a right-language one that overlaps it.

>>> from ._forms import Hit, compile_forms
>>> from ._watchlist import Phrase, Watchlist
>>> forms = compile_forms(Watchlist([Phrase("A", "new era", translations={"ru": "new"})]))
>>> [h.form for h in in_language([Hit(0, 0, 7, 0, 100.0), Hit(1, 0, 3, 0, 100.0)], forms, "en")]
[0]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._forms import Form, Hit

__all__ = ["in_language", "typed"]


def typed(forms: Sequence[Form]) -> bool:
    """Whether any form is a translation (then hits must be filtered per document).

    >>> from ._forms import compile_forms
    >>> from ._watchlist import Watchlist
    >>> typed(compile_forms(Watchlist(["new era"])))
    False
    """
    return any(f.language is not None for f in forms)


def in_language(hits: Iterable[Hit], forms: Sequence[Form], language: str | None) -> list[Hit]:
    """The hits whose form counts in a document of ``language`` (``None``: every hit).

    See the module docstring for an example.
    """
    if language is None:
        return list(hits)
    return [h for h in hits if forms[h.form].language in (None, language)]
