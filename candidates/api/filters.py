"""Query filters of the candidate API."""

import django_filters

from candidates.models import Candidate


class CandidateFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region", lookup_expr="iexact")
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    external_id = django_filters.CharFilter(field_name="external_id")
    is_anonymised = django_filters.BooleanFilter(field_name="is_anonymised")

    class Meta:
        model = Candidate
        fields = ["region", "city", "external_id", "is_anonymised"]
