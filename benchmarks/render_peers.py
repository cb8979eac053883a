"""The peers-at-equal-encoder and encoder-threads sections of ``docs/benchmarks.md``.

Read from ``results/peers.json`` (``python -m benchmarks.peers``) and ``results/threads.json``
(``python -m benchmarks.threads``); ``benchmarks.render`` calls :func:`section`.
"""

from __future__ import annotations

from typing import Any

from .env import env_line, markdown_table

#: The bars of the translation-mode issue (default encoder, 2 cores).
BARS = {"strict": 0.93, "lax": 0.985, "time_ratio": 0.5}


def _f(x: Any, nd: int = 3) -> str:
    return "–" if x is None else f"{x:.{nd}f}"


def _ok(flag: bool) -> str:
    return "**met**" if flag else "**not met**"


def section(peers: dict[str, Any] | None, threads: dict[str, Any] | None) -> list[str]:
    lines: list[str] = []
    if peers:
        sy = peers["systems"]
        na_row, bert = sy["newsalign"], sy.get("Bertalign")
        lines += [
            "## Against the peers at equal encoder (Text+Berg de-fr)",
            "",
            f"Run: {env_line(peers['env'])}. `python -m benchmarks.peers` runs Bertalign's and "
            "Vecalign's published code, imported in place from checkouts given on the command "
            f"line, with newsalign's encoder ({peers['encoder']}, {peers['threads']} BLAS "
            "thread) in place of LaBSE / LASER, which cannot be loaded offline. All systems run "
            f"in one process with the model loaded once, {peers['rounds']} rounds, the order "
            "rotating; times are end to end over test0..6 (segment + embed + align), median "
            "of the rounds; `texts encoded` counts what each system asked the encoder for. "
            "Settings: " + "; ".join(f"{k}: {v}" for k, v in peers["settings"].items()) + ".",
            "",
        ]
        rows = []
        for name, r in sy.items():
            t, d = r["test"], r["dev"]
            ratio = r["median_s"] / na_row["median_s"]
            rows.append((name, _f(t["strict"]["precision"]), _f(t["strict"]["recall"]),
                         _f(t["strict"]["f1"]), _f(t["lax"]["f1"]), _f(d["strict"]["f1"]),
                         _f(d["lax"]["f1"]), f"{r['median_s']:.1f}",
                         " / ".join(f"{x:.1f}" for x in r["seconds"]),
                         f"{r['texts_encoded']:,}", f"{ratio:.2f}x"))  # fmt: skip
        lines += markdown_table(
            ("system", "test strict P", "strict R", "strict F1", "lax F1", "dev strict F1",
             "dev lax F1", "median s", "rounds s", "texts encoded", "time / newsalign's"),
            rows,
        )  # fmt: skip
        bars = [
            ("strict F1 on test", f">= {BARS['strict']}", _f(na_row["test"]["strict"]["f1"]),
             _ok(na_row["test"]["strict"]["f1"] >= BARS["strict"])),
            ("lax F1 on test", f">= {BARS['lax']}", _f(na_row["test"]["lax"]["f1"]),
             _ok(na_row["test"]["lax"]["f1"] >= BARS["lax"])),
        ]  # fmt: skip
        if bert:
            ratio = na_row["median_s"] / bert["median_s"]
            bars += [
                ("strict F1 on test, at least Bertalign's in the same run",
                 f">= {_f(bert['test']['strict']['f1'])}", _f(na_row["test"]["strict"]["f1"]),
                 _ok(na_row["test"]["strict"]["f1"] >= bert["test"]["strict"]["f1"])),
                ("end-to-end time on test, newsalign / Bertalign", f"<= {BARS['time_ratio']}",
                 f"{ratio:.2f}", _ok(ratio <= BARS["time_ratio"])),
            ]  # fmt: skip
        lines += ["Bars of the translation mode (newsalign row):", ""]
        lines += markdown_table(("bar", "target", "measured", "verdict"), bars)
    if threads:
        s = threads["seconds"]
        lines += [
            "## Encoder threads",
            "",
            f"Run: {env_line(threads['env'])}. `python -m benchmarks.threads` encodes "
            f"{threads['sentences']:,} sentences (Text+Berg test, German side) with USE-m3 on "
            f"1 and 2 BLAS threads, alternating, median of {threads['repeats']}: as the machine "
            f"was (load average {threads['load_average_before']} before the run: other work "
            f"shares these cores), then with {threads['busy_processes']} busy processes added. "
            "The default is 1 thread (`UseM3Encoder(threads=...)`, `$NEWSALIGN_THREADS`, "
            "`--threads`).",
            "",
        ]
        rows = [
            (cond, f"{s[key]['1']:.2f}", f"{s[key]['2']:.2f}", f"{s[key]['1'] / s[key]['2']:.2f}")
            for cond, key in (("as the machine was", "as_is"), ("busy processes added", "under_load"))
        ]  # fmt: skip
        lines += markdown_table(("condition", "1 thread, s", "2 threads, s", "speed-up of 2"), rows)
    return lines
