"""The Markdown of a model card, rendered from its JSON report (so both always agree)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matching.core.cards.model_card_plots import slug

IR_COLUMNS = ("ndcg", "mrr", "map", "err")
FAIRNESS_DIFFERENCES = (
    ("demographic_parity_difference", "demographic parity (selection rate)"),
    ("equal_opportunity_difference", "equal opportunity (true positive rate)"),
    ("equalized_odds_difference", "equalized odds (max of TPR and FPR gaps)"),
)


def fmt(value: Any) -> str:
    """A number as the card prints it: 4 decimals for floats, ``-`` for none."""
    if value is None:
        return "-"
    if isinstance(value, int):  # bool is an int too
        return str(value)
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def render_markdown(report: dict[str, Any]) -> str:
    """The whole card."""
    lines = [f"# Model card: {report['title']}", "", report["summary"], ""]
    lines += ["## How it was made", "", f"    {report['command']}", ""]
    if report["data"]:
        lines += ["## Data", "", *_table(["field", "value"], report["data"].items()), ""]
    for name, metrics in report.get("classification", {}).items():
        lines += _classification(name, metrics)
    if "ranking" in report:
        lines += _ranking(report["ranking"])
    for name, metrics in report.get("fairness", {}).items():
        lines += _fairness(name, metrics)
    if "sweep" in report:
        lines += _sweep(report["sweep"])
    if report["caveats"]:
        lines += ["## Caveats", "", *(f"- {item}" for item in report["caveats"]), ""]
    lines += ["Figures are on the held-out split; `report.json` holds the same numbers.", ""]
    return "\n".join(lines)


def _table(header: Sequence[str], rows: Any) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
    return out


def _classification(name: str, metrics: dict[str, Any]) -> list[str]:
    calibration = metrics["calibration"]
    summary = [
        ("n", metrics["n"]),
        ("accuracy", metrics["accuracy"]),
        ("macro precision", metrics["macro_precision"]),
        ("macro recall", metrics["macro_recall"]),
        ("macro F1", metrics["macro_f1"]),
        (f"ECE ({calibration['n_bins']} bins)", calibration["ece"]),
    ]
    per_class = [
        (label, row["precision"], row["recall"], row["f1"], row["support"])
        for label, row in metrics["per_class"].items()
    ]
    confusion = [
        (label, *row) for label, row in zip(metrics["labels"], metrics["confusion"], strict=True)
    ]
    return [
        f"## Classification: {name}",
        "",
        *_table(["metric", "value"], summary),
        "",
        *_table(["class", "precision", "recall", "F1", "support"], per_class),
        "",
        "Confusion matrix (rows true, columns predicted):",
        "",
        *_table(["true \\ predicted", *metrics["labels"]], confusion),
        "",
        f"![confusion matrix](confusion_{slug(name)}.png)",
        "",
        f"### Calibration: {name}",
        "",
        *_table(
            ["confidence bin", "pairs", "accuracy", "mean confidence"],
            [
                (
                    f"{row['lower']:.1f}-{row['upper']:.1f}",
                    row["count"],
                    row["accuracy"],
                    row["confidence"],
                )
                for row in calibration["bins"]
            ],
        ),
        "",
        f"![reliability diagram](reliability_{slug(name)}.png)",
        "",
    ]


def _ranking(ranking: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    rows = []
    for system, by_k in ranking.items():
        for k, values in by_k.items():
            rows.append((system, k, *(values[column] for column in IR_COLUMNS)))
    header = ["system", "k", *(column.upper() for column in IR_COLUMNS)]
    return ["## Ranking (IR metrics at k, per job, averaged)", "", *_table(header, rows), ""]


def _fairness(name: str, metrics: dict[str, Any]) -> list[str]:
    groups = [
        (
            group,
            row["count"],
            row["selection_rate"],
            row["true_positive_rate"],
            row["false_positive_rate"],
        )
        for group, row in metrics["groups"].items()
    ]
    differences = [(label, metrics[key]) for key, label in FAIRNESS_DIFFERENCES]
    return [
        f"## Fairness: {name} ({metrics['attribute']})",
        "",
        f"Unknown or undisclosed: {metrics['unknown_count']} pairs (no group).",
        "",
        *_table(["group", "pairs", "selection rate", "TPR", "FPR"], groups),
        "",
        *_table(["difference (max - min over groups)", "value"], differences),
        "",
    ]


def _sweep(sweep: dict[str, Any]) -> list[str]:
    points = sorted(sweep["points"], key=lambda point: point["beta"])
    columns = [key for key in points[0] if key != "beta"]
    rows = [(point["beta"], *(point[key] for key in columns)) for point in points]
    return [
        "## Beta sweep (utility against fairness)",
        "",
        *_table(["beta", *columns], rows),
        "",
        "![beta sweep](sweep.png)",
        "",
    ]
