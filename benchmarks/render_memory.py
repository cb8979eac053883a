"""The memory section of ``docs/benchmarks.md`` and its plot, ``docs/memory.png``.

Read from ``benchmarks/results/memory.json`` (``benchmarks.memory``) and
``benchmarks/results/tiny_dedup.json`` (``benchmarks.tiny_dedup``); called by
``benchmarks.render``. The plot is drawn with matplotlib when it is installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .env import ROOT, env_line, markdown_table

PLOT = ROOT / "docs" / "memory.png"
KINDS = ("rewrite", "translation", "diff")
ENCODERS = ("use-m3", "tfidf")
BAR_2MB_GIB = 1.5
BAR_10MB_GIB = 4.0
BAR_10MB_S = 600.0


def _encoders(points: list[dict[str, Any]]) -> list[str]:
    seen = {str(p["encoder"]) for p in points}
    return [e for e in ENCODERS if e in seen] + sorted(seen - set(ENCODERS))


def plot(mem: dict[str, Any], path: Path = PLOT) -> bool:
    """Peak RSS against MB a side, one line per kind and encoder; False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    points = mem["points"]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    styles = {"use-m3": "-", "tfidf": "--"}
    markers = {"rewrite": "o", "translation": "^", "diff": "x"}
    for encoder in _encoders(points):
        for kind in KINDS:
            got = sorted(
                (p for p in points
                 if p["kind"] == kind and p["encoder"] == encoder and p.get("rc") == 0),
                key=lambda p: float(p["size_mb"]),
            )  # fmt: skip
            if got:
                ax.plot([float(p["size_mb"]) for p in got],
                        [float(p["peak_rss_mib"]) / 1024 for p in got],
                        marker=markers[kind], linestyle=styles.get(encoder, ":"),
                        label=f"{kind}, {encoder}")  # fmt: skip
    ax.axhline(BAR_2MB_GIB, color="grey", linestyle=":", linewidth=1)
    ax.text(0.1, BAR_2MB_GIB, " 1.5 GiB bar (2 MB)", va="bottom", fontsize=7, color="grey")
    ax.set_xscale("log")
    ax.set_xlabel("MB of text a side")
    ax.set_ylabel("peak RSS (GiB)")
    m = mem["runs"][0]["env"]["machine"]
    ax.set_title(
        f"newsalign align / diff: peak memory ({m['nproc']} cores, {m['cpu']})\n"
        "refused and timed-out points not drawn",
        fontsize=9,
    )
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return True


def _cell(p: dict[str, Any] | None) -> str:
    if p is None:
        return "–"
    if p.get("timed_out"):
        return f"ran past {p['timed_out']:.0f} s"
    if p.get("rc") == 0:
        return f"{p['peak_rss_mib']:,} MiB, {p['seconds']:.0f} s"
    if p.get("error"):
        return f"refused in {p['seconds']:.0f} s at {p['peak_rss_mib']:,} MiB"
    return f"exit {p.get('rc')}"


def _bars(points: list[dict[str, Any]]) -> list[str]:
    two = [p for p in points if float(p["size_mb"]) == 2.0]
    ten = [p for p in points if float(p["size_mb"]) == 10.0]
    out = []
    if two:
        over = [p for p in two if p.get("rc") == 0 and p["peak_rss_mib"] > BAR_2MB_GIB * 1024]
        unfinished = [p for p in two if p.get("rc") != 0]
        top = max((p["peak_rss_mib"] for p in two if p.get("rc") == 0), default=0)
        ok = not over and not unfinished
        out.append(
            f"Bar, two 2 MB texts under {BAR_2MB_GIB} GiB: **{'met' if ok else 'not met'}** "
            f"(highest peak {top:,} MiB"
            + (f"; over: {', '.join(p['kind'] + ' ' + p['encoder'] for p in over)}" if over else "")
            + (
                f"; not finished: {', '.join(p['kind'] + ' ' + p['encoder'] for p in unfinished)}"
                if unfinished
                else ""
            )
            + ")."
        )
    if ten:
        ok = all(
            (p.get("rc") == 0 and p["peak_rss_mib"] <= BAR_10MB_GIB * 1024
             and p["seconds"] <= BAR_10MB_S)
            or (p.get("rc") == 2 and "max_sentences" in str(p.get("error", "")))
            for p in ten
        )  # fmt: skip
        out.append(
            f"Bar, two 10 MB texts under {BAR_10MB_GIB:.0f} GiB and {BAR_10MB_S / 60:.0f} "
            f"minutes or the documented limit's one-line error: **{'met' if ok else 'not met'}**."
        )
    return out


