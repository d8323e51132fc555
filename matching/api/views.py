"""Matching API: scores, re-scoring, rankings, talent-pool suggestions, recommendations."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ats_site.accounts.models import User
from ats_site.api_permissions import (
    API_CLIENT,
    CANDIDATE,
    HR_ADMIN,
    RECRUITER,
    RolePermission,
    authenticated_user,
)
from candidates.models import Candidate
from candidates.selectors import candidate_list
from matching.api.serializers import (
    InviteOutputSerializer,
    MatchScoreOutputSerializer,
    RankingOutputSerializer,
    RankingQuerySerializer,
    RecommendationOutputSerializer,
    RescoreInputSerializer,
    ScoreOverrideInputSerializer,
    ScoringRunOutputSerializer,
    TalentPoolInviteInputSerializer,
    TalentPoolQuerySerializer,
)
from matching.models import MatchScore, ScoringRun
from matching.occupation_selectors import with_occupation_readings
from matching.services.overrides import match_score_override
from matching.services.ranking import candidate_recommend_vacancies, talent_pool_invite
from matching.services.ranking_read import StoredRanking, vacancy_ranking_read
from matching.services.rerank import ranker_id, reranker_model_id
from matching.services.runs import scoring_run_start
from matching.services.score_views import score_view_record
from matching.services.versions import current_model_version
from vacancies.models import Vacancy

OVERRIDE_STAFF_ONLY = "Only recruiters and HR admins may override a score."


def _user(request: Request) -> User | None:
    return request.user if isinstance(request.user, User) else None


class ScoresPermission(RolePermission):
    """Scores and rankings: recruiters, HR admins, API clients with the route's scopes."""

    read_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class RecommendationsPermission(RolePermission):
    """Job recommendations: staff, API clients, and a candidate for themself."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})


class MatchScoreViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Stored explained scores; `POST scores/rescore/` re-scores through Celery."""

    serializer_class = MatchScoreOutputSerializer
    permission_classes = [ScoresPermission]
    filterset_fields = ["vacancy", "candidate", "application", "bucket", "model_version"]
    ordering_fields = ["score", "updated_at"]

    def get_queryset(self) -> QuerySet[MatchScore]:
        return with_occupation_readings(
            MatchScore.objects.order_by("-score", "pk"),
            "candidate__occupation_reading",
            "vacancy__occupation_reading",
        )

    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        response = super().list(request, *args, **kwargs)
        results = response.data.get("results", []) if isinstance(response.data, dict) else []
        score_view_record(
            viewer=request.user,
            target_type="match_score_list",
            target_id="",
            detail={
                "filters": dict(request.query_params.items()),
                "score_ids": [row["id"] for row in results],
            },
        )
        return response

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        score_view_record(
            viewer=request.user, target_type="match_score", target_id=kwargs.get("pk", "")
        )
        return response

    @extend_schema(
        request=ScoreOverrideInputSerializer, responses={200: MatchScoreOutputSerializer}
    )
    @action(detail=True, methods=["post"])
    def override(self, request: Request, pk: str | None = None) -> Response:
        """Override the score with a reason (logged); `"score": null` clears the override."""
        data = ScoreOverrideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(request)
        if user is None or not user.is_staff_member:
            raise PermissionDenied(OVERRIDE_STAFF_ONLY)
        match_score = match_score_override(
            match_score=self.get_object(),
            score=data.validated_data["score"],
            reason=data.validated_data["reason"],
            overridden_by=user,
        )
        return Response(MatchScoreOutputSerializer(match_score).data)

    @extend_schema(request=RescoreInputSerializer, responses={202: ScoringRunOutputSerializer})
    @action(detail=False, methods=["post"])
    def rescore(self, request: Request) -> Response:
        data = RescoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vacancy = None
        if "vacancy" in data.validated_data:
            vacancy = get_object_or_404(Vacancy, pk=data.validated_data["vacancy"])
        run = scoring_run_start(vacancy=vacancy, requested_by=request.user)  # type: ignore[arg-type]
        return Response(ScoringRunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ScoringRunView(APIView):
    """State and progress of a scoring run."""

    permission_classes = [ScoresPermission]

    @extend_schema(responses={200: ScoringRunOutputSerializer})
    def get(self, request: Request, pk: int) -> Response:
        run = get_object_or_404(ScoringRun, pk=pk)
        return Response(ScoringRunOutputSerializer(run).data)


class VacancyRankingView(APIView):
    """The vacancy's best candidates (applicants, talent pool or all), each position explained."""

    permission_classes = [ScoresPermission]

    @extend_schema(parameters=[RankingQuerySerializer], responses={200: RankingOutputSerializer})
    def get(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(Vacancy, pk=pk)
        query = RankingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        ranked = vacancy_ranking_read(vacancy=vacancy, **query.validated_data)
        score_view_record(
            viewer=request.user,
            target_type="vacancy_ranking",
            target_id=vacancy.pk,
            detail={"pool": query.validated_data["pool"], "k": query.validated_data["k"]},
        )
        return _ranking_response(
            vacancy, query.validated_data["pool"], query.validated_data["k"], ranked
        )


class TalentPoolSuggestionsView(APIView):
    """Talent-pool members who have not applied, best first; POST invites one."""

    permission_classes = [ScoresPermission]

    @extend_schema(parameters=[TalentPoolQuerySerializer], responses={200: RankingOutputSerializer})
    def get(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(Vacancy, pk=pk)
        query = TalentPoolQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        ranked = vacancy_ranking_read(vacancy=vacancy, pool="talent_pool", **query.validated_data)
        score_view_record(
            viewer=request.user,
            target_type="talent_pool_suggestions",
            target_id=vacancy.pk,
            detail={"k": query.validated_data["k"], "via": "api"},
        )
        return _ranking_response(vacancy, "talent_pool", query.validated_data["k"], ranked)

    @extend_schema(request=TalentPoolInviteInputSerializer, responses={201: InviteOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(Vacancy, pk=pk)
        data = TalentPoolInviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        candidate = get_object_or_404(Candidate, pk=data.validated_data["candidate"])
        application = talent_pool_invite(
            vacancy=vacancy,
            candidate=candidate,
            invited_by=request.user,  # type: ignore[arg-type]
        )
        body = {
            "application_id": application.pk,
            "status": application.status,
            "source": application.source,
        }
        return Response(InviteOutputSerializer(body).data, status=status.HTTP_201_CREATED)


class CandidateRecommendationsView(APIView):
    """Open vacancies ranked for a candidate."""

    permission_classes = [RecommendationsPermission]

    @extend_schema(
        parameters=[OpenApiParameter("k", int, required=False)],
        responses={200: RecommendationOutputSerializer(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        # Another candidate's id is the same 404 as an unknown one: ids reveal nothing.
        user = authenticated_user(request)
        candidate = get_object_or_404(candidate_list(viewer=user), pk=pk)
        query = RankingQuerySerializer(data={"k": request.query_params.get("k", 10)})
        query.is_valid(raise_exception=True)
        scored = candidate_recommend_vacancies(candidate=candidate, k=query.validated_data["k"])
        score_view_record(
            viewer=user,
            target_type="candidate_recommendations",
            target_id=candidate.pk,
            detail={"k": query.validated_data["k"], "via": "api"},
        )
        version = current_model_version()
        titles = dict(
            Vacancy.objects.filter(pk__in=[s.vacancy_id for s in scored]).values_list("pk", "title")
        )
        rows = [
            {
                "vacancy_id": item.vacancy_id,
                "vacancy_title": titles[item.vacancy_id],
                "score": item.score,
                "bucket": item.bucket,
                "matched_skills": item.matched_skills,
                "missing_skills": item.missing_skills,
                "recommendations": item.recommendations,
                "features": item.features,
                "model_version": version,
            }
            for item in scored
        ]
        return Response(RecommendationOutputSerializer(rows, many=True).data)


def _ranking_response(vacancy: Vacancy, pool: str, k: int, ranking: StoredRanking) -> Response:
    """A ranking of ``vacancy``'s candidates with the versions of the models that made it, and
    what the worker is still scoring for it."""
    payload = {
        "vacancy": vacancy.pk,
        "pool": pool,
        "k": k,
        "model_version": current_model_version(),
        "reranker": reranker_model_id(),
        "ranker": ranker_id(),
        "pending": ranking.pending,
        "scoring_run": ranking.run,
        "rerank_pending": ranking.rerank_pending,
        "results": ranking.ranked,
    }
    return Response(RankingOutputSerializer(payload).data)
