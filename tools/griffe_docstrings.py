"""A Griffe extension that makes our docstrings read well in the MkDocs API reference.

The docstrings are written for ``help()`` and doctest (Google style, Sphinx roles, bare
``>>>`` examples); mkdocstrings renders them as Markdown, where a ``>>>`` line is a nested
block quote and ``:class:`Document``` is literal text. This extension, loaded by
``mkdocs.yml`` (``extensions: [tools/griffe_docstrings.py]``), rewrites each docstring
before it is parsed:

- a run of doctest lines (from a ``>>>`` line to the next blank line) becomes a fenced
  ``pycon`` code block at the same indentation;
- ``:class:`X```, ``:func:`X``` and the other Sphinx roles become code, linked to the API
  reference entry when ``X`` starts with a public name of ``statement_tracker``.

Only the rendering changes: the source docstrings stay as they are, for ``help()``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

import statement_tracker

_ROLE = re.compile(r":(?:class|func|meth|attr|data|exc|mod|obj):`~?([^`]+)`")
_PUBLIC = frozenset(statement_tracker.__all__)


def _role(match: re.Match[str]) -> str:
    target = match.group(1).removeprefix("statement_tracker.")
    head = target.split(".", 1)[0].rstrip("()")
    if head in _PUBLIC:
        return f"[`{target}`][statement_tracker.{head}]"
    return f"`{target}`"


def rewrite(text: str) -> str:
    """The docstring ``text`` as Markdown: doctests fenced, Sphinx roles as code.

    >>> rewrite("See :class:`Document` and :meth:`to_dict`.")
    'See [`Document`][statement_tracker.Document] and `to_dict`.'
    >>> rewrite("Text.\\n\\n>>> 1 + 1\\n2\\n\\nMore.").splitlines()
    ['Text.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'More.']
    """
    out: list[str] = []
    indent: str | None = None  # the open block's indentation, or None outside a block
    for line in text.split("\n"):
        if indent is None and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
        elif indent is not None and not line.strip():
            out.append(f"{indent}```")
            indent = None
        out.append(line if indent is not None else _ROLE.sub(_role, line))
    if indent is not None:
        out.append(f"{indent}```")
    return "\n".join(out)


class DocstringsForMarkdown(griffe.Extension):
    """Rewrite every docstring with :func:`rewrite` as Griffe loads it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite ``obj``'s docstring, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = rewrite(obj.docstring.value)
