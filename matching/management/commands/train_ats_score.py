"""Train the additive ATS score (matching/weights/ats_score.json) and report held-out figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.encoding.embedding_store import EmbeddingStore, InMemoryEmbeddingStore
from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.evaluation.evaluation import read_pairs
from matching.core.occupations.domains import DEFAULT_CLASSIFIER_PATH, load_domain_classifier
from matching.core.scoring.additive import DEFAULT_SCORER_PATH, save_additive_scorer
from matching.core.scoring.additive_evaluation import annotator_agreement, read_annotations
from matching.core.scoring.additive_report import previous_scores, train_additive
from matching.core.scoring.bulk import explain_text_pairs, input_matrix
from matching.core.scoring.embedding_cache import NpzEmbeddingStore
from matching.core.scoring.pipeline import DomainModel, ScorerConfig
from matching.services.onet import TitleLookup, title_lookup_get
from matching.services.score_occupations import score_occupation_reader_for

DEFAULT_ANNOTATIONS = Path(settings.BASE_DIR).parent / "shared/data/vacancy-resume-matching"
DEFAULT_VERSION = "ats-additive-4"
FILE_MISSING = "{path}: no such file"
WEIGHTS_UNREADABLE = "cannot read domain weights {path}: {reason}"
INPUTS_OTHER_PAIRS = "{path} holds the inputs of other pairs (ids differ); delete it to re-explain"


class Command(BaseCommand):
    help = (
        "Fit the additive ATS score on the training jobs of labelled pairs (occupation grades "
        "plus weak requirement labels); report held-out jobs and the annotators' rankings."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", required=True, type=Path, help="labelled pairs JSONL")
        parser.add_argument(
            "--domain-weights",
            type=Path,
            default=DEFAULT_CLASSIFIER_PATH,
            help="domain classifier of the occupation fit (train split only for honest figures)",
        )
        parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS)
        parser.add_argument("--out", type=Path, default=DEFAULT_SCORER_PATH)
        parser.add_argument("--cache", type=Path, help="an .npz file to keep embeddings in")
        parser.add_argument(
            "--inputs-cache",
            type=Path,
            help="an .npz file to keep the explained input rows in (a refit of the target skips "
            "explaining the pairs again; same pair ids only)",
        )
        parser.add_argument("--score-version", default=DEFAULT_VERSION, help="version name")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        for path in (options["pairs"], options["domain_weights"]):
            if not path.is_file():
                raise CommandError(FILE_MISSING.format(path=path))
        try:
            pairs = read_pairs(options["pairs"])
            classifier = load_domain_classifier(options["domain_weights"])
            lookup = title_lookup_get()
        except (ValueError, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from None
        encoder = load_encoder(settings.MATCHING_MODEL_PATH or None, device="cpu")
        store = NpzEmbeddingStore(options["cache"]) if options["cache"] else None
        cache = store or InMemoryEmbeddingStore()
        inputs = _cached_inputs(options["inputs_cache"], [p.id for p in pairs])
        if inputs is None:
            inputs = input_matrix(_explain(encoder, classifier, lookup, cache, pairs))
            if options["inputs_cache"]:
                _save_inputs(options["inputs_cache"], [p.id for p in pairs], inputs)
        scorer, report = train_additive(
            inputs,
            [p.label for p in pairs],
            [p.job_id for p in pairs],
            version=options["score_version"],
        )
        annotations = options["annotations"]
        if (annotations / "annotations_parsed.csv").is_file():
            report["annotators"] = _annotators(
                encoder, classifier, lookup, cache, scorer, annotations
            )
        if store is not None:
            store.save()
        save_additive_scorer(scorer, options["out"])
        report["weights"] = str(options["out"])
        self.stdout.write(json.dumps(report, indent=None if options["json"] else 2))


def _cached_inputs(path: Path | None, ids: list[str]) -> Any:
    """The input rows kept in ``path`` for these pair ids, or ``None`` when there are none."""
    if path is None or not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as saved:
        if [str(i) for i in saved["ids"]] != ids:
            raise CommandError(INPUTS_OTHER_PAIRS.format(path=path))
        return np.asarray(saved["inputs"], dtype=np.float64)


def _save_inputs(path: Path, ids: list[str], inputs: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez(handle, ids=np.asarray(ids, dtype=str), inputs=inputs)


def _explain(
    encoder: Encoder,
    classifier: DomainModel,
    lookup: TitleLookup,
    store: EmbeddingStore,
    pairs: Any,
    resumes: list[str] | None = None,
    jobs: list[str] | None = None,
) -> Any:
    return explain_text_pairs(
        resumes if resumes is not None else [pair.resume for pair in pairs],
        jobs if jobs is not None else [pair.job for pair in pairs],
        encoder,
        domain_model=classifier,
        config=ScorerConfig(onet_title_weight=lookup.weight),
        store=store,
        title_index=lookup.index,
        use_default_scorer=False,
        occupations=score_occupation_reader_for(encoder),
    )


def _annotators(
    encoder: Encoder,
    classifier: DomainModel,
    lookup: TitleLookup,
    store: EmbeddingStore,
    scorer: Any,
    folder: Path,
) -> dict[str, object]:
    """Agreement with each annotator's order of the 5 vacancies, per CV: new, previous, inputs."""
    cvs, vacancies, annotations = read_annotations(folder)
    keys = [(cv, vacancy) for cv in sorted({a.cv_id for a in annotations}) for vacancy in vacancies]
    explained = _explain(
        encoder,
        classifier,
        lookup,
        store,
        None,
        [cvs[c] for c, _ in keys],
        [vacancies[v] for _, v in keys],
    )
    inputs = input_matrix(explained)
    methods = {"additive": scorer.scores(inputs), "previous": previous_scores(inputs)}
    result: dict[str, object] = {
        name: annotator_agreement(dict(zip(keys, map(float, values), strict=True)), annotations)
        for name, values in methods.items()
    }
    result["n_pairs"] = len(keys)
    return result
