"""Train the score mapper (Ridge + MLP) on labelled pairs and report held-out metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.cards import ClassifierEval, ModelCard, RankingEval, write_model_card
from matching.core.encoding import Encoder, InMemoryEmbeddingStore, load_encoder
from matching.core.evaluation import HELD_OUT_FRACTION, read_pairs
from matching.core.occupations import (
    AFFINITY_WEIGHTS_NAME,
    DEFAULT_CLASSIFIER_PATH,
    WEIGHTS_DIR,
    AffinityFit,
    affinity_from_pairs,
    load_domain_classifier,
    read_labelled_jsonl,
    read_resume_categories,
    save_occupation_affinity,
)
from matching.core.scoring import (
    MapperTrainingResult,
    bucket_for,
    build_pair_features,
    save_score_mapper,
    train_mapper,
)
from matching.core.types import LabelledPair
from matching.services.onet import TitleLookup, title_lookup_get
from matching.training.devices import add_device_argument, device_option
from matching.training.options import (
    add_card_dir_argument,
    add_no_onet_titles_argument,
    file_digest,
)

FILE_MISSING = "{path}: no such file"
WEIGHTS_NAME = "score_mapper.json"
FRACTION_INVALID = "--held-out-fraction must be between 0 and 1, got {value}"


class Command(BaseCommand):
    help = "Train the 0-100 score mapper on labelled pairs; print held-out metrics."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", required=True, type=Path, help="labelled pairs JSONL")
        parser.add_argument(
            "--resumes",
            type=Path,
            help="labelled resumes JSONL: split resumes by their id (as the domain classifier "
            "does) instead of by a hash of their text",
        )
        parser.add_argument("--domain-weights", type=Path, default=DEFAULT_CLASSIFIER_PATH)
        parser.add_argument("--out", type=Path, default=WEIGHTS_DIR, help="weights folder")
        parser.add_argument("--held-out-fraction", type=float, default=HELD_OUT_FRACTION)
        add_device_argument(parser)
        add_card_dir_argument(parser)
        add_no_onet_titles_argument(parser)
        parser.add_argument(
            "--no-occupation-affinity",
            action="store_true",
            help="leave the occupation affinity (CV category x posting O*NET code, learnt from "
            "the training pairs; needs --resumes with a category and the O*NET lookup) out of "
            "the bucket classifier",
        )
        parser.add_argument(
            "--category-classifier",
            choices=("prototypes", "logistic"),
            default="prototypes",
            help="the affinity's CV-category classifier: category-name + CV-mean prototypes "
            "(default) or a logistic regression over the CV embeddings",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.0 < options["held_out_fraction"] < 1.0:
            raise CommandError(FRACTION_INVALID.format(value=options["held_out_fraction"]))
        for path in (options["pairs"], options["domain_weights"], options["resumes"]):
            if path is not None and not path.is_file():
                raise CommandError(FILE_MISSING.format(path=path))
        try:
            pairs = read_pairs(options["pairs"])
            resume_ids = _resume_ids(options["resumes"])
            classifier = load_domain_classifier(options["domain_weights"])
            lookup = title_lookup_get(enabled=not options["no_onet_titles"])
        except (ValueError, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from None
        device = device_option(options["device"])
        if options["device"] == "auto" and settings.MATCHING_DEVICE:
            device = settings.MATCHING_DEVICE
        encoder = load_encoder(
            settings.MATCHING_MODEL_PATH or None,
            device=device,
            trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
        )
        store = InMemoryEmbeddingStore()  # the affinity re-reads the CV vectors for free
        with tqdm(desc="embedding jobs", disable=None, file=self.stderr) as bar:
            features = build_pair_features(
                [pair.resume for pair in pairs],
                [pair.job for pair in pairs],
                encoder,
                classifier,
                store=store,
                on_progress=lambda done, total: bar.update(done - bar.n),
                title_index=lookup.index,
                title_weight=lookup.weight,
            )
        resume_keys = [_resume_key(pair, resume_ids) for pair in pairs]
        try:
            affinity = _occupation_affinity(options, pairs, resume_keys, lookup, encoder, store)
            result = train_mapper(
                features,
                [pair.label for pair in pairs],
                [pair.job_id for pair in pairs],
                resume_keys,
                version=f"score_mapper:{file_digest(options['pairs'])}",
                fraction=options["held_out_fraction"],
                occupation_affinity=affinity.values if isinstance(affinity, AffinityFit) else None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        path = options["out"] / WEIGHTS_NAME
        save_score_mapper(result.mapper, path)
        payload = {**result.to_json(), "weights": str(path), "onet_titles": lookup.to_json()}
        payload["occupation_affinity"] = _affinity_report(affinity, options["out"])
        if options["card_dir"] is not None:
            card = _card(options, result, payload)
            payload["model_card"] = write_model_card(card, options["card_dir"])["card"]
        self.stdout.write(json.dumps(payload, indent=None if options["json"] else 2))


def _card(
    options: dict[str, Any], result: MapperTrainingResult, payload: dict[str, Any]
) -> ModelCard:
    """Bucket classifier (confusion, calibration) and the mapper's ranking, held out."""
    detail = result.detail
    assert detail is not None  # noqa: S101 - train_mapper always fills it
    truth = [str(bucket_for(value)) for value in detail.truth]
    labels = list(detail.bucket_classes) + sorted(set(truth) - set(detail.bucket_classes))
    padding = (0.0,) * (len(labels) - len(detail.bucket_classes))
    grades = tuple(value / 50.0 for value in detail.truth)  # 0-100 -> 0-2, as the report does
    return ModelCard(
        title="score mapper (0-100 score and bucket classifier)",
        command=f"python manage.py train_score_mapper --pairs {options['pairs']}"
        + (f" --resumes {options['resumes']}" if options["resumes"] else "")
        + (" --no-onet-titles" if options["no_onet_titles"] else "")
        + f" --card-dir {options['card_dir']}",
        summary=(
            "Ridge + MLP over FairMatch's explainable pair features, mapped onto 0-100, and a "
            "multinomial classifier of the score bucket (strong >= 80, moderate >= 60, weak >= "
            "40, else not_ats_friendly); the true bucket is that of the scaled label."
        ),
        data={
            "pairs": str(options["pairs"]),
            "training pairs": result.n_train,
            "held-out pairs": result.n_held_out,
            "split": "held out when job and resume both hash held out",
            "weights": payload["weights"],
            "O*NET title lookup": payload["onet_titles"],
        },
        command_report=payload,
        classifiers=(
            ClassifierEval(
                "bucket classifier",
                tuple(labels),
                tuple(labels.index(name) for name in truth),
                tuple(tuple(row) + padding for row in detail.bucket_probabilities),
            ),
        ),
        rankings=tuple(
            RankingEval(name, scores, grades, detail.groups)
            for name, scores in detail.scores.items()
        ),
        caveats=("Labels are graded relevance scaled to 0-100, not hiring outcomes.",),
    )


