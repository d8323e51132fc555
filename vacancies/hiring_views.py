"""Web pages of the hiring workflow: kanban board, bulk actions, status e-mails, interviews."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from ats_site.exceptions import ApplicationError
from ats_site.web_views import StaffRequiredMixin
from vacancies.emails import application_status_email_queue
from vacancies.forms import ApplicationMoveForm
from vacancies.hiring_forms import BulkActionForm, InterviewForm, ScorecardForm
from vacancies.hiring_selectors import interview_list, kanban_columns, staff_list
from vacancies.interview_calendar import interview_ics
from vacancies.interviews import interview_feedback_submit, interview_schedule
from vacancies.models import Application, Interview, Vacancy
from vacancies.pipeline import applications_bulk_move
from vacancies.selectors import application_list, vacancy_list
from vacancies.views import _user

BULK_MOVED = _("%(count)d application(s) moved.")
EMAIL_QUEUED = _("The e-mail is queued and will be sent shortly.")
INTERVIEW_SCHEDULED = _("Interview scheduled.")
INVITES_QUEUED = _("The invitations are queued and will be sent shortly.")
FEEDBACK_SAVED = _("Scorecard saved.")
NOT_AN_INTERVIEWER = _("Only the interview's interviewers can give feedback.")


class VacancyPipelineView(StaffRequiredMixin, TemplateView):
    """The kanban board: one column per status; drag a card, or use its move form."""

    template_name = "vacancies/pipeline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        vacancy = get_object_or_404(vacancy_list(viewer=user), pk=self.kwargs["pk"])
        applications = application_list(viewer=user, vacancy=vacancy)
        columns = [
            {
                "status": column.status,
                "cards": [
                    {
                        "application": card.application,
                        "allowed": " ".join(card.allowed),
                        "form": ApplicationMoveForm(current_status=card.application.status),
                    }
                    for card in column.cards
                ],
            }
            for column in kanban_columns(viewer=user, vacancy=vacancy)
        ]
        return super().get_context_data(
            vacancy=vacancy,
            columns=columns,
            bulk_form=BulkActionForm(applications=applications),
            **kwargs,
        )


class VacancyPipelineBulkView(StaffRequiredMixin, View):
    """POST only: move or reject the selected applications, then back to the board."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        vacancy: Vacancy = get_object_or_404(vacancy_list(viewer=user), pk=pk)
        form = BulkActionForm(
            request.POST, applications=application_list(viewer=user, vacancy=vacancy)
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect("web:vacancy-pipeline", pk=vacancy.pk)
        selected = list(form.cleaned_data["applications"])
        result = applications_bulk_move(
            applications=selected,
            to_status=form.target_status(),
            moved_by=user,
            reason=form.cleaned_data["reason"],
            send_email=form.cleaned_data["send_email"],
        )
        if result.moved:
            messages.success(request, BULK_MOVED % {"count": len(result.moved)})
        names = {application.pk: str(application.candidate) for application in selected}
        for application_id, message in result.refused.items():
            messages.error(request, f"{names[application_id]}: {gettext(message)}")
        return redirect("web:vacancy-pipeline", pk=vacancy.pk)


def _visible_application(request: HttpRequest, pk: int) -> Application:
    application: Application = get_object_or_404(application_list(viewer=_user(request)), pk=pk)
    return application


class ApplicationEmailSendView(StaffRequiredMixin, View):
    """POST only: queue the template e-mail of the application's current status."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = _visible_application(request, pk)
        try:
            application_status_email_queue(application=application, queued_by=_user(request))
        except ApplicationError as error:
            messages.error(request, gettext(error.message))
        else:
            messages.success(request, EMAIL_QUEUED)
        return redirect("web:application-detail", pk=application.pk)


class InterviewScheduleView(StaffRequiredMixin, TemplateView):
    """Schedule an interview for one application (and e-mail the .ics invitation)."""

    template_name = "vacancies/interview_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        application = _visible_application(self.request, self.kwargs["pk"])
        form = kwargs.pop("form", None) or InterviewForm(
            staff=staff_list(), initial={"interviewers": [_user(self.request).pk]}
        )
        return super().get_context_data(application=application, form=form, **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = _visible_application(request, pk)
        form = InterviewForm(request.POST, staff=staff_list())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        try:
            interview_schedule(
                application=application,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                interviewers=list(data["interviewers"]),
                location=data["location"],
                meeting_link=data["meeting_link"],
                scheduled_by=_user(request),
                send_invites=data["send_invites"],
            )
        except ApplicationError as error:
            form.add_error(None, gettext(error.message))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, INTERVIEW_SCHEDULED)
        if data["send_invites"]:
            messages.success(request, INVITES_QUEUED)
        return redirect("web:application-detail", pk=application.pk)


class InterviewInviteView(StaffRequiredMixin, View):
    """The interview's .ics invitation as a download."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        interview: Interview = get_object_or_404(interview_list(viewer=_user(request)), pk=pk)
        response = HttpResponse(
            interview_ics(interview=interview), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
        return response


class InterviewFeedbackView(StaffRequiredMixin, TemplateView):
    """An interviewer's scorecard for one interview (other staff get a 403)."""

    template_name = "vacancies/feedback_form.html"

    def _interview(self) -> Interview:
        user = _user(self.request)
        interview: Interview = get_object_or_404(interview_list(viewer=user), pk=self.kwargs["pk"])
        if not interview.interviewers.filter(pk=user.pk).exists():
            raise PermissionDenied(NOT_AN_INTERVIEWER)
        return interview

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        interview = self._interview()
        own = interview.feedback.filter(interviewer=_user(self.request)).first()
        form = kwargs.pop("form", None) or ScorecardForm(initial=ScorecardForm.initial_for(own))
        return super().get_context_data(interview=interview, form=form, **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        interview = self._interview()
        form = ScorecardForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            interview_feedback_submit(
                interview=interview,
                interviewer=_user(request),
                ratings=form.ratings(),
                recommendation=form.cleaned_data["recommendation"],
                notes=form.cleaned_data["notes"],
            )
        except ApplicationError as error:
            form.add_error(None, gettext(error.message))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, FEEDBACK_SAVED)
        return redirect(reverse("web:application-detail", kwargs={"pk": interview.application_id}))
