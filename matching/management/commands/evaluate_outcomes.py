"""`manage.py evaluate_outcomes`: FairMatch's ranking judged by the database's own outcomes."""

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.services.outcome_evaluation import METHODS, outcome_evaluate

NO_LABELLED_APPLICATIONS = (
    "no labelled applications (hired, rejected or interview declined) to evaluate on"
)


class Command(BaseCommand):
    help = (
        "Rank each vacancy's decided applications by FairMatch's score and by two baselines "
        "(embedding cosine, arrival order); hired = relevant. Prints IR metrics at k."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument(
            "--three-class",
            action="store_true",
            help="graded relevance: hired 2, talent pool 1, rejected 0 (default: hired 1, else 0)",
        )
        parser.add_argument("--vacancy", type=int, action="append", help="restrict to vacancy ID")
        parser.add_argument("--json", action="store_true", help="one JSON object on stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["k"] < 1:
            raise CommandError("--k must be at least 1")
        evaluation = outcome_evaluate(
            k=options["k"], three_class=options["three_class"], vacancy_ids=options["vacancy"]
        )
        if evaluation is None:
            raise CommandError(NO_LABELLED_APPLICATIONS)
        if options["json"]:
            self.stdout.write(json.dumps(asdict(evaluation)))
            return
        k = evaluation.k
        self.stdout.write(
            f"{evaluation.n_applications} decided applications, {evaluation.n_vacancies} "
            f"vacancies, {evaluation.n_vacancies_ranked} with at least one hire"
        )
        names = (f"ndcg@{k}", f"mrr@{k}", f"map@{k}", "precision@k", "recall@k", "auc")
        self.stdout.write(f"{'method':<18}" + "".join(f"{name:>13}" for name in names))
        for method in METHODS:
            row = evaluation.methods[method]
            self.stdout.write(f"{method:<18}" + "".join(f"{row[name]:>13.3f}" for name in names))
        if evaluation.n_vacancies_ranked == 0:
            self.stdout.write("No vacancy has a hire yet: the metrics above carry no signal.")