def _occupation_affinity(
    options: dict[str, Any],
    pairs: list[LabelledPair],
    resume_keys: list[str],
    lookup: TitleLookup,
    encoder: Encoder,
    store: InMemoryEmbeddingStore,
) -> AffinityFit | str:
    """The fitted affinity with every pair's value, or why it was left out."""
    if options["no_occupation_affinity"]:
        return "switched off (--no-occupation-affinity)"
    categories = read_resume_categories(options["resumes"]) if options["resumes"] else {}
    if not categories:
        return "no resume categories (--resumes with a 'category' per line)"
    if lookup.index is None:
        return "no O*NET title lookup (MATCHING_ONET_DIR)"
    return affinity_from_pairs(
        pairs,
        resume_keys,
        categories,
        lookup.index,
        encoder,
        store=store,
        fraction=options["held_out_fraction"],
        prototypes=options["category_classifier"] == "prototypes",
    )


def _affinity_report(affinity: AffinityFit | str, folder: Path) -> dict[str, object]:
    """What the output says of the affinity; writes its weights beside the mapper's."""
    if isinstance(affinity, str):
        return {"used": False, "reason": affinity}
    path = folder / AFFINITY_WEIGHTS_NAME
    save_occupation_affinity(affinity.model, path)
    return {"used": True, "weights": str(path), **affinity.report}


def _resume_ids(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    return {item.text: item.id for item in read_labelled_jsonl(path)}


def _resume_key(pair: LabelledPair, resume_ids: dict[str, str]) -> str:
    known = resume_ids.get(pair.resume)
    return known if known is not None else "text:" + pair.resume
