"""Names of a package loaded from its modules on first use (PEP 562).

Shared by the packages whose ``__init__`` must stay cheap to import: listing an
archive must not load the matcher's libraries (numpy, the stemmers, the Chinese
segmenter) that most of ``_text`` needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import cast

__all__ = ["lazy_names"]


def lazy_names(
    package: str, modules: Mapping[str, tuple[str, ...]], namespace: dict[str, object]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``, loading each name from its module.

    ``modules`` maps a module of ``package`` to the names it gives; a loaded name is
    kept in ``namespace`` (the package's ``globals()``), so it is looked up once.

    >>> ns: dict[str, object] = {"__all__": ["dedent"]}
    >>> get, names = lazy_names("textwrap", {"": ("dedent",)}, ns)
    >>> get("dedent")("  a") == "a", "dedent" in ns, names()
    (True, True, ['__all__', 'dedent'])
    >>> get("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'textwrap' has no attribute 'nothing'
    """
    where = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        path = f"{package}.{module}" if module else package
        value = getattr(importlib.import_module(path), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(cast(list[str], namespace.get("__all__", []))))

    return __getattr__, __dir__
