"""The optional third-party libraries of deduplication, loaded when a run needs them.

datasketch (MinHash and its LSH index), tqdm (progress bars) and dask/distributed (the
cluster path) ship with ``pip install 'newsalign[dedup]'``; importing
:mod:`newsalign.deduplication` loads none of them, and a missing one raises
:class:`~newsalign.errors.MissingDependencyError` naming that extra when a run starts.
"""

from __future__ import annotations

from typing import Any

from ..errors import MissingDependencyError

__all__ = [
    "EXTRA",
    "PARQUET_EXTRA",
    "dask_dataframe_module",
    "distributed_module",
    "is_bag",
    "is_dask_frame",
    "minhash_class",
    "minhash_lsh_class",
    "pandas_module",
    "pyarrow_module",
    "pyarrow_parquet",
    "tqdm",
]

#: How to install the optional libraries of deduplication.
EXTRA = "pip install 'newsalign[dedup]'"


def _datasketch() -> Any:
    try:
        import datasketch
    except ImportError as exc:
        raise MissingDependencyError(f"dedup needs datasketch: {EXTRA}") from exc
    return datasketch


def minhash_class() -> Any:
    """``datasketch.MinHash``.

    Raises:
        MissingDependencyError: datasketch is not installed.
    """
    return _datasketch().MinHash


def minhash_lsh_class() -> Any:
    """``datasketch.MinHashLSH``.

    Raises:
        MissingDependencyError: datasketch is not installed.
    """
    return _datasketch().MinHashLSH


def tqdm(**kwargs: Any) -> Any:
    """A ``tqdm.tqdm`` progress bar made with ``kwargs``.

    Raises:
        MissingDependencyError: tqdm is not installed.
    """
    try:
        from tqdm import tqdm as bar
    except ImportError as exc:
        raise MissingDependencyError(f"a progress bar needs tqdm: {EXTRA}") from exc
    return bar(**kwargs)


def distributed_module() -> Any:
    """The ``distributed`` module (Dask's cluster client).

    Raises:
        MissingDependencyError: dask or distributed is not installed.
    """
    try:
        import distributed
    except ImportError as exc:
        raise MissingDependencyError(
            "the Dask path needs dask and distributed: pip install 'newsalign[dedup]'"
        ) from exc
    return distributed


def dask_dataframe_module() -> Any:
    """The ``dask.dataframe`` module.

    Raises:
        MissingDependencyError: dask (with its dataframe part) is not installed.
    """
    try:
        import dask.dataframe
    except ImportError as exc:
        raise MissingDependencyError(
            f"a Dask DataFrame needs dask[dataframe]: pip install 'newsalign[dedup]' ({exc})"
        ) from exc
    return dask.dataframe


def is_dask_frame(obj: Any) -> bool:
    """Whether ``obj`` is a ``dask.dataframe.DataFrame`` (by its module and methods)."""
    module = type(obj).__module__ or ""
    return module.startswith("dask") and hasattr(obj, "to_delayed") and hasattr(obj, "columns")


def is_bag(obj: Any) -> bool:
    """Whether ``obj`` is a ``dask.bag.Bag`` (``False`` when dask is not installed)."""
    try:
        import dask.bag as db
    except ImportError:  # pragma: no cover - dask is a dependency of distributed
        return False
    return isinstance(obj, db.Bag)


#: How to install the optional libraries of Parquet and Arrow tables.
PARQUET_EXTRA = "pip install 'newsalign[parquet]'"


def pyarrow_module() -> Any:
    """The ``pyarrow`` module.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    try:
        import pyarrow
    except ImportError as exc:
        raise MissingDependencyError(
            f"Parquet and Arrow tables need pyarrow: {PARQUET_EXTRA}"
        ) from exc
    return pyarrow


def pandas_module() -> Any:
    """The ``pandas`` module.

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    try:
        import pandas
    except ImportError as exc:
        raise MissingDependencyError(f"pandas tables need pandas: {PARQUET_EXTRA}") from exc
    return pandas


def pyarrow_parquet() -> Any:
    """The ``pyarrow.parquet`` module.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    pyarrow_module()
    import pyarrow.parquet as pq

    return pq
