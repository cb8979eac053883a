"""Near-duplicate, translation and same-story detection for news pipelines.

Every record gets one decision: which story cluster it belongs to, the cluster's
representative (its first record in input order) and how it relates to the record it was
verified against. Each decision that joins two records is explained by a sentence alignment
between them, kept in the evidence.

The relations are a closed set (:data:`RELATIONS`):

====================  =========================================================================
``unique``            no other record of the input is a copy, translation or same story
``representative``    first record (in input order) of a cluster of two or more
``exact``             same text once case, punctuation and spacing are ignored
``near_duplicate``    same language; most sentences of both sides align (wire copy re-run with
                      a changed lead, a trimmed ending, an inserted quote, moved paragraphs)
``translation``       different languages; most sentences of both sides align
``same_story``        some sentences align, not enough for the relations above
====================  =========================================================================

How pairs are found and decided, cheapest first:

1. **Exact copies**: a hash of the normalised text.
2. **Near copies** (same language): MinHash LSH (datasketch) over word shingles; each
   candidate pair is verified by a lexical sentence alignment (identical sentences, then
   RapidFuzz ratio between the rest).
3. **Translations and same story** (``params.semantic``): a language-independent signature
   of each record (numbers, dates, acronyms, quoted strings and person-name keys from
   :mod:`newsalign.names`) proposes plausible pairs; only records in a plausible
   pair, or whose signature is too poor to judge, get a document embedding (a passage made of
   the lead and a few sampled sentences, one encoder call per record, not every sentence).
   An exact nearest-neighbour search over those embeddings keeps the plausible pairs that
   are also near in meaning, at most ``pairs_per_components`` per pair of near-duplicate
   groups, and :func:`newsalign.align` verifies them sentence by sentence.
4. **Clusters**: the union of all verified pairs.

The decision reads the *aligned share* of each side: the fraction of its sentences that are
in a link. With ``hi`` the larger and ``lo`` the smaller of the two shares, a same-language
pair is a ``near_duplicate`` when ``hi >= threshold`` and ``lo >= min_share``; a pair in two
languages is a ``translation`` when ``hi >= translation_threshold`` and
``lo >= translation_min_share``; a pair verified by meaning (the semantic stage) also needs
``min_equivalent_links`` equivalent links for a translation and
``near_min_equivalent_links`` for a near duplicate; otherwise it is ``same_story`` when
it has at least ``story_min_links`` equivalent links and ``hi >= story_threshold``.

Output depends only on the input order, the records and the settings: the Dask path
(:func:`dedup_dask`) runs the same stages on partitions and returns an equal
:class:`DedupResult`.

Memory: the in-process path keeps a compact index per record (MinHash values, signature,
a few numbers) and spills the texts to a temporary file, so it is bounded by the index, not
by the corpus text. Importing the package loads neither datasketch nor dask: they load when
a run starts, and a missing one raises :class:`~newsalign.errors.MissingDependencyError`
naming ``pip install 'newsalign[dedup]'``.

Modules, each importing only those above it:

- :mod:`.params`: :class:`DedupParams`.
- :mod:`.results`: :data:`RELATIONS`, :data:`Relation`, :class:`DedupEvidence`,
  :class:`DuplicatePair`, :class:`DedupDecision`, :class:`DuplicateGroup`,
  :class:`DedupStats`, :class:`DedupResult`.
- :mod:`.extras`: the optional libraries, loaded on first use.
- :mod:`.io`: :class:`Record`, :func:`read_jsonl`, :func:`iter_records`, :func:`write_jsonl`.
- :mod:`.features`: :func:`normalize_text`, :func:`minhash_values`,
  :func:`minhash_permutations`, :func:`signature`, :func:`passage`, :func:`featurize`
  (:class:`Features`).
- :mod:`.verify`: :func:`lexical_links`, :func:`decide_relation` (a :class:`DecisionRule`),
  :func:`may_relate`, :func:`verify_lexical`, :func:`verify_semantic`.
- :mod:`.cluster`: :class:`UnionFind` and the assembly of the answer.
- :mod:`.candidates`: :func:`exact_pairs`, MinHash LSH and signature candidates, :func:`knn`.
- :mod:`.progress`: progress bars.
- :mod:`.pipeline`: :func:`dedup`, and its seams :func:`run_in_process` and
  :func:`run_stages` (both take the decision rule as ``decide``).
- :mod:`.distributed`: :func:`dedup_dask`.

Public names: ``RELATIONS``, ``Relation``, ``DedupDecision``, ``DedupEvidence``,
``DedupParams``, ``DedupResult``, ``DedupStats``, ``DuplicateGroup``, ``DuplicatePair``,
``dedup``, ``dedup_dask``, ``read_jsonl``, ``iter_records``, ``write_jsonl``, ``signature``;
and the documented seams that tests and benchmarks use: ``DecisionRule``, ``Features``,
``Record``, ``UnionFind``, ``decide_relation``, ``exact_pairs``, ``featurize``, ``knn``,
``minhash_permutations``, ``minhash_values``, ``normalize_text``, ``passage``,
``run_in_process``, ``verify_lexical``.
"""

from __future__ import annotations

from .candidates import exact_pairs, knn
from .cluster import UnionFind
from .distributed import dedup_dask
from .features import (
    Features,
    featurize,
    minhash_permutations,
    minhash_values,
    normalize_text,
    passage,
    signature,
)
from .io import Record, iter_records, read_jsonl, write_jsonl
from .params import DedupParams
from .pipeline import dedup, run_in_process
from .results import (
    RELATIONS,
    DedupDecision,
    DedupEvidence,
    DedupResult,
    DedupStats,
    DuplicateGroup,
    DuplicatePair,
    Relation,
)
from .verify import DecisionRule, PairEvidence, decide_relation, may_relate, verify_pairs

__all__ = [
    "RELATIONS",
    "DecisionRule",
    "DedupDecision",
    "DedupEvidence",
    "DedupParams",
    "DedupResult",
    "DedupStats",
    "DuplicateGroup",
    "DuplicatePair",
    "Features",
    "PairEvidence",
    "Record",
    "Relation",
    "UnionFind",
    "decide_relation",
    "dedup",
    "dedup_dask",
    "exact_pairs",
    "featurize",
    "iter_records",
    "knn",
    "may_relate",
    "minhash_permutations",
    "minhash_values",
    "normalize_text",
    "passage",
    "read_jsonl",
    "run_in_process",
    "signature",
    "verify_pairs",
    "write_jsonl",
]
