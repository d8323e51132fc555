"""Every HTML route of the web UI (the API lives under /api/)."""

from django.urls import include, path

from ats_site.audit_log_views import AuditLogView
from ats_site.token_views import ApiTokenListView, ApiTokenRevokeView
from ats_site.web_views import HomeView
from candidates import cv_urls, intake_views, signup_views
from candidates import views as candidate_views
from fairness import views as fairness_views
from matching import urls as matching_urls
from vacancies import candidate_views as application_views
from vacancies import cv_file_views, hiring_views, occupation_views
from vacancies import intake_views as vacancy_intake_views
from vacancies import views as vacancy_views

app_name = "web"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Every signed-in user: their API token (HR admins: everybody's).
    path("account/api-tokens/", ApiTokenListView.as_view(), name="api-tokens"),
    path(
        "account/api-tokens/<int:user_id>/revoke/",
        ApiTokenRevokeView.as_view(),
        name="api-token-revoke",
    ),
    # Recruiters (and HR admins)
    path("recruiter/", vacancy_views.RecruiterDashboardView.as_view(), name="recruiter-dashboard"),
    path("vacancies/", vacancy_views.VacancyListView.as_view(), name="vacancy-list"),
    path("vacancies/new/", vacancy_views.VacancyCreateView.as_view(), name="vacancy-create"),
    path("vacancies/<int:pk>/", vacancy_views.VacancyDetailView.as_view(), name="vacancy-detail"),
    path(
        "vacancies/<int:pk>/edit/", vacancy_views.VacancyUpdateView.as_view(), name="vacancy-edit"
    ),
    path(
        "vacancies/<int:pk>/applicants.csv",
        vacancy_views.VacancyApplicantsCsvView.as_view(),
        name="vacancy-applicants-csv",
    ),
    path(
        "vacancies/<int:pk>/pipeline/",
        hiring_views.VacancyPipelineView.as_view(),
        name="vacancy-pipeline",
    ),
    path(
        "vacancies/<int:pk>/pipeline/bulk/",
        hiring_views.VacancyPipelineBulkView.as_view(),
        name="vacancy-pipeline-bulk",
    ),
    path(
        "applications/<int:pk>/email/",
        hiring_views.ApplicationEmailSendView.as_view(),
        name="application-email",
    ),
    path(
        "applications/<int:pk>/interviews/new/",
        hiring_views.InterviewScheduleView.as_view(),
        name="interview-schedule",
    ),
    path(
        "interviews/<int:pk>/invite.ics",
        hiring_views.InterviewInviteView.as_view(),
        name="interview-invite",
    ),
    path(
        "interviews/<int:pk>/feedback/",
        hiring_views.InterviewFeedbackView.as_view(),
        name="interview-feedback",
    ),
    path(
        "applications/<int:pk>/",
        vacancy_views.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<int:pk>/move/",
        vacancy_views.ApplicationMoveView.as_view(),
        name="application-move",
    ),
    path(
        "skills/autocomplete/",
        vacancy_views.SkillAutocompleteView.as_view(),
        name="skill-autocomplete",
    ),
    path(
        "occupations/autocomplete/",
        occupation_views.OccupationAutocompleteView.as_view(),
        name="occupation-autocomplete",
    ),
    path(
        "occupations/suggestions/",
        occupation_views.OccupationSuggestionsView.as_view(),
        name="occupation-suggestions",
    ),
    path("candidates/", candidate_views.CandidateListView.as_view(), name="candidate-list"),
    path("candidates/new/", vacancy_intake_views.CandidateAddView.as_view(), name="candidate-add"),
    path(
        "candidates/<int:pk>/edit/", intake_views.CandidateEditView.as_view(), name="candidate-edit"
    ),
    path(
        "candidates/<int:pk>/applications/new/",
        vacancy_intake_views.ApplicationAddView.as_view(),
        name="candidate-application-add",
    ),
    path("candidates/intake/", intake_views.BulkIntakeView.as_view(), name="cv-intake"),
    path(
        "candidates/intake/<int:pk>/",
        intake_views.BulkIntakeDetailView.as_view(),
        name="cv-intake-detail",
    ),
    path(
        "candidates/intake/<int:pk>/progress/",
        intake_views.BulkIntakeProgressView.as_view(),
        name="cv-intake-progress",
    ),
    path(
        "candidates/<int:pk>/",
        application_views.CandidateDetailView.as_view(),
        name="candidate-detail",
    ),
    path(
        "candidates/<int:pk>/cv/",
        application_views.CandidateCvUploadView.as_view(),
        name="candidate-cv-upload",
    ),
    # Candidates (the job board is public; anyone may open a candidate account)
    path("signup/", signup_views.CandidateSignUpView.as_view(), name="signup"),
    path(
        "signup/confirm/<str:token>/",
        signup_views.CandidateSignUpConfirmView.as_view(),
        name="signup-confirm",
    ),
    path("jobs/", vacancy_views.JobBoardView.as_view(), name="job-board"),
    path("jobs/<int:pk>/", vacancy_views.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<int:pk>/apply/", application_views.JobApplyView.as_view(), name="job-apply"),
    path(
        "me/applications/",
        application_views.MyApplicationsView.as_view(),
        name="my-applications",
    ),
    path("me/data/", candidate_views.MyDataView.as_view(), name="my-data"),
    path("me/data/export/", candidate_views.MyDataExportView.as_view(), name="my-data-export"),
    path("me/data/summary/", candidate_views.MyDataSummaryView.as_view(), name="my-data-summary"),
    path("me/data/erase/", candidate_views.MyDataEraseView.as_view(), name="my-data-erase"),
    # HR admins
    path("audit-log/", AuditLogView.as_view(), name="audit-log"),
    path("fairness/", fairness_views.FairnessDashboardView.as_view(), name="fairness-dashboard"),
    path("fairness/run/", fairness_views.AuditRunView.as_view(), name="fairness-run"),
    path("fairness/reports/", fairness_views.AuditReportListView.as_view(), name="report-list"),
    path(
        "fairness/reports/<int:pk>/export/",
        fairness_views.AuditReportExportView.as_view(),
        name="report-export",
    ),
    path(
        "fairness/reports/<int:pk>/export.csv",
        fairness_views.AuditReportCsvView.as_view(),
        name="report-export-csv",
    ),
    path(
        "fairness/reports/<int:pk>/export.pdf",
        fairness_views.AuditReportPdfView.as_view(),
        name="report-export-pdf",
    ),
    path("fairness/trend/", fairness_views.FairnessTrendView.as_view(), name="fairness-trend"),
    path(
        "fairness/decision-log/",
        fairness_views.DecisionLogUploadView.as_view(),
        name="fairness-decision-log",
    ),
    # CV files: upload, the scored CV, delete, open (audited), status polling.
    *cv_urls.urlpatterns,
    path(
        "candidates/<int:pk>/cv/<int:document_pk>/file/",
        cv_file_views.CandidateCvFileView.as_view(),
        name="candidate-cv-file",
    ),
    path("me/cv/<int:document_pk>/file/", cv_file_views.MyCvFileView.as_view(), name="my-cv-file"),
    # The matching engine's pages (re-score with progress, talent pool, recommendations).
    *matching_urls.urlpatterns,
]
