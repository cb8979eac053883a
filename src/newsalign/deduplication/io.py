"""Records in and decisions out: checking input records, JSONL reading and writing.

A record is a mapping ``{"id", "text", "lang"?, "date"?}``; :func:`check_record` turns one
into a :class:`Record` or raises :class:`~newsalign.errors.InputError` naming where it was
read and the field at fault.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .results import DedupResult, RecordId

__all__ = ["Record", "check_record", "iter_records", "read_jsonl", "write_jsonl"]


@dataclass(frozen=True, slots=True)
class Record:
    """One checked input record.

    Attributes:
        id: the id, as given (a string or an integer).
        text: the article.
        lang: its language, when given (an empty string reads as ``None``).
        date: its date (``YYYY-MM-DD...``), when given.

    Example:
        >>> check_record({"id": 1, "text": "Troops moved.", "lang": ""}, "record 0")
        Record(id=1, text='Troops moved.', lang=None, date=None)
    """

    id: RecordId
    text: str
    lang: str | None
    date: str | None


def check_record(obj: Any, where: str) -> Record:
    """``obj`` as a :class:`Record`, or :class:`InputError` starting with ``where``.

    Example:
        >>> check_record({"text": "x"}, "record 3")
        Traceback (most recent call last):
        ...
        newsalign.errors.InputError: record 3: field 'id' is missing
    """
    if not isinstance(obj, Mapping):
        raise InputError(f"{where}: a record must be a JSON object, got {type(obj).__name__}")
    if "id" not in obj:
        raise InputError(f"{where}: field 'id' is missing")
    rid = obj["id"]
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        raise InputError(f"{where}: field 'id' must be a string or an integer, got {rid!r}")
    if "text" not in obj:
        raise InputError(f"{where}: field 'text' is missing")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"{where}: field 'text' must be a string, got {type(text).__name__}")
    out: dict[str, str | None] = {}
    for name in ("lang", "date"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: field {name!r} must be a string, got {value!r}")
        out[name] = value or None
    return Record(rid, text, out["lang"], out["date"])


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSONL file, checking each one.

    Blank lines are skipped. Every line must be a JSON object with ``id`` (string or
    integer) and ``text`` (string); ``lang`` and ``date`` are optional strings.

    Raises:
        InputError: naming the file, the line number and the field at fault.

    Example:
        >>> import tempfile, os
        >>> fd, name = tempfile.mkstemp(suffix=".jsonl")
        >>> _ = os.write(fd, b'{"id": 1, "text": "Troops moved."}\\n{"id": 2}\\n'); os.close(fd)
        >>> try:
        ...     list(read_jsonl(name))
        ... except InputError as exc:
        ...     print(str(exc).split(": ", 1)[1])
        line 2: field 'text' is missing
        >>> os.remove(name)
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a JSONL file")
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: {exc.strerror or exc}") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{p}: line {lineno}: not UTF-8") from None
            if lineno == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{p}: line {lineno}: not JSON ({exc.msg})") from None
            check_record(obj, f"{p}: line {lineno}")
            yield obj


def iter_records(
    records: Iterable[Mapping[str, Any]] | str | os.PathLike[str],
) -> Iterator[Record]:
    """Checked records from an iterable of mappings or a JSONL path; ids must be unique.

    Raises:
        InputError: a record is malformed or repeats an id.

    Example:
        >>> [r.id for r in iter_records([{"id": "a", "text": "x"}, {"id": 2, "text": "y"}])]
        ['a', 2]
    """
    source: Iterable[Mapping[str, Any]]
    if isinstance(records, (str, os.PathLike)):
        source = read_jsonl(records)
        where = f"{records}: record"
    else:
        source = records
        where = "record"
    seen: set[RecordId] = set()
    for k, obj in enumerate(source):
        rec = check_record(obj, f"{where} {k}")
        if rec.id in seen:
            raise InputError(f"{where} {k}: field 'id' repeats an earlier id {rec.id!r}")
        seen.add(rec.id)
        yield rec


def write_jsonl(result: DedupResult, out: IO[str]) -> int:
    """Write one JSON line per decision, in input order; returns the number written.

    Example:
        >>> import io
        >>> from newsalign.deduplication import DedupDecision, DedupEvidence
        >>> res = DedupResult((DedupDecision("a", 0, "unique", "a", DedupEvidence()),), (), ())
        >>> buf = io.StringIO()
        >>> write_jsonl(res, buf)
        1
    """
    for d in result.decisions:
        out.write(d.to_json())
        out.write("\n")
    return len(result.decisions)
