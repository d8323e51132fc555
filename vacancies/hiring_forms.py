"""Web forms of the hiring workflow: bulk actions, interview scheduling, scorecards."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ats_site.accounts.models import User
from ats_site.templatetags.web import status_label_for
from vacancies.interviews import RATING_MAX, RATING_MIN, SCORECARD_CRITERIA
from vacancies.models import Application, InterviewFeedback
from vacancies.workflow import ApplicationStatus

BULK_MOVE, BULK_REJECT = "move", "reject"
INTERVIEW_ENDS_BEFORE_START = _("An interview must end after it starts.")
CRITERION_LABELS = {
    "skills": _("Skills"),
    "experience": _("Experience"),
    "communication": _("Communication"),
    "motivation": _("Motivation"),
}
RECOMMENDATION_LABELS = {
    InterviewFeedback.Recommendation.STRONG_YES: _("Strong yes"),
    InterviewFeedback.Recommendation.YES: _("Yes"),
    InterviewFeedback.Recommendation.NO: _("No"),
    InterviewFeedback.Recommendation.STRONG_NO: _("Strong no"),
}
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BulkActionForm(forms.Form):
    """Move or reject the selected applications of one vacancy, optionally with the e-mail."""

    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"), queryset=Application.objects.none()
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(BULK_MOVE, _("Move selected")), (BULK_REJECT, _("Reject selected"))],
    )
    to_status = forms.ChoiceField(label=_("Move to"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    send_email = forms.BooleanField(label=_("E-mail the candidates"), required=False)

    def __init__(self, *args: Any, applications: QuerySet[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["applications"])
        field.queryset = applications
        status_field = cast(forms.ChoiceField, self.fields["to_status"])
        status_field.choices = [(s.value, status_label_for(s.value)) for s in ApplicationStatus]

    def target_status(self) -> str:
        """The status the selected applications go to."""
        if self.cleaned_data["action"] == BULK_REJECT:
            return ApplicationStatus.REJECTED.value
        return str(self.cleaned_data["to_status"] or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == BULK_MOVE and not cleaned.get("to_status"):
            self.add_error("to_status", _("Choose the status to move them to."))
        return cleaned


class InterviewForm(forms.Form):
    """A slot, its interviewers (staff logins) and where it takes place."""

    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_INPUT)
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers"), queryset=User.objects.none()
    )
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    meeting_link = forms.URLField(label=_("Video link"), max_length=500, required=False)
    send_invites = forms.BooleanField(
        label=_("E-mail the invitation (.ics) to the candidate and interviewers"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["interviewers"]).queryset = staff

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", INTERVIEW_ENDS_BEFORE_START)
        return cleaned


RATING_CHOICES = [(str(value), str(value)) for value in range(RATING_MIN, RATING_MAX + 1)]


class ScorecardForm(forms.Form):
    """An interviewer's ratings (1-5 per criterion), recommendation and notes."""

    recommendation = forms.ChoiceField(label=_("Recommendation"))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in SCORECARD_CRITERIA:
            self.fields[f"rating_{criterion}"] = forms.TypedChoiceField(
                label=CRITERION_LABELS[criterion],
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )
        recommendation = cast(forms.ChoiceField, self.fields["recommendation"])
        recommendation.choices = list(RECOMMENDATION_LABELS.items())
        self.order_fields([f"rating_{c}" for c in SCORECARD_CRITERIA])

    def ratings(self) -> dict[str, int]:
        """The ratings keyed by criterion."""
        return {c: int(self.cleaned_data[f"rating_{c}"]) for c in SCORECARD_CRITERIA}

    @classmethod
    def initial_for(cls, feedback: InterviewFeedback | None) -> dict[str, Any]:
        """Initial data from an existing scorecard (an interviewer edits their own)."""
        if feedback is None:
            return {}
        initial: dict[str, Any] = {f"rating_{c}": str(v) for c, v in feedback.ratings.items()}
        return {**initial, "recommendation": feedback.recommendation, "notes": feedback.notes}
