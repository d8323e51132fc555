"""PNG plots of a model card: reliability diagrams, confusion matrices, the beta sweep.

matplotlib with the non-interactive Agg backend (no display needed, safe in workers).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

DPI = 100


def slug(name: str) -> str:
    """A file-name-safe form of a model name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "model"


def write_plots(report: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Every plot the report has data for; returns ``{plot name: path}``."""
    plots: dict[str, Path] = {}
    for name, metrics in report.get("classification", {}).items():
        plots[f"reliability_{slug(name)}"] = _reliability(name, metrics, out_dir)
        plots[f"confusion_{slug(name)}"] = _confusion(name, metrics, out_dir)
    if "sweep" in report:
        plots["sweep"] = _sweep(report["sweep"], out_dir)
    return plots


def _reliability(name: str, metrics: dict[str, Any], out_dir: Path) -> Path:
    calibration = metrics["calibration"]
    bins = calibration["bins"]
    width = 1.0 / calibration["n_bins"]
    figure, axes = plt.subplots(figsize=(4.5, 4.5))
    centres = [row["lower"] + width / 2 for row in bins if row["count"]]
    accuracy = [row["accuracy"] for row in bins if row["count"]]
    confidence = [row["confidence"] for row in bins if row["count"]]
    axes.bar(centres, accuracy, width=width * 0.9, label="accuracy", edgecolor="black")
    axes.plot(centres, confidence, "o", color="darkorange", label="mean confidence")
    axes.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    axes.set(xlim=(0, 1), ylim=(0, 1), xlabel="confidence", ylabel="accuracy")
    axes.set_title(f"{name}: ECE = {calibration['ece']:.4f} ({calibration['n_bins']} bins)")
    axes.legend(loc="upper left", fontsize=8)
    return _save(figure, out_dir / f"reliability_{slug(name)}.png")


def _confusion(name: str, metrics: dict[str, Any], out_dir: Path) -> Path:
    labels, matrix = metrics["labels"], metrics["confusion"]
    size = max(3.5, 1.1 * len(labels) + 1.5)
    figure, axes = plt.subplots(figsize=(size, size))
    axes.imshow(matrix, cmap="Blues")
    peak = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            colour = "white" if peak and value > peak / 2 else "black"
            axes.text(j, i, str(value), ha="center", va="center", color=colour)
    axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set(xlabel="predicted", ylabel="true", title=f"{name}: confusion matrix")
    return _save(figure, out_dir / f"confusion_{slug(name)}.png")


def _sweep(sweep: dict[str, Any], out_dir: Path) -> Path:
    points = sorted(sweep["points"], key=lambda point: point["beta"])
    gaps = [point[sweep["gap"]] for point in points]
    figure, axes = plt.subplots(figsize=(5.5, 4.0))
    for metric, marker in (("auc", "o-"), ("f1", "s-")):
        axes.plot(gaps, [point[metric] for point in points], marker, label=metric.upper())
    for point, gap in zip(points, gaps, strict=True):
        axes.annotate(
            f"beta={point['beta']:g}",
            (gap, point["auc"]),
            fontsize=7,
            textcoords="offset points",
            xytext=(4, 4),
        )
    axes.set(xlabel=f"{sweep['gap']} (lower is fairer)", ylabel="held-out utility")
    axes.set_title("Utility / fairness trade-off over beta")
    axes.legend(fontsize=8)
    return _save(figure, out_dir / "sweep.png")


def _save(figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=DPI, metadata={"Software": None})
    plt.close(figure)
    return path
