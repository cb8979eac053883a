"""Tables in and out: JSONL, CSV and Parquet files, pandas DataFrames and Arrow tables.

A table's rows are records once four of its columns are named (:class:`Columns`: the id,
the text, and optionally the language and the date); every other column is carried
through: :func:`write_table` writes the input's columns, in their order and with their
rows in input order, then the decision's (:data:`DECISION_COLUMNS`). JSONL and CSV need
only the standard library; Parquet and Arrow need pyarrow (``newsalign[parquet]``), pandas
needs pandas.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .extras import dask_dataframe_module, pyarrow_module, pyarrow_parquet
from .results import DECISION_COLUMNS, DedupResult, decision_cells, decision_table

__all__ = [
    "DECISION_COLUMNS",
    "FORMATS",
    "Columns",
    "Table",
    "format_of",
    "is_table",
    "read_frame",
    "read_records",
    "read_table",
    "records_of",
    "with_decisions",
    "write_table",
]

#: The file formats, by name.
FORMATS = ("jsonl", "csv", "parquet")
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
               ".parquet": "parquet", ".pq": "parquet"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns of a table hold the fields of a record.

    Example:
        >>> Columns(id="url", text="body").id
        'url'
    """

    id: str = "id"
    text: str = "text"
    lang: str = "lang"
    date: str = "date"


@dataclass(frozen=True, slots=True)
class Table:
    """Rows read from a file: every column by name, in file order, and the rows."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    arrow: Any = None  # the pyarrow.Table a Parquet file was read as


def format_of(path: str | os.PathLike[str], given: str | None = None) -> str:
    """The format of a file: ``given``, else by its extension (``"jsonl"`` for ``-`` and any
    extension not of CSV or Parquet).

    Example:
        >>> format_of("day1.parquet"), format_of("-"), format_of("x.txt", "csv")
        ('parquet', 'jsonl', 'csv')
    """
    if given is not None:
        if given not in FORMATS:
            raise InputError(f"format must be one of {', '.join(FORMATS)}, got {given!r}")
        return given
    if str(path) == "-":
        return "jsonl"
    # any other name is JSONL, as it was before other formats were read
    return _EXTENSIONS.get(Path(path).suffix.lower(), "jsonl")


def read_table(path: str | os.PathLike[str], fmt: str) -> Table:
    """The rows of a CSV or Parquet file (every column kept; CSV cells are strings).

    Raises:
        InputError: the file cannot be read.
        MissingDependencyError: Parquet without pyarrow.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file" if not p.exists() else f"{p}: not a file")
    if fmt == "csv":
        try:
            with p.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                rows = list(reader)
                columns = tuple(reader.fieldnames or ())
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"{p}: not a UTF-8 CSV file ({exc})") from None
        return Table(columns, rows)
    if fmt == "parquet":
        pq = pyarrow_parquet()
        try:
            table = pq.read_table(p)
        except Exception as exc:  # pyarrow raises its own ArrowInvalid, OSError...
            raise InputError(f"{p}: not a Parquet file ({exc})") from None
        return Table(tuple(table.column_names), table.to_pylist(), table)
    raise InputError(f"{p}: read_table reads csv or parquet, got {fmt!r}")


