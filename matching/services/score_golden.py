"""The golden sample of the shipped score: a few real (resume, job) pairs scored to 0.01.

The sample is read in place from ``../shared/data/eval`` (never copied into the repository);
the golden file keeps only the ids, the score's inputs, the score and the bucket. The pairs
are scored by the shipped encoder, domain classifier and additive score, without the ESCO
occupation fit and the O*NET title blend (both depend on data outside the repository), so the
figures are the same on every machine that has ``../shared``.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings

from matching.core.scoring.additive import DEFAULT_SCORER_PATH, load_default_scorer
from matching.core.scoring.bulk import explain_text_pairs
from matching.services.ats_score import ats_bucket
from matching.services.encoders import default_encoder
from matching.services.scoring import live_domain_model

GOLDEN_FORMAT = "fairmatch.score_golden.v1"
GOLDEN_PATH = Path(settings.BASE_DIR) / "tests" / "matching" / "golden" / "ats_score_golden.json"
EVAL_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "eval"
# Five resumes of five categories and four postings of four domains: every grade of pair.
GOLDEN_RESUME_IDS = ("r0028", "r0058", "r0052", "r0070", "r0010")
GOLDEN_JOB_IDS = ("j0049", "j0035", "j0023", "j0189")
REGENERATE_COMMAND = "python manage.py score_golden --scorer-version {version}"
NO_SCORER = "No additive score ships ({path}): there is nothing to pin."


def shipped_scorer_version() -> str:
    """The version named in the shipped weights file (``matching/weights/ats_score.json``).

    Raises:
        FileNotFoundError: When no additive score ships.
    """
    scorer = load_default_scorer()
    if scorer is None:
        raise FileNotFoundError(NO_SCORER.format(path=DEFAULT_SCORER_PATH))
    return scorer.version


def _texts(path: Path, ids: Sequence[str]) -> dict[str, str]:
    wanted = set(ids)
    texts = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = row["text"]
    return texts


def score_golden_compute(*, eval_dir: Path = EVAL_DIR) -> dict[str, Any]:
    """Score every golden (resume, job) pair with the shipped score; the golden file's content."""
    resumes = _texts(eval_dir / "resumes.jsonl", GOLDEN_RESUME_IDS)
    jobs = _texts(eval_dir / "jobs.jsonl", GOLDEN_JOB_IDS)
    pairs = [(r, j) for r in GOLDEN_RESUME_IDS for j in GOLDEN_JOB_IDS]
    explained = explain_text_pairs(
        [resumes[r] for r, _ in pairs],
        [jobs[j] for _, j in pairs],
        default_encoder(),
        domain_model=live_domain_model(),
        scorer=load_default_scorer(),
        occupations=None,
        title_index=None,
    )
    return {
        "format": GOLDEN_FORMAT,
        "scorer_version": shipped_scorer_version(),
        "source": "../shared/data/eval (resumes.jsonl, jobs.jsonl), read in place",
        "configuration": "shipped encoder, domain classifier and additive score; "
        "no ESCO occupation fit, no O*NET title blend",
        "pairs": [
            {
                "resume_id": resume_id,
                "job_id": job_id,
                "inputs": [round(value, 6) for value in item.inputs],
                "score": round(item.breakdown.score, 2),
                "bucket": ats_bucket(item.breakdown.score, item.inputs),
            }
            for (resume_id, job_id), item in zip(pairs, explained, strict=True)
        ],
    }


def score_golden_read(path: Path = GOLDEN_PATH) -> dict[str, Any]:
    """The committed golden file."""
    payload: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return payload


def score_golden_write(payload: dict[str, Any], path: Path = GOLDEN_PATH) -> None:
    """Write the golden file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
