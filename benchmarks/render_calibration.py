"""The calibration section of ``docs/benchmarks.md`` and its reliability diagram.

Read from ``benchmarks/results/calibration.json`` (``benchmarks.calibrate``) and
``benchmarks/results/voa_shares.json`` (``benchmarks.voa_shares``); called by
``benchmarks.render``. The diagram is drawn with matplotlib when it is installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .env import ROOT, env_line, markdown_table

PLOT = ROOT / "docs" / "calibration.png"
ECE_BAR = 0.05
NAMES = {
    "use-m3": "use-m3 (default)",
    "tfidf": "tfidf",
    "st:all-MiniLM-L6-v2": "st:all-MiniLM-L6-v2",
    "default": "default table (any other encoder)",
}


def plot(cal: dict[str, Any], path: Path = PLOT) -> bool:
    """Draw the held-out reliability diagram of every table; False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(5.2, 5.0), dpi=110)
    ax.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1, label="perfect")
    for name, res in cal["encoders"].items():
        if res.get("fitted_as"):
            continue  # the same table as another line
        bins = res["held_out"]["bins"]
        ax.plot([b["mean_p"] for b in bins], [b["share_same"] for b in bins], marker="o",
                markersize=3, label=f"{NAMES.get(name, name)}: ECE {res['held_out']['ece']:.3f}")  # fmt: skip
    ax.set_xlabel("calibrated link score (mean in bin)")
    ax.set_ylabel("share of held-out pairs that say the same thing")
    ax.set_title("Reliability on held-out pairs (10 bins)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return True


def _machine_lines(cal: dict[str, Any]) -> list[str]:
    """One machine line, or one per group of tables fitted in one run (a partial run of
    ``benchmarks.calibrate`` refits some encoders and keeps the others)."""
    groups: dict[str, list[str]] = {}
    for name, res in cal["encoders"].items():
        groups.setdefault(env_line(res.get("env", cal["env"])), []).append(NAMES.get(name, name))
    if len(groups) == 1:
        return [f"Machine: {next(iter(groups))}."]
    return ["Machine, by run of the script:", ""] + [
        f"- {', '.join(names)}: {line}." for line, names in groups.items()
    ]


def section(cal: dict[str, Any] | None, voa: dict[str, Any] | None) -> list[str]:
    """Markdown lines of the calibration and VOA sections (empty without results)."""
    out: list[str] = []
    if cal:
        drew = plot(cal)
        out += [
            "## Calibrated link scores",
            "",
            "`python -m benchmarks.calibrate` fits one logistic model per bundled encoder "
            f'(seed {cal["seed"]}; data in `benchmarks/README.md`, "Calibration data") and '
            "measures it on the held-out pairs (ko_en test, Text+Berg test0-1, VOA events "
            "held out by a hash of their name). Expected calibration error (ECE) over 10 "
            f"equal-width bins; the bar is ECE <= {ECE_BAR} for the default encoder.",
            "",
            *_machine_lines(cal),
            "",
        ]
        rows = []
        for name, res in cal["encoders"].items():
            by = res["by_source"]
            ece = res["held_out"]["ece"]
            rows.append((
                NAMES.get(name, name), f"{res['samples']['train']:,}", f"{res['samples']['held_out']:,}",
                f"**{ece:.4f}**" if name == "use-m3" else f"{ece:.4f}",
                f"{res['held_out_vectors']['ece']:.4f}",
                *(f"{by[s]['ece']:.3f}" if s in by else "–"
                  for s in ("ko_en_test", "textberg_test", "voa_other_event", "voa_same_event")),
            ))  # fmt: skip
        out += markdown_table(
            (
                "table",
                "train pairs",
                "held-out pairs",
                "ECE",
                "ECE, cosine only",
                "ko_en test",
                "Text+Berg test",
                "VOA other event",
                "VOA same event",
            ),
            rows,
        )
        main = cal["encoders"].get("use-m3")
        if main:
            ok = main["held_out"]["ece"] <= ECE_BAR
            out += [
                f"Bar (use-m3, ECE <= {ECE_BAR}): **{'met' if ok else 'not met'}** "
                f"({main['held_out']['ece']:.4f}). The per-source columns are the error "
                "within one kind of pair: a source whose pairs are mostly of one label "
                "(VOA other-event pairs are all negatives) shows how far its scores "
                "stray, not a calibration of its own.",
                "",
            ]
        if drew:
            out += ["![Reliability diagram](calibration.png)", ""]
        weights = main["table"]["text"]["weights"] if main else {}
        if weights:
            out += [
                "The use-m3 weights (features in `docs/align.md`): "
                + ", ".join(f"`{k}` {v:+.2f}" for k, v in weights.items())
                + f", bias {main['table']['text']['bias']:+.2f}. A feature missing here "
                "took the wrong sign in the fit (a lexical overlap that, given the cosine, "
                "went with the negatives) and was dropped.",
                "",
            ]
    if voa:
        rel = voa["relations"]
        out += [
            "## VOA events: what two articles share, by relation",
            "",
            "`python -m benchmarks.voa_shares`: every pair of `../shared/data/voa_events` "
            "articles that are the same article (two addresses), two articles on one event, "
            "or one topic but different events (another launch, another drill), aligned with "
            f"default settings ({voa['encoder']}, {voa['mode']} mode); a pair's share is the "
            "fraction of both articles' sentences in `equivalent` links. Bars: other-event "
            "mean <= 0.15 and no pair over 0.5; same-article >= 0.90.",
            "",
            f"Machine: {env_line(voa['env'])}.",
            "",
        ]
        out += markdown_table(
            ("relation", "pairs", "mean", "median", "min", "max", "pairs over 0.5"),
            [(k.replace("_", " "), r["pairs"], f"{r['mean']:.3f}", f"{r['median']:.3f}",
              f"{r['min']:.3f}", f"{r['max']:.3f}", r["over_half"]) for k, r in rel.items()],
        )  # fmt: skip
        oe, sa = rel["other_event"], rel["same_article"]
        out += [
            f"Bars: other-event mean <= 0.15: **{'met' if oe['mean'] <= 0.15 else 'not met'}** "
            f"({oe['mean']:.3f}); no other-event pair over 0.5: "
            f"**{'met' if oe['over_half'] == 0 else 'not met'}** ({oe['over_half']} of "
            f"{oe['pairs']}); same-article >= 0.90: "
            f"**{'met' if sa['mean'] >= 0.9 else 'not met'}** ({sa['mean']:.3f}).",
            "",
        ]
        top = voa["highest_other_event"]
        if top:
            out += [
                "The other-event pairs that share most, with their best links "
                "(what the score sees):",
                "",
            ]
            for w in top[:3]:
                link = w["links"][0] if w["links"] else None
                what = (
                    f': {link["score"]:.2f} "{link["left"][:90]}" / "{link["right"][:90]}"'
                    if link
                    else ""
                )
                out.append(f"- {w['left']} / {w['right']}, share {w['share']:.3f}{what}")
            out += [""]
    return out
