"""Collection of the package's doctests: a module behind a missing extra is not imported."""

from __future__ import annotations

from importlib.util import find_spec

#: statement_tracker.dask needs the ``dask`` extra; without it its doctests cannot run
#: (tests/test_dask.py then skips, saying what to install).
collect_ignore = (
    []
    if all(find_spec(name) for name in ("dask", "distributed", "pyarrow"))
    else ["src/statement_tracker/dask.py"]
)
