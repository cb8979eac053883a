"""Many-to-many sentence alignment of two versions of a story.

The algorithm works on sentence vectors (unit rows, so dot products are cosines) and, when
the texts are known, on two anchors that survive paraphrase and translation: numbers
(``3,000`` = ``3천``) and a character n-gram overlap that catches shared names, quoted words
and figures.

1. **Candidates.** For every sentence, the ``top_k`` most similar sentences of the other side
   (computed blockwise, so two 10,000-sentence documents never need a 10,000 x 10,000
   matrix). Each candidate pair gets a score: cosine + lexical bonus + number bonus.
   In ``translation`` mode steps 2 and 3 are replaced by a bead search (see below).
2. **Backbone.** Competitive linking: candidate pairs are taken best first while both
   sentences are free and the score reaches ``threshold``. This gives 1-1 links in any order,
   which is what rewrites need: they reorder freely. With ``attach_neighbours``, a pair
   waits when one of its sentences scores more than ``merge_gap`` higher with its best
   match, whose own best match is that sentence's neighbour: the sentence is likely half
   of a merge or split there, so it gets the chance to join that link (step 3) before
   the pairs that waited are linked, best first, among the sentences still free.
3. **Beads.** A sentence left over joins an existing link when that raises the link's
   score by at least ``attach_threshold`` (its side is then read as one passage, the
   sentences joined and encoded). Repeated, this builds 1-n, n-1 and n-m beads (up to
   ``max_bead`` sentences a side). In ``rewrite`` mode it may join the link of the sentence
   it resembles most, wherever that is, or (``attach_neighbours``) the link of a sentence
   next to it, since merges and splits join neighbours; with ``attach_neighbours=False``
   the result does not depend on sentence order.
   **Translation mode** instead searches, by dynamic programming as Bertalign and Vecalign
   do, the best monotone sequence of 1-0, 0-1 and n-m beads in a band around the path
   traced by confident, mutually best pairs; a bead scores the cosine of its two passages
   (joined and encoded) times their length agreement, plus their character n-gram overlap.
   A second pass re-decides the search's close calls (alternative cuts of one or two
   consecutive beads) on encoded passages (:mod:`.refine`).
   A 2-2 bead that matches crosswise is split into crossing links, and sentences left out
   are linked to each other near the path, so local swaps survive. The search runs both
   ways and keeps a side-blind choice, so ``align(a, b) == align(b, a).inverse()``.
4. **Link scores and kinds.** The scores above rank candidates within one document pair;
   each link found is then scored on its own by :mod:`.probability`: the calibrated
   probability that its two sides say the same thing (:mod:`.calibration`'s model over the
   features of :mod:`.evidence`), the same for a pair in any documents. A link whose score
   reaches ``equivalent_threshold`` is ``"equivalent"``, one below it ``"partial"``; a bead
   below ``link_floor`` is not linked.

Default settings were tuned on development data only (the Korean-English perturbed news
task built from ``ko_en_news`` dev and the Text+Berg dev document; see ``benchmarks/``).

The package, one file a step: :mod:`.params` (settings and modes), :mod:`.scoring` (the
search's pair and bead scores), :mod:`.rewrite` (steps 2-4), :mod:`.translation` (the bead
search), :mod:`.refine` (its second pass), :mod:`.evidence`, :mod:`.calibration` and
:mod:`.probability` (the links' calibrated scores), :mod:`.aligner` (the public functions).

Public names: :func:`align` (documents or text, any encoder), :func:`align_embeddings`
(your own vectors), :class:`AlignParams` (the settings), :data:`Mode` and :data:`MODES`,
:func:`check_mode`; :class:`Scorer` is the scoring seam the tests use; :data:`FEATURES`,
:class:`Calibration`, :func:`calibration_for` and :func:`parse_calibrations` expose the
calibrated score.
"""

from __future__ import annotations

from .aligner import align, align_embeddings
from .calibration import Calibration, calibration_for, parse_calibrations
from .evidence import FEATURES
from .params import MODES, AlignParams, Mode, check_mode
from .scoring import Scorer

__all__ = [
    "FEATURES",
    "MODES",
    "AlignParams",
    "Calibration",
    "Mode",
    "Scorer",
    "align",
    "align_embeddings",
    "calibration_for",
    "check_mode",
    "parse_calibrations",
]