def _machine_lines(mem: dict[str, Any]) -> list[str]:
    """A line per run of ``benchmarks.memory`` that left points in the results."""
    runs = mem["runs"]
    out = []
    for k, run in enumerate(runs):
        mine = [p for p in mem["points"] if p.get("run") == k]
        if not mine:
            continue
        which = "Machine" if len(runs) == 1 else (
            "Machine" if k == 0 else "Measured again ("
            + ", ".join(f"{p['kind']} {p['encoder']} {p['size_mb']:g} MB" for p in mine)
            + ")"
        )  # fmt: skip
        out += [
            f"{which}: {env_line(run['env'])}; {run['timeout_s']:.0f} s limit a point.",
            "",
        ]
    return out


def section(mem: dict[str, Any] | None, tiny: dict[str, Any] | None) -> list[str]:
    """Markdown lines of the memory section (empty without results)."""
    out: list[str] = []
    if not mem:
        return out
    points = mem["points"]
    drew = plot(mem)
    out += [
        "## Memory against input size",
        "",
        "`python -m benchmarks.memory`: peak resident memory (`/usr/bin/time -v`) and wall "
        "time of one fresh `newsalign` CLI process per point, model loading and start-up "
        "included, on two texts of about the given size a side built (seeded) from ko_en "
        "lines: `rewrite` is English against English with one line in ten dropped, one in "
        "ten added and neighbours swapped; `translation` is the same English lines against "
        "their Korean translations (`--mode translation`); `diff` is the rewrite pair through "
        "`newsalign diff`. A point that runs past its time limit is stopped (with every "
        "process it started); its cell says after how long.",
        "",
        *_machine_lines(mem),
        "The machine is shared: the load average when each point started is in the JSON, "
        "and the seconds grow with it (the memory does not).",
        "",
    ]
    encoders = _encoders(points)
    sizes = sorted({float(p["size_mb"]) for p in points})
    rows = []
    for size in sizes:
        for encoder in encoders:
            got = {str(p["kind"]): p for p in points
                   if float(p["size_mb"]) == size and p["encoder"] == encoder}  # fmt: skip
            if got:
                rows.append((f"{size:g} MB", encoder, *(_cell(got.get(k)) for k in KINDS)))
    out += markdown_table(("input (a side)", "encoder", "align rewrite", "align translation",
                           "diff"), rows)  # fmt: skip
    errors = sorted({str(p["error"]) for p in points if p.get("error")})
    if errors:
        out += ["The refusals say, on one line, exit status 2:", ""]
        out += [f"    {e}" for e in errors] + [""]
    for line in _bars(points):
        out += [line, ""]
    if drew:
        out += ["![Peak memory against input size](memory.png)", ""]
    if tiny:
        out += [
            "Dedup of tiny records (`python -m benchmarks.tiny_dedup`: the full CLI path, "
            "default encoder, one-line records spliced from two random ko_en lines):",
            "",
        ]
        out += markdown_table(
            ("records", "seconds", "peak RSS", "rows out", "every record out once"),
            [(f"{p['records']:,}", f"{p['seconds']:.1f}", f"{p['peak_rss_mib']:,} MiB",
              f"{p['out_rows']:,}", "yes" if p["every_record_once"] else "**no**")
             for p in tiny["points"]],
        )  # fmt: skip
        big = [p for p in tiny["points"] if p["records"] >= 10_000]
        if big:
            ok = all(p.get("rc") == 0 and p["seconds"] < 300 and p["every_record_once"]
                     for p in big)  # fmt: skip
            out += [
                "Bar, 10,000 tiny records through the full dedup path in under 5 minutes, "
                f"every record out once: **{'met' if ok else 'not met'}**.",
                "",
            ]
        out += [f"Machine: {tiny.get('machine', 'not recorded')}.", ""]
    return out
