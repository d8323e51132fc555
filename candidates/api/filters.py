"""Query filters of the candidate API."""

import django_filters
from django.core.validators import RegexValidator
from django.db.models import QuerySet

from candidates.models import Candidate
from matching.occupation_selectors import candidates_filter_by_occupation


class CandidateFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region", lookup_expr="iexact")
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    external_id = django_filters.CharFilter(field_name="external_id")
    is_anonymised = django_filters.BooleanFilter(field_name="is_anonymised")
    occupation_uri = django_filters.CharFilter(
        method="filter_occupation",
        label="Only candidates whose CV reads as this ESCO occupation (among its top 3).",
    )
    isco_group = django_filters.CharFilter(
        method="filter_isco_group",
        max_length=4,
        validators=[RegexValidator(r"^\d{1,4}$", "An ISCO group is 1 to 4 digits.")],
        label="Only candidates whose CV reads as an occupation of this ISCO group (1-4 digits).",
    )

    class Meta:
        model = Candidate
        fields = ["region", "city", "external_id", "is_anonymised"]

    def filter_occupation(
        self, queryset: QuerySet[Candidate], name: str, value: str
    ) -> QuerySet[Candidate]:
        return candidates_filter_by_occupation(queryset, occupation_uri=value.strip())

    def filter_isco_group(
        self, queryset: QuerySet[Candidate], name: str, value: str
    ) -> QuerySet[Candidate]:
        return candidates_filter_by_occupation(queryset, isco_group=value.strip())
