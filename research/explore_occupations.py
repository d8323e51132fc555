"""Tune the few weights of occupation inference on tuning splits; report held-out parts once.

Data (read in place): ``eval/resumes.jsonl`` and ``eval/jobs.jsonl`` (split by
``matching.core.occupations.domain_training.is_held_out``, 30 % held out) and the 140 labelled PDFs
of
``livecareer-dev`` (split by ``held_out_score("livecareer:" + file) < 0.5``: half held out). The
PDF texts are extracted once with the product's extractor into ``--texts``; every document's
passages are encoded once into ``--cache`` (``collect``), so ``tune`` and ``report`` only re-score.

    python research/explore_occupations.py collect
    python research/explore_occupations.py tune
    python research/explore_occupations.py report        # held-out parts, frozen weights
    python research/explore_occupations.py report \
        --classifier matching/weights/domain_classifier.json

The domain-classifier prior is the split classifier (the shipped recipe fitted on the
tuning-part eval items plus O*NET, from the cached vectors) unless ``--classifier`` names a file;
the shipped classifier never saw a livecareer PDF, so the second ``report`` gives the product's
livecareer figures (its eval rows are in-sample there: read them from the first).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402

from matching.core.cards.model_card import reliability  # noqa: E402
from matching.core.encoding.chunking import encode_documents  # noqa: E402
from matching.core.encoding.encoder import l2_normalise  # noqa: E402
from matching.core.encoding.registry import load_encoder  # noqa: E402
from matching.core.evaluation.splits import held_out_score, is_held_out  # noqa: E402
from matching.core.occupations.domain_metrics import classification_report  # noqa: E402
from matching.core.occupations.domain_training import (  # noqa: E402
    LabelledText,
    fit_domain_classifier,
)
from matching.core.occupations.domains import (  # noqa: E402
    DOMAIN_KEYS,
    DomainClassifier,
    load_domain_classifier,
)
from matching.core.occupations.esco_index import (  # noqa: E402
    OccupationIndex,
    build_occupation_index,
    read_esco_folder,
)
from matching.core.occupations.inference import (  # noqa: E402
    DEFAULT_WEIGHTS,
    DocumentEvidence,
    OccupationWeights,
    evidence_scores,
    profile_from_scores,
)
from matching.core.occupations.lookup import document_passages, passages_of  # noqa: E402
from matching.core.occupations.onet_domains import read_onet_occupations  # noqa: E402
from matching.core.occupations.onet_titles import load_onet_title_index  # noqa: E402
from matching.core.scoring.pipeline import job_title  # noqa: E402
from matching.core.skills.matcher import extract_skills  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
WORK = ROOT / "var" / "occupation-explore"
CACHE = WORK / "evidence"
SPLIT_CLASSIFIER = WORK / "domains-split" / "domain_classifier.json"


def _livecareer(texts: Path) -> list[dict]:
    if not texts.is_file():
        sys.path.insert(0, str(ROOT))
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats_site.settings")
        django.setup()
        from candidates.extraction.extract import extract_text

        root = DATA / "livecareer-dev"
        rows = [json.loads(line) for line in (root / "dev.jsonl").open()]
        with texts.open("w") as out:
            for row in rows:
                row["text"] = extract_text((root / row["file"]).read_bytes()).text
                out.write(json.dumps(row) + "\n")
    items = []
    for line in texts.open():
        row = json.loads(line)
        split = "held_out" if held_out_score("livecareer:" + row["file"]) < 0.5 else "tuning"
        items.append(
            {
                "id": row["file"],
                "text": row["text"],
                "domain": row["domain"],
                "set": "livecareer",
                "category": row["category"],
                "split": split,
            }
        )
    return items


def _eval(name: str) -> list[dict]:
    items = []
    for line in (DATA / "eval" / f"{name}.jsonl").open():
        row = json.loads(line)
        split = "held_out" if is_held_out(row["id"]) else "tuning"
        items.append(
            {
                "id": row["id"],
                "text": row["text"],
                "domain": row["domain"],
                "set": name,
                "split": split,
            }
        )
    return items


def collect(args: argparse.Namespace) -> None:
    encoder = load_encoder(None)
    onet = load_onet_title_index(DATA / "onet")
    items = _livecareer(args.texts) + _eval("resumes") + _eval("jobs")
    if args.sets:
        items = [i for i in items if i["set"] in args.sets.split(",") and i["domain"]]
    cache = args.cache
    vectors, offsets, pooled_rows = [], [0], []
    for number, item in enumerate(items):
        windows = passages_of(item["text"], encoder)
        encoded = encoder.encode(document_passages(item["text"], None, passages=windows))
        vectors.append(encoded)
        offsets.append(offsets[-1] + len(encoded))
        pooled = l2_normalise(
            encoded[1:].mean(axis=0, keepdims=True) if len(encoded) > 1 else encoded
        )
        pooled_rows.append(pooled[0])
        item["skills"] = [match.uri for match in extract_skills(item["text"])]
        item["onet"] = onet.probabilities(job_title(item["text"]))
        if number % 50 == 0:
            print(number, len(items), flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(
        cache / "vectors.npz",
        vectors=np.concatenate(vectors),
        offsets=np.array(offsets),
        pooled=np.stack(pooled_rows),
    )
    (cache / "items.json").write_text(json.dumps(items))


def _onet_vectors() -> tuple[np.ndarray, list[str]]:
    """O*NET "Title. Description" texts with a domain, encoded once (classifier training rows)."""
    path = WORK / "onet.npz"
    onet = read_onet_occupations(DATA / "onet" / "Occupation_Data.txt")
    if not path.is_file():
        vectors = encode_documents([item.text for item in onet], load_encoder(None)).vectors
        np.savez(path, vectors=vectors)
    return np.load(path)["vectors"], [item.domain for item in onet]


def _cross_fitted_priors(items: list[dict[str, Any]], pooled: np.ndarray) -> dict[int, np.ndarray]:
    """Priors for the tuning-part eval items from classifiers that never saw them (5 folds).

    Each fold's classifier is the shipped recipe (logistic regression, C = 4, O*NET rows at
    weight 0.5) fitted on the other tuning-part eval items plus O*NET: the split classifier has
    seen every tuning-part eval item, so its priors there would be in-sample.
    """
    onet_vectors, onet_labels = _onet_vectors()
    tuning = [
        i
        for i, item in enumerate(items)
        if item["set"] != "livecareer" and item["split"] == "tuning"
    ]
    folds = {i: int(held_out_score("fold:" + items[i]["id"]) * 5) for i in tuning}
    priors = {}
    for fold in range(5):
        train = [i for i in tuning if folds[i] != fold]
        x = np.concatenate([pooled[train], onet_vectors])
        y = [items[i]["domain"] for i in train] + onet_labels
        w = np.array([1.0] * len(train) + [0.5] * len(onet_labels))
        model = LogisticRegression(C=4.0, max_iter=5000).fit(x, y, sample_weight=w)
        scored = [i for i in tuning if folds[i] == fold]
        proba = model.predict_proba(pooled[scored])
        for row, i in enumerate(scored):
            full = np.zeros(len(DOMAIN_KEYS))
            for column, label in enumerate(model.classes_):
                full[DOMAIN_KEYS.index(str(label))] = proba[row, column]
            priors[i] = full
    return priors


def _split_classifier(items: list[dict[str, Any]], pooled: np.ndarray) -> DomainClassifier:
    """The shipped recipe fitted on the tuning-part eval items plus O*NET (no held-out item).

    The same fit as ``train_domain_classifier --out ...`` without ``--refit-all`` (C chosen by
    5-fold CV on the train items), from the cached pooled vectors instead of a second encode.
    """
    onet_vectors, onet_labels = _onet_vectors()
    train = [
        i
        for i, item in enumerate(items)
        if item["set"] != "livecareer" and item["split"] == "tuning"
    ]
    labelled = [
        LabelledText(items[i]["id"], "", items[i]["domain"], items[i]["set"]) for i in train
    ] + [LabelledText(f"onet:{n}", "", label, "onet") for n, label in enumerate(onet_labels)]
    x = np.concatenate([pooled[train], onet_vectors]).astype(np.float32)
    return fit_domain_classifier(x, labelled, model_id="split")


def _load(
    classifier_path: Path, cache: Path = CACHE
) -> tuple[list[dict[str, Any]], list[np.ndarray]]:
    items = json.loads((cache / "items.json").read_text())
    data = np.load(cache / "vectors.npz")
    if classifier_path.is_file():
        classifier = load_domain_classifier(classifier_path)
    else:
        classifier = _split_classifier(items, data["pooled"])
    priors = classifier.domain_probabilities(data["pooled"])
    crossed = _cross_fitted_priors(items, data["pooled"])
    for number, (item, prior) in enumerate(zip(items, priors, strict=True)):
        item["prior"] = [float(value) for value in crossed.get(number, prior)]
    offsets = data["offsets"]
    vectors = [data["vectors"][offsets[i] : offsets[i + 1]] for i in range(len(items))]
    return items, vectors


def _evidence(item: dict, vectors: np.ndarray, use_onet: bool, use_prior: bool) -> DocumentEvidence:
    return DocumentEvidence(
        text=item["text"],
        passage_vectors=vectors,
        skill_uris=tuple(item["skills"]),
        domain_prior=tuple(item["prior"]) if use_prior else None,
        onet_domains=tuple(item["onet"]) if use_onet and item["onet"] else None,
    )


Prepared = list[tuple[dict[str, Any], DocumentEvidence, dict[str, np.ndarray]]]


def prepare(
    index: OccupationIndex, items: list[dict[str, Any]], vectors: list[np.ndarray]
) -> Prepared:
    """Every document's evidence scores, computed once (they do not depend on the weights)."""
    prepared = []
    for item, vec in zip(items, vectors, strict=True):
        evidence = _evidence(item, vec, use_onet=True, use_prior=True)
        prepared.append((item, evidence, evidence_scores(index, evidence)))
    return prepared


