"""The synthetic training-example generator: distribution, determinism, edge cases, schema."""

import json
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from scipy.stats import spearmanr

from candidates.extraction.profile import parse_profile
from matching.core.scoring import rule_based_score
from matching.core.scoring.feature_types import ResumeFacts, VacancyFacts
from matching.core.scoring.features import compute_features
from matching.core.training.synthetic import (
    BUCKET_GRADES,
    EDGE_CASES,
    GeneratorConfig,
    bucket_counts,
    generate_examples,
    parse_distribution,
    parse_edge_cases,
)

OUMI_KEYS = {
    "id", "job_id", "resume_features", "jd_features", "feature_scores", "labels", "texts",
    "edge_case", "synthetic", "generator",
}  # fmt: skip


@pytest.fixture(scope="module")
def records() -> list[dict]:  # type: ignore[type-arg]
    return generate_examples(GeneratorConfig(n=120, seed=3))


def test_buckets_follow_the_requested_distribution_exactly() -> None:
    shares = parse_distribution("strong=0.5,moderate=0.3,weak=0.2")
    made = generate_examples(GeneratorConfig(n=30, distribution=shares, edge_cases=()))

    counts = Counter(record["labels"]["bucket"] for record in made)
    assert counts == {"strong": 15, "moderate": 9, "weak": 6}
    assert bucket_counts(7, parse_distribution("strong=1,weak=1")) == {
        "strong": 4, "moderate": 0, "weak": 3, "not_ats_friendly": 0,
    }  # fmt: skip


def test_same_seed_same_records_other_seed_other_records() -> None:
    config = GeneratorConfig(n=12, seed=7)

    assert generate_examples(config) == generate_examples(config)
    assert generate_examples(config) != generate_examples(GeneratorConfig(n=12, seed=8))


def test_every_record_is_synthetic_and_oumi_shaped(records: list[dict]) -> None:  # type: ignore[type-arg]
    for record in records:
        assert set(record) == OUMI_KEYS
        assert record["synthetic"] is True
        assert record["labels"]["label"] == BUCKET_GRADES[record["labels"]["bucket"]]
        assert {"emails", "phones"}.isdisjoint(record["resume_features"])
        assert record["jd_features"]["required_skills"]
        assert "skill_match_required" in record["feature_scores"]


def test_every_edge_case_is_tagged_and_shaped_as_named(records: list[dict]) -> None:  # type: ignore[type-arg]
    by_case = {case: [r for r in records if r["edge_case"] == case] for case in EDGE_CASES}

    assert all(by_case.values()), {case: len(found) for case, found in by_case.items()}
    for record in by_case["minimal_resume"]:
        assert len(record["texts"]["resume"]) < 500
    for record in by_case["missing_contact_info"]:
        profile = parse_profile(record["texts"]["resume"])
        assert not profile.emails
        assert not profile.phones
    for record in by_case["overqualified"]:
        years = record["resume_features"]["years_total"]
        assert years > record["jd_features"]["experience_max_years"]
    for record in by_case["underqualified"]:
        years = record["resume_features"]["years_total"]
        assert years < record["jd_features"]["experience_min_years"]
    for record in by_case["career_changer"]:
        assert record["feature_scores"]["domain"]["relation"] != "same"
    assert {r["labels"]["bucket"] for r in by_case["overqualified"]} <= {"strong", "moderate"}


def test_bucket_order_follows_the_rule_based_scorer(records: list[dict]) -> None:  # type: ignore[type-arg]
    """Re-score each CV from its text alone with the rule-based scorer: order must agree."""
    scores = [_rescore(record) for record in records]
    grades = [record["labels"]["label"] for record in records]

    rho = spearmanr(grades, scores).statistic
    assert rho > 0.5, rho
    agree = sum(r["labels"]["bucket"] == r["labels"]["rule_based_bucket"] for r in records)
    assert agree / len(records) > 0.9


def test_parsers_reject_unknown_names() -> None:
    with pytest.raises(ValueError, match="distribution"):
        parse_distribution("great=1")
    with pytest.raises(ValueError, match="distribution"):
        parse_distribution("strong=0")
    with pytest.raises(ValueError, match="edge-cases"):
        parse_edge_cases("overqualified,unicorn")
    assert parse_edge_cases("legacy_skills,overqualified") == ("overqualified", "legacy_skills")


def test_command_writes_oumi_and_pairs_formats(tmp_path: Path) -> None:
    out, pairs = tmp_path / "oumi.jsonl", tmp_path / "pairs.jsonl"
    stdout = StringIO()

    call_command("generate_training_examples", "--n", "16", "--out", str(out), "--json",
                 stdout=stdout)  # fmt: skip
    call_command("generate_training_examples", "--n", "16", "--format", "pairs",
                 "--out", str(pairs), stdout=StringIO())  # fmt: skip

    summary = json.loads(stdout.getvalue().strip().splitlines()[-1])
    assert summary["n"] == 16
    assert summary["buckets"] == dict.fromkeys(BUCKET_GRADES, 4)
    lines = [json.loads(line) for line in pairs.read_text().splitlines()]
    assert set(lines[0]) == {"id", "resume", "job", "job_id", "label"}
    assert [line["id"] for line in lines] == [
        json.loads(line)["id"] for line in out.read_text().splitlines()
    ]


def test_command_rejects_a_bad_distribution() -> None:
    with pytest.raises(CommandError, match="distribution"):
        call_command("generate_training_examples", "--n", "4", "--distribution", "good=1")


def _rescore(record: dict) -> float:  # type: ignore[type-arg]
    text, jd = record["texts"]["resume"], record["jd_features"]
    profile = parse_profile(text, today=date(2025, 6, 30))
    known = profile.experience_count > 0
    facts = ResumeFacts(
        text=text,
        skills=profile.skills,
        years_total=profile.years_total if known else None,
        has_summary=profile.has_summary,
        has_experience=known,
        has_education=profile.has_education,
        has_projects=profile.has_projects,
        has_certifications=profile.has_certifications,
        contact_info_complete=profile.contact_info_complete,
    )
    vacancy = VacancyFacts(
        title=jd["title"],
        text=record["texts"]["job"],
        required_skills=tuple(jd["required_skills"]),
        preferred_skills=tuple(jd["preferred_skills"]),
        keywords=tuple(jd["keywords"]),
        experience_min_years=jd["experience_min_years"],
        experience_max_years=jd["experience_max_years"],
        seniority=jd["seniority"],
    )
    return rule_based_score(compute_features(facts, vacancy, cosine=0.5))
