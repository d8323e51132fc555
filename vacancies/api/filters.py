"""Query filters of the vacancy and application API."""

import django_filters
from django import forms

from vacancies.models import Application, Vacancy
from vacancies.workflow import ApplicationStatus


class IdFilter(django_filters.NumberFilter):
    """An integer id (the default NumberFilter accepts decimals)."""

    field_class = forms.IntegerField


class VacancyFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Vacancy.Status.choices)
    region = django_filters.CharFilter(field_name="region", lookup_expr="iexact")
    seniority = django_filters.ChoiceFilter(choices=Vacancy.Seniority.choices)
    owner = IdFilter(field_name="owner_id")

    class Meta:
        model = Vacancy
        fields = ["status", "region", "seniority", "owner"]


class ApplicationFilter(django_filters.FilterSet):
    vacancy = IdFilter(field_name="vacancy_id")
    candidate = IdFilter(field_name="candidate_id")
    status = django_filters.ChoiceFilter(choices=[(s.value, s.value) for s in ApplicationStatus])
    source = django_filters.ChoiceFilter(choices=Application.Source.choices)

    class Meta:
        model = Application
        fields = ["vacancy", "candidate", "status", "source"]