def score(
    index: OccupationIndex,
    prepared: Prepared,
    weights: OccupationWeights,
    split: str,
    detail: bool = False,
) -> dict[str, dict[str, Any]]:
    """Accuracy and macro-F1 per data set on the items of ``split`` with a domain label."""
    results = {}
    for name in ("livecareer", "resumes", "jobs"):
        chosen = [
            (item, evidence, scores)
            for item, evidence, scores in prepared
            if item["set"] == name and item["domain"] and split in ("all", item["split"])
        ]
        profiles = [
            profile_from_scores(index, scores, evidence, weights) for _, evidence, scores in chosen
        ]
        truth = [item["domain"] for item, _, _ in chosen]
        predicted = [profile.domain for profile in profiles]
        report = classification_report(truth, predicted)
        correct = [a == b for a, b in zip(truth, predicted, strict=True)]
        confidence = [profile.domain_confidence for profile in profiles]
        results[name] = {
            "n": len(chosen),
            "accuracy": round(report.accuracy, 4),
            "macro_f1": round(report.macro_f1, 4),
            "ece": reliability(confidence, correct)["ece"],
        }
        if detail:
            results[name]["f1"] = {
                key: round(value["f1"], 3) for key, value in report.per_domain.items()
            }
            results[name]["predicted"] = {
                key: predicted.count(key) for key in sorted(set(predicted))
            }
    return results