def read_frame(path: str | os.PathLike[str]) -> Any:
    """A Parquet file or folder as a ``dask.dataframe`` (its partitions read lazily, where
    they are computed).

    Raises:
        InputError: no such file or folder, or not Parquet.
        MissingDependencyError: dask or pyarrow is not installed.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    dd = dask_dataframe_module()
    pyarrow_module()
    try:
        return dd.read_parquet(str(p))
    except Exception as exc:  # dask and pyarrow raise their own errors
        raise InputError(f"{p}: not Parquet ({exc})") from None


def read_records(
    source: IO[bytes], path: str, fmt: str, cols: Columns, *, keep: bool = False
) -> tuple[Any, Table | None]:
    """What :func:`~.pipeline.dedup` reads from a file open on ``path`` (``-``: stdin):
    the file itself for JSONL with the default columns (checked line by line as it is
    read), else its records; and its :class:`Table` when it was read as one (CSV, Parquet,
    JSONL with other columns or ``keep``).

    Raises:
        InputError: the file cannot be read as ``fmt``.
        MissingDependencyError: Parquet without pyarrow.
    """
    if fmt == "jsonl" and cols == Columns() and not keep:
        return source, None
    table = read_table(path, fmt) if fmt != "jsonl" else _jsonl_table(source, path)
    return records_of(table, cols, where=path), table


def _jsonl_table(source: IO[bytes], path: str) -> Table:
    """JSONL rows with every key kept (columns in order of first appearance)."""
    name = "<stdin>" if path == "-" else path
    rows: list[dict[str, Any]] = []
    columns: dict[str, None] = {}
    for lineno, raw in enumerate(source, 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"{name}: line {lineno}: not UTF-8 JSON ({exc})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{name}: line {lineno}: a record must be a JSON object")
        columns.update(dict.fromkeys(obj))
        rows.append(obj)
    return Table(tuple(columns), rows)


def is_table(data: Any) -> bool:
    """Whether ``data`` is a pandas DataFrame or a pyarrow Table (by their methods)."""
    return (hasattr(data, "to_pylist") and hasattr(data, "column_names")) or (
        hasattr(data, "to_dict") and hasattr(data, "columns") and hasattr(data, "iloc")
    )


def _rows_of(data: Any) -> list[dict[str, Any]]:
    if hasattr(data, "to_pylist"):
        rows: list[dict[str, Any]] = data.to_pylist()
        return rows
    return [dict(r) for r in data.to_dict("records")]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def records_of(
    data: Any, cols: Columns = Columns(), *, where: str = "table"
) -> Iterator[dict[str, Any]]:
    """The records ``{"id", "text", "lang"?, "date"?}`` of a DataFrame, Arrow table or
    :class:`Table`, in row order (a missing value in ``lang`` or ``date`` reads as none).

    Raises:
        InputError: the id or text column is missing.

    Example:
        >>> t = Table(("url", "body"), [{"url": "u1", "body": "Troops moved."}])
        >>> list(records_of(t, Columns(id="url", text="body")))
        [{'id': 'u1', 'text': 'Troops moved.', 'lang': None, 'date': None}]
    """
    if isinstance(data, Table):
        columns, rows = data.columns, data.rows
    else:
        columns = tuple(str(c) for c in (data.column_names if hasattr(data, "column_names")
                                         else data.columns))  # fmt: skip
        rows = _rows_of(data)
    for name, col in (("id", cols.id), ("text", cols.text)):
        if col not in columns:
            raise InputError(
                f"{where}: no column {col!r} for the record {name} (columns: {', '.join(columns)})"
            )
    for row in rows:
        out: dict[str, Any] = {"id": row[cols.id], "text": row[cols.text]}
        for name, col in (("lang", cols.lang), ("date", cols.date)):
            value = row.get(col)
            out[name] = None if _missing(value) else value
        if _missing(out["text"]):
            out["text"] = ""
        yield out


def write_table(
    result: DedupResult, fmt: str, out: str | os.PathLike[str] | IO[str], source: Table | None
) -> None:
    """Write the decisions: JSONL lines; or CSV / Parquet rows of the input's columns (when
    ``source`` is given, rows in input order) followed by :data:`DECISION_COLUMNS`.

    Raises:
        InputError: an input column has the name of a decision column, or Parquet to a
            stream.
        MissingDependencyError: Parquet without pyarrow.
    """
    if fmt == "jsonl":
        text = result.to_jsonl()
        if isinstance(out, (str, os.PathLike)):
            Path(out).write_text(text, encoding="utf-8")
        else:
            out.write(text)
        return
    cells = decision_cells(result)
    columns: tuple[str, ...] = ("id",) if source is None else source.columns
    _refuse_clash(columns)
    if fmt == "csv":
        rows: Sequence[Mapping[str, Any]] = (
            source.rows if source is not None else [{"id": d.id} for d in result.decisions]
        )
        fh = open(out, "w", encoding="utf-8", newline="") if isinstance(  # noqa: SIM115
            out, (str, os.PathLike)) else out  # fmt: skip
        try:
            writer = csv.writer(fh)
            writer.writerow([*columns, *DECISION_COLUMNS])
            for k, row in enumerate(rows):
                writer.writerow([*(row.get(c) for c in columns),
                                 *(cells[c][k] for c in DECISION_COLUMNS)])  # fmt: skip
        finally:
            if fh is not out:
                fh.close()
        return
    if fmt == "parquet":
        pa = pyarrow_module()
        if not isinstance(out, (str, os.PathLike)):
            raise InputError("Parquet is written to a file, not a stream (give -o FILE.parquet)")
        table = decision_table(result)
        if source is not None:
            base = source.arrow if source.arrow is not None else pa.Table.from_pylist(source.rows)
            table = with_decisions(base, table)
        pyarrow_parquet().write_table(table, out)
        return
    raise InputError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")


def with_decisions(base: Any, decisions: Any) -> Any:
    """The Arrow table ``base`` with the :data:`DECISION_COLUMNS` of ``decisions`` (a
    :func:`~.results.decision_table` of its rows) after its own columns.

    Raises:
        InputError: ``base`` has a column of a decision's name.
    """
    _refuse_clash(base.column_names)
    for name in DECISION_COLUMNS:
        base = base.append_column(name, decisions.column(name))
    return base


def _refuse_clash(columns: Sequence[str]) -> None:
    clash = [c for c in DECISION_COLUMNS if c in columns]
    if clash:
        raise InputError(f"the input has columns the decisions add: {', '.join(clash)}")
