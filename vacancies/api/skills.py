"""`GET vacancies/skills-autocomplete/?q=`: canonical (ESCO) skills for vacancy forms."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ats_site.api_permissions import VacancyPermission
from ats_site.api_schema import READ_ERRORS, with_errors
from matching.taxonomy.selectors import AUTOCOMPLETE_MAX, skill_autocomplete


class SkillAutocompleteInputSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=100, help_text="Part of a skill label.")
    limit = serializers.IntegerField(min_value=1, max_value=AUTOCOMPLETE_MAX, default=10)


class SkillOutputSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField(source="preferred_label")  # type: ignore[assignment]
    skill_type = serializers.CharField()


class SkillAutocompleteView(APIView):
    """Skills whose labels contain the query, label prefixes first."""

    permission_classes = [VacancyPermission]

    @extend_schema(
        summary="Skill suggestions for a vacancy's skill lists",
        parameters=[SkillAutocompleteInputSerializer],
        responses=with_errors({200: SkillOutputSerializer(many=True)}, READ_ERRORS),
    )
    def get(self, request: Request) -> Response:
        data = SkillAutocompleteInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        skills = skill_autocomplete(
            query=data.validated_data["q"], limit=data.validated_data["limit"]
        )
        return Response(SkillOutputSerializer(skills, many=True).data)