def _index() -> OccupationIndex:
    return build_occupation_index(read_esco_folder(), load_encoder(None))


# The grid of the third round (issue #20, 2026-12-04); the earlier rounds also varied label,
# skills, titles, temperature and domain_top (docs/evaluation/domains.md).
GRID: dict[str, tuple[float, ...]] = {
    "onet": (0.25, 0.35, 0.5),
    "classifier": (0.3, 0.35, 0.4, 0.5, 0.6),
    "domain_balance": (0.0, 0.5, 0.75, 1.0),
    "domain_spread": (1.0, 2.0, 2.5, 3.0, 4.0),
    "job_titles": (0.0, 0.5, 1.0),
}


def tune(args: argparse.Namespace) -> None:
    """Grid over GRID on the tuning parts; objective: mean macro-F1 of the three sets."""
    index = _index()
    items, vectors = _load(args.classifier, args.cache)
    prepared = prepare(index, items, vectors)
    grid = json.loads(args.grid) if args.grid else GRID
    rows = []
    for values in itertools.product(*grid.values()):
        chosen = dict(zip(grid, values, strict=True))
        weights = replace(DEFAULT_WEIGHTS, **chosen)  # type: ignore[arg-type]
        result = score(index, prepared, weights, "tuning")
        objective = float(np.mean([r["macro_f1"] for r in result.values()]))
        rows.append((objective, chosen, result))
        print(round(objective, 4), chosen, result, flush=True)
    rows.sort(key=lambda row: -row[0])
    for row in rows[:10]:
        print("BEST", json.dumps(row))


def report(args: argparse.Namespace) -> None:
    """The frozen DEFAULT_WEIGHTS on the tuning, held-out and whole parts."""
    index = _index()
    items, vectors = _load(args.classifier, args.cache)
    prepared = prepare(index, items, vectors)
    for split in args.splits.split(","):
        print(split, json.dumps(score(index, prepared, DEFAULT_WEIGHTS, split, args.detail)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("collect")
    one.add_argument("--texts", type=Path, default=WORK / "livecareer.jsonl")
    one.add_argument("--sets", help="only these sets' labelled items (livecareer,resumes,jobs)")
    one.add_argument("--cache", type=Path, default=CACHE, help="where the evidence is cached")
    for name in ("tune", "report"):
        command = sub.add_parser(name)
        command.add_argument("--classifier", type=Path, default=SPLIT_CLASSIFIER)
        command.add_argument("--cache", type=Path, default=CACHE, help="from collect --cache")
    sub.choices["tune"].add_argument("--grid", help='JSON {"weight": [values, ...]} (GRID)')
    sub.choices["report"].add_argument(
        "--splits", default="tuning,held_out,all", help="comma-separated: tuning, held_out, all"
    )
    sub.choices["report"].add_argument(
        "--detail", action="store_true", help="also per-domain F1 and the predicted domains"
    )
    args = parser.parse_args()
    {"collect": collect, "tune": tune, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
