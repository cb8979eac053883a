"""Records in and decisions out: checking input records, JSONL reading and writing.

A record is a mapping ``{"id", "text", "lang"?, "date"?}``; :func:`check_record` turns one
into a :class:`Record` or raises :class:`~newsalign.errors.InputError` naming where it was
read and the field at fault.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..validate import check_text
from .results import DedupResult, RecordId
from .tables import is_table, records_of

__all__ = ["JsonlSource", "Record", "check_record", "iter_records", "read_jsonl", "write_jsonl"]


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
    if isinstance(rid, str):
        check_text(f"{where}: field 'id'", rid)
    if "text" not in obj:
        raise InputError(f"{where}: field 'text' is missing")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"{where}: field 'text' must be a string, got {type(text).__name__}")
    check_text(f"{where}: field 'text'", text)
    out: dict[str, str | None] = {}
    for name in ("lang", "date"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: field {name!r} must be a string, got {value!r}")
        if value is not None:
            check_text(f"{where}: field {name!r}", value)
        out[name] = value or None
    return Record(rid, text, out["lang"], out["date"])


#: What :func:`read_jsonl` and :func:`iter_records` read JSONL from: a path or a file object.
JsonlSource = str | os.PathLike[str] | IO[bytes] | IO[str]


def read_jsonl(source: JsonlSource) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSONL file, checking each one.

    ``source`` is a path or a file object open on JSONL (binary, such as
    ``sys.stdin.buffer``, or text); a file object is read, not closed. Blank lines are
    skipped. Every line must be a JSON object with ``id`` (string or integer) and ``text``
    (string); ``lang`` and ``date`` are optional strings. Strings must be encodable as UTF-8
    (no lone surrogate such as ``"\\ud800"``).

    Raises:
        InputError: naming the file, the line number and the field at fault (and the byte
            offset of bytes that are not UTF-8).

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
    for _, obj in _numbered_objects(source):
        yield obj


def _numbered_objects(source: JsonlSource) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, obj)`` for every checked line; ``where`` is ``"FILE: line N"``."""
    if not isinstance(source, (str, os.PathLike)):  # a file object
        name = getattr(source, "name", None)
        yield from _objects_of(source, name if isinstance(name, str) else "<stream>")
        return
    p = Path(source)
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, not a JSONL file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: {exc.strerror or exc}") from None
    with fh:
        if p.is_dir():  # opening a directory succeeds on some systems
            raise InputError(f"{p}: is a directory, not a JSONL file")
        yield from _objects_of(fh, str(p))


def _objects_of(fh: Any, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    offset = 0  # byte offset of the line in the file, for undecodable bytes
    lineno = 0
    lines = iter(fh)
    while True:
        try:
            raw = next(lines, None)
        except OSError as exc:
            raise InputError(f"{name}: line {lineno + 1}: {exc.strerror or exc}") from None
        if raw is None:
            return
        lineno += 1
        where = f"{name}: line {lineno}"
        if isinstance(raw, str):
            line = raw
        else:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{where}: not UTF-8 (byte 0x{raw[exc.start]:02x} at byte offset "
                    f"{offset + exc.start})"
                ) from None
            offset += len(raw)
        if lineno == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{where}: not JSON (nested too deeply)") from None
        except ValueError as exc:  # an integer of more than 4300 digits
            raise InputError(f"{where}: not JSON ({exc})") from None
        check_record(obj, where)
        yield where, obj


def iter_records(records: Iterable[Mapping[str, Any]] | JsonlSource) -> Iterator[Record]:
    """Checked records from an iterable of mappings or JSONL; ids must be unique.

    ``records`` is an iterable of mappings, what :func:`read_jsonl` reads (a path or a
    file object), or a pandas DataFrame or pyarrow Table with columns ``id``, ``text``,
    ``lang``? and ``date``? (:func:`~.tables.records_of`). Errors name ``record K``
    (0-based) for mappings, ``row K`` for tables, ``FILE: line N`` for JSONL.

    Raises:
        InputError: a record is malformed or repeats an id.

    Example:
        >>> [r.id for r in iter_records([{"id": "a", "text": "x"}, {"id": 2, "text": "y"}])]
        ['a', 2]
        >>> list(iter_records([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]))
        Traceback (most recent call last):
        ...
        newsalign.errors.InputError: record 1: field 'id' repeats an earlier id 'a'
    """
    source: Iterable[tuple[str, Any]]
    if isinstance(records, (str, os.PathLike, io.IOBase)):
        source = _numbered_objects(records)
    elif is_table(records):  # a pandas DataFrame or a pyarrow Table: its rows
        source = ((f"row {k}", obj) for k, obj in enumerate(records_of(records)))
    else:
        source = ((f"record {k}", obj) for k, obj in enumerate(records))
    seen: set[RecordId] = set()
    for where, obj in source:
        rec = check_record(obj, where)
        if rec.id in seen:
            raise InputError(f"{where}: field 'id' repeats an earlier id {rec.id!r}")
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
