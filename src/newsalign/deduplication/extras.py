"""The optional third-party libraries of deduplication, loaded when a run needs them.

datasketch (MinHash and its LSH index), tqdm (progress bars) and dask/distributed (the
cluster path) ship with ``pip install 'newsalign[dedup]'``; importing
:mod:`newsalign.deduplication` loads none of them, and a missing one raises
:class:`~newsalign.errors.MissingDependencyError` naming that extra when a run starts.
"""

from __future__ import annotations

from typing import Any

from ..errors import MissingDependencyError

__all__ = ["EXTRA", "distributed_module", "is_bag", "minhash_class", "minhash_lsh_class", "tqdm"]

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


def is_bag(obj: Any) -> bool:
    """Whether ``obj`` is a ``dask.bag.Bag`` (``False`` when dask is not installed)."""
    try:
        import dask.bag as db
    except ImportError:  # pragma: no cover - dask is a dependency of distributed
        return False
    return isinstance(obj, db.Bag)
