"""The vacancy form's ESCO occupation: suggested from the title and description, or picked.

Works without JavaScript: the form's "Suggest occupation" button posts the form back with the
suggestions, each an "Accept" button that fills the field (nothing is saved until "Save"). With
JavaScript the same suggestions come from ``OccupationSuggestionsView`` as JSON and the field
autocompletes over the ESCO occupations (``OccupationAutocompleteView``).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.generic import FormView, View

from ats_site.web_views import StaffRequiredMixin
from matching.core.occupations.profile import OccupationProfile
from matching.services.occupations import STORED_OCCUPATIONS, occupations_suggest
from matching.taxonomy.occupation_catalogue import occupation_autocomplete
from vacancies.forms import VacancyForm

SUGGEST_BUTTON = "suggest_occupation"
ACCEPT_BUTTON = "accept_occupation"
OCCUPATION_FIELD = "chosen_occupation_uri"
TITLE_MAX_CHARS = 255
DESCRIPTION_MAX_CHARS = 20_000
QUERY_MAX_CHARS = 100
AUTOCOMPLETE_SUGGESTIONS = 10


def suggestions_of(profile: OccupationProfile) -> list[dict[str, Any]]:
    """The top occupations of a profile as JSON-ready rows, most confident first."""
    return [
        {
            "uri": item.uri,
            "label": item.label,
            "isco_code": item.isco_code,
            "isco_label": item.isco_label,
            "confidence": round(item.confidence, 4),
            "reads_as": f"{item.label[:1].upper()}{item.label[1:]} (ESCO), {item.confidence:.2f}",
        }
        for item in profile.occupations[:STORED_OCCUPATIONS]
    ]


def suggest_for(title: str, description: str) -> list[dict[str, Any]]:
    """The occupations a vacancy's title and description read as (none for an empty form)."""
    title, description = title[:TITLE_MAX_CHARS], description[:DESCRIPTION_MAX_CHARS]
    if not (title.strip() or description.strip()):
        return []
    return suggestions_of(occupations_suggest(title=title, description=description))


class VacancyFormView(FormView[VacancyForm]):
    """The vacancy form, with the no-JavaScript "Suggest" and "Accept" occupation buttons."""

    template_name = "vacancies/vacancy_form.html"
    form_class = VacancyForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if SUGGEST_BUTTON not in request.POST and ACCEPT_BUTTON not in request.POST:
            return super().post(request, *args, **kwargs)
        values = {key: request.POST.get(key, "") for key in VacancyForm.base_fields}
        suggestions: list[dict[str, Any]] = []
        if ACCEPT_BUTTON in request.POST:
            values[OCCUPATION_FIELD] = request.POST[ACCEPT_BUTTON]
        else:
            suggestions = suggest_for(values["title"], values["description"])
        # Unbound: the form comes back as typed, without "required" errors on unfinished fields.
        form = VacancyForm(initial=values)
        context = self.get_context_data(
            form=form,
            occupation_suggestions=suggestions,
            occupation_suggested=SUGGEST_BUTTON in request.POST,
        )
        return self.render_to_response(context)


class OccupationSuggestionsView(StaffRequiredMixin, View):
    """POST ``title``, ``description`` -> ``{"occupations": [{uri, label, isco_code, ...}]}``."""

    def post(self, request: HttpRequest) -> JsonResponse:
        rows = suggest_for(request.POST.get("title", ""), request.POST.get("description", ""))
        return JsonResponse({"occupations": rows})


class OccupationAutocompleteView(StaffRequiredMixin, View):
    """``?q=chef`` -> ``{"occupations": [{uri, label, isco_code}]}`` over the ESCO occupations."""

    def get(self, request: HttpRequest) -> JsonResponse:
        query = request.GET.get("q", "")[:QUERY_MAX_CHARS]
        rows = [
            {"uri": o.uri, "label": o.label, "isco_code": o.isco_code}
            for o in occupation_autocomplete(query=query, limit=AUTOCOMPLETE_SUGGESTIONS)
        ]
        return JsonResponse({"occupations": rows})
