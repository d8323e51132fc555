"""Web pages for vacancies: recruiter dashboard, vacancy forms, pipeline board, job board."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from ats_site.web_views import StaffRequiredMixin
from candidates.selectors import documents_failed_for_uploader
from matching.services.score_views import score_view_record
from matching.taxonomy.selectors import skill_autocomplete
from vacancies.exports import vacancy_applicants_csv
from vacancies.forms import ApplicationMoveForm, ApplyForm, VacancyForm, next_status_choices
from vacancies.hiring_selectors import application_emails, application_interviews
from vacancies.models import Application, Vacancy
from vacancies.occupation_views import VacancyFormView
from vacancies.pipeline import application_move_notify
from vacancies.selectors import application_history, application_list, vacancy_list
from vacancies.services import vacancy_create, vacancy_update
from vacancies.web_selectors import (
    new_application_list,
    open_vacancy_list,
    vacancy_list_newest_first,
    vacancy_pipeline,
)

VACANCY_CREATED = _("Vacancy created.")
VACANCY_SAVED = _("Vacancy saved.")
APPLICATION_MOVED = _("Application moved.")
SKILL_SUGGESTIONS = 10
SKILL_QUERY_MAX_CHARS = 100


def _user(request: HttpRequest) -> User:
    """The logged-in user (the role mixins have already refused anonymous visitors)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _add_service_errors(form: VacancyForm, error: ValidationError | ApplicationError) -> None:
    if isinstance(error, ApplicationError):
        form.add_error(None, error.message)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class RecruiterDashboardView(StaffRequiredMixin, TemplateView):
    """Open vacancies and the newest applications."""

    template_name = "vacancies/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        return super().get_context_data(
            open_vacancies=open_vacancy_list(viewer=user),
            new_applications=new_application_list(viewer=user),
            failed_uploads=documents_failed_for_uploader(uploader=user),
            **kwargs,
        )


class VacancyListView(StaffRequiredMixin, ListView[Vacancy]):
    """Every vacancy, newest first."""

    template_name = "vacancies/vacancy_list.html"
    context_object_name = "vacancies"
    paginate_by = 25

    def get_queryset(self) -> Any:
        return vacancy_list_newest_first(viewer=_user(self.request))


class VacancyCreateView(StaffRequiredMixin, VacancyFormView):
    """Create a vacancy through `vacancy_create`."""

    initial = {"status": Vacancy.Status.OPEN, "seniority": Vacancy.Seniority.MID}

    def form_valid(self, form: VacancyForm) -> HttpResponse:
        try:
            vacancy = vacancy_create(owner=_user(self.request), **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            _add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, VACANCY_CREATED)
        return redirect("web:vacancy-detail", pk=vacancy.pk)


