"""Open an original CV file: staff under /candidates/<pk>/cv/<id>/file/, a candidate their own
under /me/cv/<id>/file/. Who may open what is `vacancies.cv_access`; anyone else gets a 404."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpRequest
from django.views import View

from ats_site.accounts.models import User
from candidates.cv_file_response import cv_file_response
from candidates.selectors import candidate_for_user
from vacancies.cv_access import cv_document_for_file_view


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise Http404
    return request.user


def _serve(viewer: User, candidate_pk: int, document_pk: int) -> FileResponse:
    document = cv_document_for_file_view(
        viewer=viewer, candidate_pk=candidate_pk, document_pk=document_pk
    )
    if document is None:
        raise Http404
    return cv_file_response(document=document, viewer=viewer)


class CandidateCvFileView(LoginRequiredMixin, View):
    """GET: a candidate's original CV file, for staff allowed to see it; audited."""

    def get(self, request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
        return _serve(_user(request), pk, document_pk)


class MyCvFileView(LoginRequiredMixin, View):
    """GET: one of my own original CV files; audited."""

    def get(self, request: HttpRequest, document_pk: int) -> FileResponse:
        user = _user(request)
        candidate = candidate_for_user(user=user)
        if candidate is None:
            raise Http404
        return _serve(user, candidate.pk, document_pk)
