"""The Hangul syllables Korean names are written with: telling a Korean name from a loanword.

Korean writes a Korean name as one word (김정은) and a foreign one by sound, in words apart
(조 콜 Joe Cole); a romanised given name run together (Sunwon) may be a foreign word too
(Biden, Shuster). A name whose given-name syllables are all ones Korean names use reads as
Korean. The set is every syllable of the given names of the dev half of the Korean people
of ``wikidata_en_hangul_names.tsv`` (benchmarks/names_quality.py), with the surnames' own.
"""

# The table is Hangul on purpose (RUF001 is off project-wide).

from __future__ import annotations

from functools import lru_cache

from .hangul import _hangul_sylset, _SylSet

_NAME_SYLLABLES = frozenset(
    "가각간갈감갑강거건걸결겸경계고곤곱공곽관광교구국군궁궈권귀규균근금긍기길김꽃나낙난남내년녕노녹누늘늬니다달담대덕도독돈돌동두득듬똑라락란람랑래량려력련렬렴령례로"
    "록론롱뢰룡루룩뤄류륙륜률륭름리린림립마만맹멍명모목몽무묵문미민박반발방배백범법벽변별병보복본봄봉부분붕비빈빛사산삼상새샘생서석선설섭성세셩소손솔송수숙순술스슬습"
    "승시식신실심아악안암앙애앵야약양어언엄업여연열염엽영예오옥온완왈왕요용우욱운울웅원월위유육윤율은을음읍응의이익인일임잉자작장재전점정제조종좌주준중쥔즈증지직진집"
    "징차찬창채천철청초촌총최추춘출충치친칠쾌탁태택토특파판팔팽편평표풍피필하학한함항해행향허헌혁현협형혜호홍화확환황회효후훈휘휴흠흥희힘"
)


def _in_names(syllable: str) -> bool:
    """Whether a Hangul syllable is one Korean names use."""
    return syllable in _NAME_SYLLABLES


@lru_cache(maxsize=4096)
def _spells_name_syllable(s: _SylSet) -> bool:
    """Whether a romanised syllable (its jamo sets) can spell one Korean names use."""
    return any(
        all(x & y for x, y in zip(s, _hangul_sylset(c), strict=True)) for c in _NAME_SYLLABLES
    )
