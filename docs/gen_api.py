"""Generate docs/api.md from the docstrings of ``statement_tracker.__all__``.

Usage (from the repository root)::

    python3 docs/gen_api.py           # rewrite docs/api.md
    python3 docs/gen_api.py --check   # exit 1 if docs/api.md is out of date

Every public name gets its signature and the first paragraph of its docstring;
classes also list their public methods and properties. Names are grouped by
the private module that defines them (``_stage._module``) (see ``SECTIONS``); a module missing from
``SECTIONS`` lands under "Other", so new modules never disappear from the page.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path
from typing import Any

import statement_tracker as st

OUT = Path(__file__).resolve().parent / "api.md"

#: Section title per defining module, in page order.
SECTIONS: dict[str, str] = {
    "_ingest._load": "Loading documents",
    "_ingest._manifest": "Loading documents",
    "_ingest._publishers": "Loading documents",
    "_text._records": "Records",
    "_text._normalise": "Normalisation",
    "_text._segment": "Segmentation",
    "_text._quotes": "Segmentation",
    "_text._phrases": "Segmentation",
    "_text._batch": "Segmentation",
    "_track._watchlist": "Tracking formulas",
    "_track._track": "Tracking formulas",
    "_track._track_index": "Tracking formulas",
    "_track._timeline": "Tracking formulas",
    "_track._wordings": "Tracking formulas",
    "_report._timeline_report": "Tracking formulas",
    "_diff._diff": "Diffing readouts",
    "_diff._records": "Diffing readouts",
    "_diff._watch": "Diffing readouts",
    "_report._diff_report": "Diffing readouts",
    "_archive._archive": "The archive",
    "_archive._records": "The archive",
    "_archive._compare": "The archive",
    "_archive._store": "The archive",
    "_sources._find": "Quote sources and discovery",
    "_discover._discover": "Quote sources and discovery",
    "_errors": "Errors",
}


def _summary(obj: Any) -> str:
    """The first paragraph of ``obj``'s docstring, on one line."""
    doc = inspect.getdoc(obj) or ""
    first = doc.split("\n\n", 1)[0]
    return " ".join(first.split())


def _annotation(value: Any) -> str:
    # Modules use ``from __future__ import annotations``: annotations are strings already.
    return value if isinstance(value, str) else inspect.formatannotation(value)


def _signature(name: str, obj: Any) -> str:
    """``name(params) -> return`` with annotations as written and no ``self``/``cls``."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return name
    parts: list[str] = []
    star_done = False
    for param in sig.parameters.values():
        if param.name in ("self", "cls"):
            continue
        if param.kind is param.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if param.kind is param.VAR_POSITIONAL:
            star_done = True
        prefix = {param.VAR_POSITIONAL: "*", param.VAR_KEYWORD: "**"}.get(param.kind, "")
        text = prefix + param.name
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            text += (
                f" = {param.default!r}"
                if param.annotation is not param.empty
                else f"={param.default!r}"
            )
        parts.append(text)
    ret = ""
    if sig.return_annotation is not sig.empty:
        ret = f" -> {_annotation(sig.return_annotation)}"
    return f"{name}({', '.join(parts)}){ret}"


def _members(cls: type) -> list[tuple[str, str]]:
    """Public methods and properties defined on ``cls`` or its package bases (not builtins)."""
    out: list[tuple[str, str]] = []
    members: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        if base.__module__.startswith("statement_tracker"):
            members.update(vars(base))
    for attr, value in members.items():
        if attr.startswith("_"):
            continue
        func = value.__func__ if isinstance(value, classmethod | staticmethod) else value
        if isinstance(value, property):
            out.append((f"{attr}", _summary(value)))
        elif inspect.isfunction(func):
            out.append((_signature(attr, func), _summary(func)))
    return out


def _section_of(obj: Any) -> str:
    module = getattr(obj, "__module__", "") or ""
    return SECTIONS.get(module.removeprefix("statement_tracker."), "Other")


def render() -> str:
    """Return the Markdown text of docs/api.md."""
    order = list(dict.fromkeys([*SECTIONS.values(), "Constants", "Other"]))
    groups: dict[str, list[str]] = {title: [] for title in order}
    for name in st.__all__:
        if name == "__version__":
            continue
        obj = getattr(st, name)
        if inspect.isclass(obj) or callable(obj):
            section = _section_of(obj)
        else:
            section = "Constants"
        groups[section].append(name)

    lines = [
        "# API reference",
        "",
        "<!-- Generated by docs/gen_api.py from the docstrings; do not edit by hand. -->",
        "",
        "Everything public is importable from the package: `import statement_tracker as st`.",
        "Each entry gives the signature and the first paragraph of the docstring; the",
        "docstrings themselves (`help(st.track)`) have the full argument lists and examples.",
        "The package version is `st.__version__` (read from the installed metadata).",
        "",
    ]
    for title in order:
        names = groups[title]
        if not names:
            continue
        lines += [f"## {title}", ""]
        for name in names:
            obj = getattr(st, name)
            if inspect.isclass(obj):
                bases = ", ".join(b.__name__ for b in obj.__bases__ if b is not object)
                head = f"class {name}({bases})" if bases else f"class {name}"
                lines += [f"### `{head}`", "", _summary(obj), ""]
                if not issubclass(obj, BaseException):
                    members = _members(obj)
                    for sig, summary in members:
                        lines.append(f"- `{sig}`: {summary}" if summary else f"- `{sig}`")
                    if members:
                        lines.append("")
            elif callable(obj):
                lines += [f"### `{_signature(name, obj)}`", "", _summary(obj), ""]
            else:
                lines += [f"### `{name}`", "", f"`{obj!r}`", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/api.md is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text("utf-8") if OUT.exists() else ""
        if current != text:
            print("docs/api.md is out of date: run python3 docs/gen_api.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT} ({text.count('### ')} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
