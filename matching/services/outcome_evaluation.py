"""How well FairMatch ranks a deployment's own applicants, judged by what recruiters decided.

Each vacancy's labelled applications (hired = relevant; rejected and interview declined = not;
with ``three_class`` the talent pool is a middle grade) are ranked by FairMatch's score of the
CV today and, side by side, by two baselines a recruiter could use without FairMatch: arrival
order (first come, first served) and the plain whole-text embedding cosine. Vacancies without
any relevant application carry no signal and are left out of the averages (and counted).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from matching.core.evaluation.evaluation import evaluate_ranking
from matching.services.outcome_labels import label_of, labelled_statuses
from matching.services.scoring import pairs_score
from vacancies.models import Application

METHODS = ("fairmatch", "embedding_cosine", "arrival_order")


@dataclass(frozen=True, slots=True)
class VacancyOutcome:
    """One vacancy's labelled applications and FairMatch's NDCG on them."""

    vacancy_id: int
    title: str
    n_applications: int
    n_relevant: int
    ndcg: float | None


@dataclass(frozen=True, slots=True)
class OutcomeEvaluation:
    """IR metrics at k of each method over the vacancies with at least one relevant application."""

    k: int
    three_class: bool
    n_applications: int
    n_vacancies: int
    n_vacancies_ranked: int
    methods: dict[str, dict[str, float]]
    vacancies: list[VacancyOutcome]


def labelled_applications(
    *, three_class: bool = False, vacancy_ids: Sequence[int] | None = None
) -> list[Application]:
    """Applications whose status carries an outcome label, in a stable order."""
    queryset = Application.objects.filter(
        status__in=labelled_statuses(three_class=three_class),
        candidate__is_anonymised=False,
    ).select_related("candidate", "vacancy")
    if vacancy_ids:
        queryset = queryset.filter(vacancy_id__in=list(vacancy_ids))
    return list(queryset.order_by("vacancy_id", "created_at", "pk"))


def outcome_evaluate(
    *, k: int = 10, three_class: bool = False, vacancy_ids: Sequence[int] | None = None
) -> OutcomeEvaluation | None:
    """Rank each vacancy's labelled applicants by each method; ``None`` when nothing is labelled."""
    applications = labelled_applications(three_class=three_class, vacancy_ids=vacancy_ids)
    if not applications:
        return None
    scored = pairs_score([(a.candidate, a.vacancy, a) for a in applications])
    labels = [float(label_of(a.status, three_class=three_class) or 0) for a in applications]
    groups = [str(a.vacancy_id) for a in applications]
    arrival_rank = _arrival_scores(applications)
    method_scores = {
        "fairmatch": [item.score for item in scored],
        "embedding_cosine": [float(item.features["semantic"]["cosine"]) for item in scored],
        "arrival_order": arrival_rank,
    }
    per_vacancy = _per_vacancy(applications, labels, method_scores["fairmatch"], k=k)
    ranked = [row for row in per_vacancy if row.n_relevant > 0]
    return OutcomeEvaluation(
        k=k,
        three_class=three_class,
        n_applications=len(applications),
        n_vacancies=len(per_vacancy),
        n_vacancies_ranked=len(ranked),
        methods={
            name: evaluate_ranking(scores, labels, groups, k=k)
            for name, scores in method_scores.items()
        },
        vacancies=per_vacancy,
    )


def _arrival_scores(applications: Sequence[Application]) -> list[float]:
    """Earlier applications score higher within their vacancy (the input is in arrival order)."""
    position: dict[int, int] = defaultdict(int)
    scores = []
    for application in applications:
        position[application.vacancy_id] += 1
        scores.append(-float(position[application.vacancy_id]))
    return scores


def _per_vacancy(
    applications: Sequence[Application], labels: Sequence[float], scores: Sequence[float], *, k: int
) -> list[VacancyOutcome]:
    members: dict[int, list[int]] = defaultdict(list)
    for index, application in enumerate(applications):
        members[application.vacancy_id].append(index)
    rows = []
    for vacancy_id, indices in members.items():
        vacancy_labels = [labels[i] for i in indices]
        n_relevant = sum(label > 0 for label in vacancy_labels)
        ndcg = None
        if n_relevant:
            metrics = evaluate_ranking(
                [scores[i] for i in indices], vacancy_labels, [str(vacancy_id)] * len(indices), k=k
            )
            ndcg = round(metrics[f"ndcg@{k}"], 4)
        rows.append(
            VacancyOutcome(
                vacancy_id=vacancy_id,
                title=applications[indices[0]].vacancy.title,
                n_applications=len(indices),
                n_relevant=n_relevant,
                ndcg=ndcg,
            )
        )
    return rows
