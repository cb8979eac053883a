"""The ``newsalign`` command: a thin adapter over the public API.

Every command reads its inputs, calls the library and prints. Library errors and bad input
become one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TextIO

import newsalign as na
from newsalign import evaluation
from newsalign.deduplication import DedupIndex, DedupParams, dedup, dedup_dask, tables
from newsalign.diffing import format_alignment
from newsalign.validate import check_unit

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        # "newsalign: error: ..." for every command, as docs/cli.md documents it
        hint = f"see {self.prog} --help"
        self.exit(EXIT_USAGE, f"newsalign: error: {message} ({hint})\n")


@contextlib.contextmanager
def open_input(path: str, *, role: str = "input") -> Iterator[BinaryIO]:
    """Open a file (``-`` is stdin) for reading bytes, or raise :class:`newsalign.InputError`.

    The error names the file: missing, a directory, permission denied, stdin closed. A file
    is closed on leaving the block; stdin is left open.
    """
    if path == "-":
        if sys.stdin is None:
            raise na.InputError(f"{role} -: standard input is closed")
        yield sys.stdin.buffer
        return
    if os.path.isdir(path):
        raise na.InputError(f"{role} {path}: is a directory, not a file")
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with block below
    except FileNotFoundError:
        raise na.InputError(f"{role} {path}: no such file") from None
    except IsADirectoryError:
        raise na.InputError(f"{role} {path}: is a directory, not a file") from None
    except PermissionError:
        raise na.InputError(f"{role} {path}: permission denied") from None
    except OSError as exc:
        raise na.InputError(f"{role} {path}: {exc.strerror or exc}") from None
    with fh:
        yield fh


def read_input(path: str, *, role: str = "input") -> str:
    """Read a UTF-8 text file (``-`` is stdin) or raise :class:`newsalign.InputError`.

    The error names the file and, for undecodable bytes, the byte offset.
    """
    name = "<stdin>" if path == "-" else path
    with open_input(path, role=role) as fh:
        try:
            data = fh.read()
        except OSError as exc:
            raise na.InputError(f"{role} {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise na.InputError(
            f"{role} {name}: not UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise na.InputError(f"{role} {name}: empty input (no text to align)")
    return text


def check_output_name(path: str, *, role: str = "output") -> None:
    """Refuse an empty output file name (``-o ''``), which no file and no stream has."""
    if not path:
        raise na.InputError(f"{role}: the file name is empty (use '-' for stdout)")


def write_output(path: str, text: str, *, role: str = "output") -> None:
    """Write ``text`` to ``path`` whole or not at all, or raise :class:`newsalign.InputError`.

    A regular file is written to a temporary file beside it and renamed into place, so a
    full disk or an interrupted run never leaves a partial file that looks complete.
    Devices and pipes (``/dev/stdout``, a FIFO) are written directly.
    """
    check_output_name(path, role=role)
    try:
        if os.path.exists(path) and not os.path.isfile(path):
            if os.path.isdir(path):
                raise na.InputError(f"{role} {path}: is a directory")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            return
        folder = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".newsalign-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise na.InputError(f"{role} {path}: {exc.strerror or exc}") from None


def _load_document(path: str, *, presegmented: bool, role: str) -> na.Document:
    text = read_input(path, role=role)
    name = "<stdin>" if path == "-" else path
    if presegmented:
        return na.Document.from_lines(text, name=name)
    return na.Document.from_text(text, name=name)


# -- align ------------------------------------------------------------------------------
def _cmd_align(args: argparse.Namespace, out: TextIO) -> int:
    if args.left == "-" and args.right == "-":
        raise na.InputError("only one of LEFT and RIGHT can be '-' (stdin)")
    left = _load_document(args.left, presegmented=args.presegmented, role="LEFT")
    right = _load_document(args.right, presegmented=args.presegmented, role="RIGHT")
    if args.scores and args.format != "beads":
        raise na.ConfigError(f"--scores goes with --format beads, not --format {args.format}")
    al = na.align(left, right, encoder=args.encoder, mode=args.mode, threshold=args.threshold)
    if args.format == "json":
        json.dump(al.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "beads":
        out.write(al.to_beads(scores=args.scores))
    elif args.format == "tsv":
        out.write(evaluation.format_tsv(al))
    else:
        out.write(format_alignment(al, width=_width(out)))
    return EXIT_OK


def _width(out: TextIO) -> int:
    if out.isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100


# -- dedup ------------------------------------------------------------------------------
def _cmd_dedup(args: argparse.Namespace, out: TextIO) -> int:
    if args.threshold is not None:
        raise na.ConfigError(
            "dedup has no --threshold (an alignment score for align and diff); "
            "the aligned share of a near duplicate is --share"
        )
    params = DedupParams(semantic=not args.near_only)
    if args.share is not None:
        params = replace(params, threshold=check_unit("--share", args.share))
    if args.index is not None and args.scheduler is not None:
        raise na.ConfigError("--index runs in process: give --index or --scheduler, not both")
    progress = bool(args.progress or sys.stderr.isatty())
    check_output_name(args.output, role="-o")  # refused before the work, not after it
    folder_in = args.format is None and args.input != "-" and Path(args.input).is_dir()
    fmt_in = "parquet" if folder_in else tables.format_of(args.input, args.format)
    cols = tables.Columns(args.id_col, args.text_col, args.lang_col, args.date_col)
    to_dir = args.output.endswith(("/", os.sep)) or Path(args.output).is_dir()  # partitions
    if to_dir and (args.scheduler is None or args.output_format not in (None, "parquet")):
        raise na.InputError(f"-o {args.output}: Parquet partitions are written by a Dask run "
                            "(--scheduler ADDR), or give -o FILE.parquet")  # fmt: skip
    fmt_out = (args.output_format or "jsonl" if args.output == "-" or to_dir
               else tables.format_of(args.output, args.output_format))  # fmt: skip
    # Parquet in, partitions out: a dask.dataframe, its partitions read on the workers
    frame: Any = tables.read_frame(args.input) if to_dir and fmt_in == "parquet" else None
    if fmt_out == "parquet" and args.output == "-":
        raise na.InputError("-o: Parquet is written to a file, not stdout (give -o FILE.parquet)")
    with open_input(args.input) if frame is None else contextlib.nullcontext() as source:
        keep = fmt_out != "jsonl" and not to_dir  # the input's rows and columns go to OUT
        records, table = (frame, None) if source is None else tables.read_records(
            source, args.input, fmt_in, cols, keep=keep)  # fmt: skip
        if args.index is not None:
            fresh = not DedupIndex.exists(args.index)
            given = fresh or args.near_only or args.share is not None
            with DedupIndex.open(
                args.index, params=params if given else None, encoder=args.encoder
            ) as idx:
                result = idx.add(records, progress=progress)
        elif args.scheduler is not None:
            result = dedup_dask(
                records, scheduler=args.scheduler, encoder=args.encoder, params=params,
                progress=progress, output=args.output if to_dir else None, columns=cols,
            )  # fmt: skip
        else:
            result = dedup(records, encoder=args.encoder, params=params, progress=progress)
    if not result.decisions:
        name = "<stdin>" if args.input == "-" else args.input
        raise na.InputError(f"input {name}: empty input (no records)")
    if fmt_out == "jsonl" and args.output != "-" and not to_dir:  # whole or not at all
        write_output(args.output, result.to_jsonl(), role="-o")
    elif not to_dir:  # partitions were written by dedup_dask
        tables.write_table(result, fmt_out, out if args.output == "-" else args.output, table)
    return EXIT_OK


def _cmd_index(args: argparse.Namespace, out: TextIO) -> int:
    if not DedupIndex.exists(args.path):
        raise na.InputError(f"index {args.path}: no dedup index there")
    with DedupIndex.open(args.path) as idx:
        info = idx.info()
    lines = [f"{k}: {v}" for k, v in info.items()]
    out.write(json.dumps(info) + "\n" if args.format == "json" else "\n".join(lines) + "\n")
    return EXIT_OK


# -- names ------------------------------------------------------------------------------
def _cmd_names(args: argparse.Namespace, out: TextIO) -> int:
    docs = [
        _load_document(path, presegmented=args.presegmented, role="FILE") for path in args.files
    ]
    people = na.cluster_people(docs)
    if args.format == "json":
        json.dump([_person_dict(p) for p in people], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(na.format_people(people) if people else "no people found\n")
    return EXIT_OK


def _person_dict(person: na.Person) -> dict[str, object]:
    return {
        "canonical": person.canonical,
        "key": person.key,
        "spellings": list(person.spellings),
        "mentions": [
            {
                "document": m.document,
                "sentence": m.sentence,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for m in person.mentions
        ],
    }


# -- diff -------------------------------------------------------------------------------
def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    paths: list[str] = args.files
    if len(paths) < 2:
        raise na.InputError(f"diff needs at least two files, got {len(paths)}")
    if paths.count("-") > 1:
        raise na.InputError("only one input can be '-' (stdin)")
    if args.output is not None:
        check_output_name(args.output, role="-o")  # refused before the work, not after it
    docs = [
        _load_document(path, presegmented=args.presegmented, role=f"input {k + 1}")
        for k, path in enumerate(paths)
    ]
    result: na.Diff | na.MultiAlignment
    if len(docs) == 2:
        result = na.diff(docs[0], docs[1], encoder=args.encoder, mode=args.mode,
                         threshold=args.threshold)  # fmt: skip
    else:
        result = na.align_many(docs, encoder=args.encoder, mode=args.mode,
                               threshold=args.threshold)  # fmt: skip
    # colour only on a terminal, and never where NO_COLOR is set (no-color.org)
    color = args.output is None and out.isatty() and not os.environ.get("NO_COLOR")
    if args.format == "text":
        width = _width(out) if args.output is None else 100
        text = na.render_text(result, color=color, width=width)
    else:
        text = na.render(result, args.format)
    if args.output is not None:
        write_output(args.output, text, role="-o")
    else:
        out.write(text)
    return EXIT_OK


# -- score ------------------------------------------------------------------------------
def _dir_files(path: str, role: str) -> dict[str, str]:
    if not os.path.isdir(path):
        raise na.InputError(f"{role} {path}: no such folder")
    by_stem: dict[str, str] = {}
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if not os.path.isfile(full) or name.startswith("."):
            continue
        stem = name.rsplit(".", 1)[0]
        if stem in by_stem:
            raise na.InputError(f"{role} {path}: {by_stem[stem]} and {full} share the name {stem}")
        by_stem[stem] = full
    if not by_stem:
        raise na.InputError(f"{role} {path}: no files in it")
    return by_stem


def _score_pairs(args: argparse.Namespace) -> list[tuple[str, str]]:
    if args.gold_dir or args.pred_dir:
        if args.gold or args.pred or not (args.gold_dir and args.pred_dir):
            raise na.InputError("give GOLD PRED, or --gold-dir and --pred-dir (not both)")
        gold = _dir_files(args.gold_dir, "--gold-dir")
        pred = _dir_files(args.pred_dir, "--pred-dir")
        missing = sorted(set(gold) - set(pred))
        if missing:
            raise na.InputError(
                f"--pred-dir {args.pred_dir}: no prediction named {missing[0]} "
                f"(for gold {gold[missing[0]]})"
            )
        return [(gold[k], pred[k]) for k in sorted(gold)]
    if not (args.gold and args.pred):
        raise na.InputError("score needs GOLD and PRED files, or --gold-dir and --pred-dir")
    return [(args.gold, args.pred)]


def _cmd_score(args: argparse.Namespace, out: TextIO) -> int:
    metrics = [m.strip() for m in args.metric.split(",") if m.strip()]
    docs = []
    files = []
    for gold_path, pred_path in _score_pairs(args):
        gold = evaluation.read_alignment(gold_path, role="GOLD")
        pred = evaluation.read_alignment(pred_path, role="PRED")
        docs.append((pred.beads, gold.beads, gold.partial))
        files.append({"gold": gold_path, "pred": pred_path})
    result = evaluation.score_documents(docs, metrics)
    if args.format == "json":
        payload = {"documents": files, **{m: r.as_dict() for m, r in result.items()}}
        json.dump(payload, out, indent=2)
        out.write("\n")
        return EXIT_OK
    out.write(f"{len(docs)} document{'s' if len(docs) != 1 else ''}, micro-averaged\n")
    out.write(f"{'metric':<8} {'precision':>9} {'recall':>7} {'F1':>7}\n")
    for m, r in result.items():
        out.write(f"{m:<8} {r.precision:>9.3f} {r.recall:>7.3f} {r.f1:>7.3f}\n")
    return EXIT_OK


# -- bench ------------------------------------------------------------------------------
def _cmd_bench(args: argparse.Namespace, out: TextIO) -> int:
    names = [d.strip() for d in args.datasets.split(",") if d.strip()] if args.datasets else None
    result = evaluation.run_bench(args.data, datasets=names, encoder=args.encoder, mode=args.mode)
    out.write(evaluation.format_bench(result))
    if args.output is not None:
        write_output(args.output, json.dumps(result, indent=2) + "\n", role="-o")
    return EXIT_OK


# -- the parser -------------------------------------------------------------------------
def _thread_count(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--threads must be a whole number >= 1, got {raw!r}")
    return value


def _add_threads_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--threads",
        type=_thread_count,
        default=None,
        metavar="N",
        help="BLAS threads of the use-m3 encoder (default 1, or $NEWSALIGN_THREADS; "
        "more helps only on idle cores)",
    )


def _add_alignment_options(p: argparse.ArgumentParser) -> None:
    """The options every command that aligns documents takes."""
    p.add_argument(
        "--encoder",
        default=None,
        help="sentence encoder: use-m3 (default), tfidf, or st:<sentence-transformers model>",
    )
    _add_threads_option(p)
    p.add_argument(
        "--mode",
        choices=na.MODES,
        default="rewrite",
        help="rewrite (any order, default) or translation (exploits order)",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="lowest search score of a 1-1 link, in [0, 1] (link scores are calibrated apart)",
    )
    p.add_argument(
        "--presegmented",
        action="store_true",
        help="inputs hold one sentence per line (blank lines ignored); keep that segmentation",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsalign`` command (used by the docs tests too)."""
    parser = _Parser(
        prog="newsalign",
        description="Align the versions of a news story, sentence by sentence.",
    )
    parser.add_argument("--version", action="version", version=f"newsalign {na.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser(
        "align",
        help="align the sentences of two versions",
        description="Align the sentences of two versions of a story (files or '-' for stdin).",
    )
    p.add_argument("left", metavar="LEFT", help="first version (UTF-8 text file, or '-')")
    p.add_argument("right", metavar="RIGHT", help="second version (UTF-8 text file, or '-')")
    p.add_argument(
        "--format",
        choices=("text", "json", "beads", "tsv"),
        default="text",
        help="output format: text, json, beads (Vecalign/Bertalign bead lines) or tsv",
    )
    p.add_argument(
        "--scores", action="store_true", help="with --format beads: a third field, the score"
    )
    _add_alignment_options(p)
    p.set_defaults(func=_cmd_align)

    p = sub.add_parser(
        "score",
        help="score a predicted alignment against a gold one (strict, lax, pairs)",
        description=(
            "Score PRED against GOLD: bead files ([0, 1]:[0] a line), newsalign JSON or the "
            "seeds gold JSON. With --gold-dir and --pred-dir, files are matched by name "
            "(extension ignored) and the counts micro-averaged."
        ),
    )
    p.add_argument("gold", metavar="GOLD", nargs="?", help="gold alignment file")
    p.add_argument("pred", metavar="PRED", nargs="?", help="predicted alignment file")
    p.add_argument("--gold-dir", metavar="DIR", help="folder of gold files")
    p.add_argument("--pred-dir", metavar="DIR", help="folder of predictions, named as the gold")
    p.add_argument(
        "--metric",
        default="strict,lax,pairs",
        help="comma-separated: strict, lax, pairs (default: all three)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(func=_cmd_score)

    p = sub.add_parser(
        "bench",
        help="run the built-in quality benchmark on a data folder",
        description=(
            "Align every LEFT/RIGHT pair of a data folder (NAME.de, NAME.fr, gold NAME.defr; "
            "or NAME.left, NAME.right, NAME.gold) and score it against its gold."
        ),
    )
    p.add_argument(
        "--data", required=True, metavar="DIR", help="a data folder, or a folder of them"
    )
    p.add_argument("--datasets", metavar="A,B", help="comma-separated subfolders of DIR to run")
    p.add_argument("-o", "--output", metavar="FILE", help="write the results as JSON to FILE")
    p.add_argument("--encoder", default=None, help="sentence encoder (default use-m3)")
    _add_threads_option(p)
    p.add_argument(
        "--mode",
        choices=na.MODES,
        default="translation",
        help="alignment mode (default translation: these are ordered translations)",
    )
    p.set_defaults(func=_cmd_bench)

    p = sub.add_parser(
        "names",
        help="list the people named across files, with their spellings",
        description="List the people named across one or more versions, with every spelling.",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="UTF-8 text files ('-' for stdin)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--presegmented", action="store_true", help="inputs hold one sentence per line")
    p.set_defaults(func=_cmd_names)

    p = sub.add_parser(
        "diff",
        help="diff versions sentence by sentence and fact by fact",
        description=(
            "Diff two versions of a story (sentences and facts: numbers, dates, names, "
            "organisations, quotations); with three or more, group their sentences into "
            "clusters and show which versions carry each."
        ),
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="two or more versions (UTF-8 text, or '-')"
    )
    p.add_argument(
        "--format", choices=("text", "json", "html"), default="text", help="output format"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    _add_alignment_options(p)
    p.set_defaults(func=_cmd_diff)

    p = sub.add_parser(
        "dedup",
        help="find exact copies, near copies, translations and same-story articles",
        description=(
            "Read records {id, text, lang?, date?} (JSONL, CSV or Parquet) and write one "
            "decision per record {id, cluster, relation, representative, evidence}."
        ),
    )
    p.add_argument("input", metavar="IN.jsonl|csv|parquet", help="input records")
    options: list[tuple[str, dict[str, Any]]] = [
        ("--output", {"default": "-", "metavar": "OUT", "help": "output file ('-': stdout; DIR/: "
                      "Parquet partitions, with --scheduler)"}),
        ("--index", {"metavar": "PATH", "help": "an index folder: decide against it, add"}),
        ("--format", {"choices": tables.FORMATS, "help": "format of IN (by extension)"}),
        ("--output-format", {"choices": tables.FORMATS, "help": "format of OUT (by extension)"}),
        *((f"--{f}-col", {"default": f, "metavar": "NAME", "help": f"column of the {f}"})
          for f in ("id", "text", "lang", "date")),
        ("--share", {"type": float, "help": "aligned share of a near duplicate (default 0.8)"}),
        ("--threshold", {"type": float, "help": argparse.SUPPRESS}),
        ("--scheduler", {"metavar": "ADDR", "help": "an existing Dask cluster, tcp://HOST:8786"}),
        ("--encoder", {"help": "encoder for translations and same story (use-m3)"}),
        ("--near-only", {"action": "store_true", "help": "exact and near copies only"}),
        ("--progress", {"action": "store_true", "help": "progress bars even when not a tty"}),
    ]  # fmt: skip
    for flag, kwargs in options:
        p.add_argument(*(["-o"] if flag == "--output" else []), flag, **kwargs)
    _add_threads_option(p)
    p.set_defaults(func=_cmd_dedup)

    p = sub.add_parser(
        "index",
        help="look into a dedup index",
        description="Look into a dedup index folder (made by dedup --index).",
    )
    isub = p.add_subparsers(dest="index_command", metavar="ACTION", parser_class=_Parser)
    isub.required = True
    q = isub.add_parser(
        "info", help="print the counts of an index", description="Print the counts of an index."
    )
    q.add_argument("path", metavar="PATH", help="the index folder")
    q.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    q.set_defaults(func=_cmd_index)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if sys.stdout is None:  # started with stdout closed (">&-")
        if sys.stderr is not None:
            print("newsalign: error: standard output is closed", file=sys.stderr)
        return EXIT_USAGE
    threads = getattr(args, "threads", None)
    if threads is not None:
        # read when the encoder is first created, which is after this
        os.environ[na.embed.THREADS_ENV] = str(threads)
    try:
        status = int(args.func(args, sys.stdout))
        sys.stdout.flush()  # a full disk shows here, not at interpreter exit
        return status
    except na.NewsalignError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"newsalign: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsalign: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``); stay quiet like other Unix tools.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # stdout on a full disk, a file the library could not read...
        where = exc.filename if exc.filename is not None else "standard output"
        if exc.filename is None:
            _silence_stdout()
        print(f"newsalign: error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
