"""CV parser against hand labels: per-field precision/recall, and years of experience.

Reads docs/evaluation/labels/parsing_labels.json (labels only) and the CVs it names in place in
../shared/data (livecareer-dev PDFs through the default extractor, eval/resumes.jsonl texts).

    python benchmarks/parsing_eval.py [--json] [--labels FILE] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from candidates.extraction import ParsedProfile, extract_text, parse_profile  # noqa: E402

DEFAULT_LABELS = REPO_ROOT / "docs" / "evaluation" / "labels" / "parsing_labels.json"
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data"
DATA_ABSENT = "{path} is absent: the parser evaluation reads the labelled CVs in place; pass --data"
YEARS_TOLERANCE = 1.0
FIELDS = (
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "projects",
    "languages",
    "contact_complete",
)


def load_text(item: dict[str, Any], data_dir: Path, resumes: dict[str, str]) -> str:
    """The CV's text: an extracted livecareer-dev PDF, or an eval/resumes.jsonl text."""
    if item["source"] == "livecareer-dev":
        data = (data_dir / "livecareer-dev" / item["id"]).read_bytes()
        return extract_text(data).text
    return resumes[item["id"]]


def predicted_fields(profile: ParsedProfile) -> dict[str, bool]:
    """The parser's answer for each labelled field."""
    sections = set(profile.sections)
    return {
        "summary": profile.has_summary,
        "experience": "experience" in sections or profile.experience_count > 0,
        "education": profile.has_education,
        "skills": bool(profile.skills),
        "certifications": profile.has_certifications,
        "projects": profile.has_projects,
        "languages": bool(profile.languages) or "languages" in sections,
        "contact_complete": profile.contact_info_complete,
    }


def field_scores(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    """Counts, precision and recall of the positive class (None where undefined)."""
    tp = sum(1 for truth, guess in pairs if truth and guess)
    fp = sum(1 for truth, guess in pairs if guess and not truth)
    fn = sum(1 for truth, guess in pairs if truth and not guess)
    return {
        "support": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
    }


def evaluate(labels: dict[str, Any], data_dir: Path) -> dict[str, Any]:
    """Parse every labelled CV and score it against its labels."""
    today = date.fromisoformat(labels["as_of"] + "-01")
    resumes_path = data_dir / "eval" / "resumes.jsonl"
    resumes = {
        row["id"]: row["text"]
        for row in map(json.loads, resumes_path.read_text().splitlines())
        if row
    }
    pairs: dict[str, list[tuple[bool, bool]]] = {field: [] for field in FIELDS}
    mistakes: dict[str, list[str]] = {field: [] for field in FIELDS}
    year_errors = []
    for item in labels["items"]:
        profile = parse_profile(load_text(item, data_dir, resumes), today=today)
        guesses = predicted_fields(profile)
        truths = item["sections"] | {"contact_complete": item["contact_complete"]}
        for field in FIELDS:
            pairs[field].append((truths[field], guesses[field]))
            if truths[field] != guesses[field]:
                mistakes[field].append(f"{item['id']} ({'fn' if truths[field] else 'fp'})")
        if item["years"] is not None:
            year_errors.append(abs(profile.years_total - item["years"]))
            if year_errors[-1] > YEARS_TOLERANCE:
                mistakes.setdefault("years", []).append(
                    f"{item['id']} ({profile.years_total} vs {item['years']})"
                )
    return {
        "n": len(labels["items"]),
        "fields": {field: field_scores(pairs[field]) for field in FIELDS},
        "mistakes": {field: ids for field, ids in mistakes.items() if ids},
        "years": {
            "n": len(year_errors),
            "mae": round(statistics.mean(year_errors), 2),
            "median_abs_error": round(statistics.median(year_errors), 2),
            "within_1_year": round(
                sum(error <= YEARS_TOLERANCE for error in year_errors) / len(year_errors), 3
            ),
        },
    }


def main(argv: list[str]) -> int:
    """Entry point; prints a table, and the figures as one JSON object last with --json."""
    parser = argparse.ArgumentParser(prog="parsing_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    args = parser.parse_args(argv)
    if not (args.data / "livecareer-dev").is_dir():
        print(DATA_ABSENT.format(path=args.data), file=sys.stderr)
        return 2
    results = evaluate(json.loads(args.labels.read_text()), args.data)
    if not args.json:
        print(f"{results['n']} labelled CVs\n{'field':<18}support  tp  fp  fn  precision  recall")
        for field, score in results["fields"].items():
            print(
                f"{field:<18}{score['support']:>7} {score['tp']:>3} {score['fp']:>3} "
                f"{score['fn']:>3}  {score['precision']!s:>9}  {score['recall']!s:>6}"
            )
        print(f"years of experience: {results['years']}")
        for field, ids in results["mistakes"].items():
            print(f"  {field} mistakes: {', '.join(ids)}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
