"""Serializers of the matching API: scores, rankings, recommendations, scoring runs."""

from rest_framework import serializers

from matching.occupation_serializers import occupation_reading_field


class CandidateSummarySerializer(serializers.Serializer):
    """What a ranking shows of a candidate: never contact details or sensitive attributes."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()
    headline = serializers.CharField()
    region = serializers.CharField()


class ExplainedScoreSerializer(serializers.Serializer):
    score = serializers.FloatField()
    bucket = serializers.CharField()
    features = serializers.JSONField()
    matched_skills = serializers.ListField(child=serializers.CharField())
    missing_skills = serializers.ListField(child=serializers.CharField())
    missing_categories = serializers.ListField(child=serializers.CharField())
    recommendations = serializers.ListField(child=serializers.CharField())
    candidate_domain = serializers.CharField()
    vacancy_domain = serializers.CharField()
    breakdown = serializers.JSONField(source="features.breakdown", default=None)
    missing_items = serializers.JSONField(source="features.missing_items", default=None)


class RankingEntryOutputSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    candidate = CandidateSummarySerializer()
    retrieval_cosine = serializers.FloatField()
    application_id = serializers.IntegerField(allow_null=True)
    rerank_score = serializers.FloatField(allow_null=True)
    ranker_score = serializers.FloatField(allow_null=True)
    # With a recruiter's override, the explanation's score and bucket are the override's and
    # the position follows it (as on the vacancy page); the model's own score stays visible.
    model_score = serializers.FloatField()
    override_score = serializers.FloatField(allow_null=True)
    override_reason = serializers.CharField()
    explanation = ExplainedScoreSerializer(source="scored")


class OccupationFilterQuerySerializer(serializers.Serializer):
    occupation_uri = serializers.CharField(
        max_length=255,
        required=False,
        default="",
        help_text="Only candidates whose CV reads as this ESCO occupation (among its top 3).",
    )
    isco_group = serializers.RegexField(
        r"^\d{1,4}$",
        required=False,
        default="",
        help_text="Only candidates whose CV reads as an occupation of this ISCO group "
        "(1 to 4 digits: major, sub-major, minor or unit group).",
    )


class RankingQuerySerializer(OccupationFilterQuerySerializer):
    k = serializers.IntegerField(min_value=1, max_value=500, default=50)
    pool = serializers.ChoiceField(
        choices=["applicants", "talent_pool", "all"], default="applicants"
    )
    same_region = serializers.BooleanField(default=False)


class TalentPoolQuerySerializer(OccupationFilterQuerySerializer):
    k = serializers.IntegerField(min_value=1, max_value=500, default=20)


class TalentPoolInviteInputSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(min_value=1)


class InviteOutputSerializer(serializers.Serializer):
    application_id = serializers.IntegerField()
    status = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.source


class RecommendationOutputSerializer(serializers.Serializer):
    vacancy_id = serializers.IntegerField()
    vacancy_title = serializers.CharField()
    score = serializers.FloatField()
    bucket = serializers.CharField()
    matched_skills = serializers.ListField(child=serializers.CharField())
    missing_skills = serializers.ListField(child=serializers.CharField())
    recommendations = serializers.ListField(child=serializers.CharField())
    breakdown = serializers.JSONField(source="features.breakdown", default=None)
    missing_items = serializers.JSONField(source="features.missing_items", default=None)
    model_version = serializers.CharField()


class MatchScoreOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    vacancy = serializers.IntegerField(source="vacancy_id")
    candidate = serializers.IntegerField(source="candidate_id")
    application = serializers.IntegerField(source="application_id", allow_null=True)
    model_version = serializers.CharField()
    score = serializers.FloatField()
    effective_score = serializers.FloatField()
    bucket = serializers.CharField()
    effective_bucket = serializers.CharField()
    features = serializers.JSONField()
    matched_skills = serializers.JSONField()
    missing_skills = serializers.JSONField()
    missing_categories = serializers.JSONField()
    recommendations = serializers.JSONField()
    breakdown = serializers.JSONField(source="features.breakdown", default=None)
    missing_items = serializers.JSONField(source="features.missing_items", default=None)
    override_score = serializers.FloatField(allow_null=True)
    override_reason = serializers.CharField()
    candidate_occupations = occupation_reading_field("candidate.occupation_reading")
    vacancy_occupations = occupation_reading_field("vacancy.occupation_reading")
    updated_at = serializers.DateTimeField()


class RescoreInputSerializer(serializers.Serializer):
    vacancy = serializers.IntegerField(min_value=1, required=False)


class ScoringRunOutputSerializer(serializers.Serializer):
    task_id = serializers.SerializerMethodField()
    run = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    progress = serializers.FloatField()
    model_version = serializers.CharField()
    # Why a failed run stopped (empty otherwise).
    message = serializers.CharField()

    def get_task_id(self, run) -> str:  # type: ignore[no-untyped-def]
        return f"scoring-run-{run.pk}"


class RankingOutputSerializer(serializers.Serializer):
    vacancy = serializers.IntegerField()
    pool = serializers.CharField()
    k = serializers.IntegerField()
    model_version = serializers.CharField()
    reranker = serializers.CharField(allow_null=True)
    ranker = serializers.CharField(allow_null=True)
    # Pool candidates without a current score: the worker scores them (``scoring_run``'s
    # progress, also at tasks/scoring-run-<id>/) and they join the ranking when done.
    pending = serializers.IntegerField()
    scoring_run = ScoringRunOutputSerializer(allow_null=True)
    # True while the cross-encoder scores the head in the worker: the head keeps the feature
    # order until then (stage 2 is never served stale or half done).
    rerank_pending = serializers.BooleanField()
    results = RankingEntryOutputSerializer(many=True)


class ScoreOverrideInputSerializer(serializers.Serializer):
    score = serializers.FloatField(min_value=0, max_value=100, allow_null=True)
    reason = serializers.CharField(max_length=2000)