class VacancyUpdateView(StaffRequiredMixin, VacancyFormView):
    """Edit a vacancy through `vacancy_update`."""

    @cached_property
    def vacancy(self) -> Vacancy:
        """The edited vacancy, looked up after the role check."""
        return get_object_or_404(vacancy_list(viewer=_user(self.request)), pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return VacancyForm.initial_for(self.vacancy)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(vacancy=self.vacancy, **kwargs)

    def form_valid(self, form: VacancyForm) -> HttpResponse:
        try:
            vacancy_update(vacancy=self.vacancy, data=form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            _add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, VACANCY_SAVED)
        return redirect("web:vacancy-detail", pk=self.vacancy.pk)


class VacancyDetailView(StaffRequiredMixin, TemplateView):
    """A vacancy, its pipeline board (one move form per card) and the ranked candidates slot."""

    template_name = "vacancies/vacancy_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        vacancy = get_object_or_404(vacancy_list(viewer=user), pk=self.kwargs["pk"])
        columns = [
            {
                "status": column.status,
                "cards": [
                    {"application": app, "choices": next_status_choices(app.status)}
                    for app in column.applications
                ],
            }
            for column in vacancy_pipeline(viewer=user, vacancy=vacancy)
        ]
        # The page embeds the ranked scores (matching's `vacancy_ranking` tag).
        score_view_record(
            viewer=user, target_type="vacancy_ranking", target_id=vacancy.pk, detail={"via": "web"}
        )
        return super().get_context_data(vacancy=vacancy, columns=columns, **kwargs)


class VacancyApplicantsCsvView(StaffRequiredMixin, View):
    """The vacancy's applicants as a CSV download (no sensitive attributes; logged)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        vacancy = get_object_or_404(vacancy_list(viewer=user), pk=pk)
        body = vacancy_applicants_csv(vacancy=vacancy, exported_by=user)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        filename = f"vacancy-{vacancy.pk}-applicants.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ApplicationDetailView(StaffRequiredMixin, TemplateView):
    """One application: candidate, vacancy, current status, move form and status history."""

    template_name = "vacancies/application_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        application = get_object_or_404(application_list(viewer=user), pk=self.kwargs["pk"])
        return super().get_context_data(
            application=application,
            history=application_history(application=application),
            move_form=ApplicationMoveForm(current_status=application.status),
            interviews=application_interviews(application=application),
            emails=application_emails(application=application),
            **kwargs,
        )


class ApplicationMoveView(StaffRequiredMixin, View):
    """POST only: move an application, then go back to where the form was (board or detail)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        application: Application = get_object_or_404(application_list(viewer=user), pk=pk)
        form = ApplicationMoveForm(request.POST, current_status=application.status)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, f"{application.candidate}: {error}")
            return redirect(self._back(request, application))
        try:
            application_move_notify(
                application=application,
                to_status=form.cleaned_data["to_status"],
                moved_by=user,
                reason=form.cleaned_data["reason"],
                send_email=form.cleaned_data["send_email"],
            )
        except ApplicationError as error:
            messages.error(request, f"{application.candidate}: {gettext(error.message)}")
        else:
            messages.success(request, f"{application.candidate}: {APPLICATION_MOVED}")
        return redirect(self._back(request, application))

    @staticmethod
    def _back(request: HttpRequest, application: Application) -> str:
        if request.POST.get("next") == "detail":
            return reverse("web:application-detail", kwargs={"pk": application.pk})
        if request.POST.get("next") == "pipeline":
            board = reverse("web:vacancy-pipeline", kwargs={"pk": application.vacancy_id})
            return f"{board}#application-{application.pk}"
        board = reverse("web:vacancy-detail", kwargs={"pk": application.vacancy_id})
        return f"{board}#application-{application.pk}"


class JobBoardView(ListView[Vacancy]):
    """Open vacancies, for everyone (apply needs a candidate login)."""

    template_name = "vacancies/job_board.html"
    context_object_name = "vacancies"
    paginate_by = 20

    def get_queryset(self) -> Any:
        user = self.request.user if isinstance(self.request.user, User) else None
        return open_vacancy_list(viewer=user)


class JobDetailView(TemplateView):
    """An open vacancy as candidates see it, with the apply form for candidate logins."""

    template_name = "vacancies/job_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user if isinstance(self.request.user, User) else None
        vacancy = get_object_or_404(open_vacancy_list(viewer=user), pk=self.kwargs["pk"])
        existing = None
        if user is not None and user.is_candidate:
            existing = application_list(viewer=user).filter(vacancy=vacancy).first()
        context = {
            "vacancy": vacancy,
            "apply_form": kwargs.pop("apply_form", ApplyForm()),
            "existing_application": existing,
        }
        return super().get_context_data(**context, **kwargs)


class SkillAutocompleteView(StaffRequiredMixin, View):
    """ESCO skill suggestions for the vacancy form: `?q=pyth` -> `{"skills": [{label, uri}]}`."""

    def get(self, request: HttpRequest) -> JsonResponse:
        query = request.GET.get("q", "")[:SKILL_QUERY_MAX_CHARS]
        skills = skill_autocomplete(query=query, limit=SKILL_SUGGESTIONS)
        payload = [{"label": skill.preferred_label, "uri": skill.uri} for skill in skills]
        return JsonResponse({"skills": payload})
