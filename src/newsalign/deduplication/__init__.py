"""Near-duplicate, translation and same-story detection for news pipelines.

Every record gets one decision: which event cluster it belongs to, the cluster's
representative (its first record in input order) and how it relates to the record it was
verified against. Each decision that joins two records is explained by a sentence alignment
between them and by the facts of their leads that agreed or conflicted, kept in the evidence.

The relations are a closed set (:data:`RELATIONS`), one meaning each:

====================  =========================================================================
``unique``            nothing else in the input is a copy, translation or coverage of its event
``representative``    first record (in input order) of a cluster of two or more
``exact``             same text once case, punctuation and spacing are ignored
``near_duplicate``    the same article re-published (a wire copy with a new lead, a trim, an
                      inserted quote): lexical evidence only, never two independent write-ups
``translation``       the same article in another language
``same_story``        independent coverage of the same real-world event
====================  =========================================================================

Another event of the same topic gets no relation, however alike the prose.

How records are decided, cheapest first:

1. **Features**: a hash of the normalised text, MinHash values over word shingles, a
   language-independent signature, and the event facts of the lead (:mod:`.events`: the
   days it names resolved against the record's ``date``, the counts it gives).
2. **Exact copies**: a hash of the normalised text; a copy follows its original.
3. **Candidates**: MinHash LSH partners in one language, then (``params.semantic``) the
   nearest records by one passage embedding per record (the lead and a few sampled
   sentences), a far one only with shared signature features.
4. **Decisions in input order**: a record is verified against the representatives of its
   candidates' clusters (or a candidate that is the representative's article), at most
   ``max_candidates`` of them; one whose facts conflict is refused before any alignment.
   The record joins the cluster of its strongest relation or starts its own: no chains.

A pair is decided by :func:`decide_relation` from a :class:`PairEvidence`: in one language
a lexical alignment and the share of word shingles decide a ``near_duplicate``; otherwise
:func:`newsalign.align` aligns it by meaning, and a ``translation`` needs high shares and an
expected share of equal content (the calibrated link scores), a ``same_story`` agreeing
event days and a likely shared sentence (or, without days, several equivalent links). A
conflict of event days or lead counts refuses both.

Output depends only on the input order, the records and the settings: the Dask path
(:func:`dedup_dask`) runs the same stages on partitions and returns an equal
:class:`DedupResult`.

Memory: the in-process path keeps a compact index per record (MinHash values, signature,
event facts, a passage vector) and spills the texts to a temporary file, so it is bounded by
the index, not by the corpus text. Importing the package loads neither datasketch nor dask:
they load when a run starts, and a missing one raises
:class:`~newsalign.errors.MissingDependencyError` naming ``pip install 'newsalign[dedup]'``.

Modules, each importing only those above it:

- :mod:`.params`: :class:`DedupParams`.
- :mod:`.results`: :data:`RELATIONS`, :data:`Relation`, :class:`DedupEvidence`,
  :class:`DuplicatePair`, :class:`DedupDecision`, :class:`DuplicateGroup`,
  :class:`DedupStats`, :class:`DedupResult`.
- :mod:`.extras`: the optional libraries, loaded on first use.
- :mod:`.io`: :class:`Record`, :func:`read_jsonl`, :func:`iter_records`, :func:`write_jsonl`.
- :mod:`.events`: :class:`~.events.EventFacts`, :func:`~.events.event_facts`, the dates and
  counts of a lead and their conflicts.
- :mod:`.features`: :func:`normalize_text`, :func:`minhash_values`,
  :func:`minhash_permutations`, :func:`signature`, :func:`passage`, :func:`featurize`
  (:class:`Features`).
- :mod:`.verify`: :func:`lexical_links`, :func:`decide_relation` (a :class:`DecisionRule`
  reading a :class:`PairEvidence`), :func:`may_relate`, :func:`verify_pairs`.
- :mod:`.cluster`: which verified pair a record joins by, the assembly of the answer, and
  :class:`UnionFind` (for benchmarks and studies).
- :mod:`.lsh`: :class:`~.lsh.BandedLSH`, the MinHash LSH index (datasketch's bands and
  rows, sorted band hashes; the candidates of datasketch's ``MinHashLSH``).
- :mod:`.candidates`: :func:`exact_pairs`, MinHash LSH pairs, :func:`knn`, each record's
  ranked candidates.
- :mod:`.progress`: progress bars.
- :mod:`.state`: :class:`~.state.DedupState`, the records decided so far and the loop
  that decides more (:meth:`~.state.DedupState.extend`), one implementation for a run and
  for a stored index.
- :mod:`.pipeline`: :func:`dedup`, and its seams :func:`run_in_process` and
  :func:`run_stages` (both take the decision rule as ``decide``).
- :mod:`.distributed`: :func:`dedup_dask` (and its Parquet partitions out).
- :mod:`.index`: :class:`DedupIndex`, a state kept in a folder (SQLite) and extended batch
  after batch.

Public names: ``RELATIONS``, ``Relation``, ``DedupDecision``, ``DedupEvidence``, ``DedupIndex``,
``DedupParams``, ``DedupResult``, ``DedupStats``, ``DuplicateGroup``, ``DuplicatePair``,
``dedup``, ``dedup_dask``, ``read_jsonl``, ``iter_records``, ``write_jsonl``, ``signature``;
and the documented seams that tests and benchmarks use: ``DecisionRule``, ``Features``,
``PairEvidence``, ``Record``, ``UnionFind``, ``decide_relation``, ``exact_pairs``,
``featurize``, ``knn``, ``may_relate``, ``minhash_permutations``, ``minhash_values``,
``normalize_text``, ``passage``, ``run_in_process``, ``verify_pairs``.
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
from .index import DedupIndex
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
    "DedupIndex",
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
