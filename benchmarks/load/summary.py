"""Per-route figures from locust's `--csv` output: requests, error rate, req/s, p50/p95/p99.

    python benchmarks/load/summary.py var/load/locust [--json var/load/summary.json]

Reads `<prefix>_stats.csv` (and `<prefix>_failures.csv` when there is one), prints a Markdown
table (milliseconds) and, with `--json`, writes the same rows as JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

COLUMNS = ("Requests", "Failures", "Error %", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms")


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def route_rows(stats_csv: Path) -> list[dict[str, Any]]:
    """One row per route (and locust's "Aggregated" row last), figures as numbers."""
    rows = []
    with stats_csv.open(newline="") as handle:
        for record in csv.DictReader(handle):
            requests = int(record["Request Count"])
            failures = int(record["Failure Count"])
            rows.append(
                {
                    "route": record["Name"],
                    "requests": requests,
                    "failures": failures,
                    "error_rate": round(failures / requests, 4) if requests else 0.0,
                    "rps": round(_number(record["Requests/s"]), 2),
                    "p50_ms": _number(record["50%"]),
                    "p95_ms": _number(record["95%"]),
                    "p99_ms": _number(record["99%"]),
                    "max_ms": round(_number(record["Max Response Time"])),
                }
            )
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| Route | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    for row in rows:
        lines.append(
            f"| {row['route']} | {row['requests']} | {row['failures']} | "
            f"{100 * row['error_rate']:.2f} | {row['rps']:.2f} | {row['p50_ms']:.0f} | "
            f"{row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {row['max_ms']} |"
        )
    return "\n".join(lines)


def failures(failures_csv: Path) -> list[dict[str, str]]:
    if not failures_csv.is_file():
        return []
    with failures_csv.open(newline="") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", help="the --csv prefix given to locust")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    stats = Path(f"{args.prefix}_stats.csv")
    if not stats.is_file():
        print(f"no locust statistics at {stats}", file=sys.stderr)
        return 1
    rows = route_rows(stats)
    errors = failures(Path(f"{args.prefix}_failures.csv"))
    print(markdown(rows))
    for error in errors:
        print(f"FAILED {error['Method']} {error['Name']} x{error['Occurrences']}: {error['Error']}")
    if args.json:
        args.json.write_text(json.dumps({"routes": rows, "failures": errors}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
