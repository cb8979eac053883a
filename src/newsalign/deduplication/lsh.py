"""MinHash LSH over numpy arrays: datasketch's bands, looked up by sorted band hashes.

:class:`BandedLSH` gives the candidates ``datasketch.MinHashLSH`` gives for the same
``threshold`` and ``num_perm``: it takes datasketch's own choice of ``b`` bands of ``r``
rows, and a record is a candidate of a query when one of its bands holds exactly the query's
values there (datasketch's buckets are keyed by those values' bytes). A band is looked up by
a 64-bit hash of its values and every hit is checked against the values themselves, so a hash
collision can cost time but never add a candidate.

Records come in two parts: a base built in one pass (:meth:`BandedLSH.build`: per band, the
hashes sorted, found by ``searchsorted``), which is how a reopened index is searchable in a
fraction of a second, and the records inserted one by one after it (dictionaries).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .extras import minhash_lsh_class
from .params import DedupParams

__all__ = ["BandedLSH", "lsh_bands"]

# odd 64-bit multipliers of the band hash (fixed: a hash is recomputed, never stored)
_MIX = np.random.default_rng(20251203).integers(1, 2**63, 64, dtype=np.uint64) * 2 + 1


def lsh_bands(p: DedupParams) -> tuple[int, int]:
    """``(b, r)``: the bands and rows per band ``datasketch.MinHashLSH`` picks for ``p``.

    Raises:
        MissingDependencyError: datasketch is not installed.
    """
    lsh = minhash_lsh_class()(threshold=p.lsh_threshold, num_perm=p.num_perm)
    return int(lsh.b), int(lsh.r)


class BandedLSH:
    """A MinHash LSH index of positions: :meth:`query` then :meth:`insert`, as datasketch's.

    Example:
        >>> import numpy as np
        >>> p = DedupParams(num_perm=16, lsh_threshold=0.5)
        >>> a = np.arange(16, dtype=np.uint64)
        >>> b = a.copy()
        >>> b[8:] += 100  # half the values shared
        >>> lsh = BandedLSH(p)
        >>> lsh.build([0], [a])
        >>> lsh.insert(1, b)
        >>> lsh.query(a), lsh.query(a + 1000)
        ([0, 1], [])
    """

    def __init__(self, p: DedupParams) -> None:
        self.b, self.r = lsh_bands(p)
        self._mix = np.resize(_MIX, self.r)
        self._rows: dict[int, np.ndarray] = {}
        self._base_keys: list[np.ndarray] = []
        self._base_pos: list[np.ndarray] = []
        self._gone: set[int] = set()  # base records removed since the build
        self._delta: list[dict[int, list[int]]] = [{} for _ in range(self.b)]
        self._delta_keys: dict[int, np.ndarray] = {}

    def keys(self, mat: np.ndarray) -> np.ndarray:
        """The band hashes of MinHash rows ``mat`` (n, num_perm): an (n, b) uint64 array."""
        mat = np.asarray(mat, dtype=np.uint64)
        span = self.b * self.r
        h = np.zeros((len(mat), self.b), dtype=np.uint64)
        for j in range(self.r):  # value j of every band, times its multiplier (mod 2**64)
            h += mat[:, j : span : self.r] * self._mix[j]
        out: np.ndarray = h ^ (h >> np.uint64(29))
        return out

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, pos: object) -> bool:
        return pos in self._rows

    def build(self, positions: Sequence[int], minhashes: Sequence[np.ndarray] | np.ndarray) -> None:
        """Index ``positions`` (with their MinHash values, arrays or the rows of one) in one
        pass; the index must be empty."""
        if self._rows:
            raise ValueError(f"build() needs an empty index, it holds {len(self._rows)}")
        if not len(positions):
            return
        mat = minhashes if isinstance(minhashes, np.ndarray) else np.vstack(minhashes)
        self._rows = dict(zip(positions, mat, strict=True))
        keys = self.keys(mat)
        pos = np.asarray(positions, dtype=np.int64)
        self._base_keys, self._base_pos = [], []
        for band in range(self.b):
            order = np.argsort(keys[:, band], kind="stable")
            self._base_keys.append(keys[order, band])
            self._base_pos.append(pos[order])

    def insert(self, pos: int, minhash: np.ndarray) -> None:
        """Index one more position."""
        if pos in self._rows:
            raise ValueError(f"position {pos} is already in the LSH index")
        self._rows[pos] = minhash
        self._gone.discard(pos)  # its base entry, if any, is checked against these values
        keys = self.keys(np.asarray(minhash)[None, :])[0]
        self._delta_keys[pos] = keys
        for band, key in enumerate(keys.tolist()):
            self._delta[band].setdefault(key, []).append(pos)

    def remove(self, pos: int) -> None:
        """Take a position out of the index."""
        if pos not in self._rows:
            raise ValueError(f"position {pos} is not in the LSH index")
        del self._rows[pos]
        keys = self._delta_keys.pop(pos, None)
        if keys is None:
            self._gone.add(pos)
            return
        for band, key in enumerate(keys.tolist()):
            bucket = self._delta[band][key]
            bucket.remove(pos)
            if not bucket:
                del self._delta[band][key]

    def query(self, minhash: np.ndarray) -> list[int]:
        """The indexed positions sharing a whole band with ``minhash``, ascending."""
        q = np.asarray(minhash, dtype=np.uint64)
        keys = self.keys(q[None, :])[0]
        found: set[int] = set()
        r = self.r
        for band, key in enumerate(keys.tolist()):
            hits: list[int] = list(self._delta[band].get(key, ()))
            if self._base_keys:
                col, at = self._base_keys[band], keys[band]  # a uint64, not a Python int:
                lo = int(col.searchsorted(at, side="left"))  # numpy would convert the column
                hi = int(col.searchsorted(at, side="right"))
                if hi > lo:
                    hits += self._base_pos[band][lo:hi].tolist()
            want = q[band * r : (band + 1) * r]
            for x in hits:
                if x not in found and x not in self._gone:
                    row = self._rows[x]
                    if np.array_equal(row[band * r : (band + 1) * r], want):
                        found.add(x)
        return sorted(found)
