"""HTML routes for CV files (included in the `web` namespace)."""

from django.urls import path

from candidates import cv_views

VERBS = ("select", "delete")

urlpatterns = [
    path("me/cv/", cv_views.MyCvUploadView.as_view(), name="my-cv-upload"),
    path("me/cv/status/", cv_views.MyCvStatusView.as_view(), name="my-cv-status"),
    *(
        path(
            f"me/cv/<int:document_pk>/{verb}/",
            cv_views.MyCvActionView.as_view(),
            {"verb": verb},
            name=f"my-cv-{verb}",
        )
        for verb in VERBS
    ),
    path(
        "candidates/<int:pk>/cv/status/",
        cv_views.StaffCvStatusView.as_view(),
        name="candidate-cv-status",
    ),
    *(
        path(
            f"candidates/<int:pk>/cv/<int:document_pk>/{verb}/",
            cv_views.StaffCvActionView.as_view(),
            {"verb": verb},
            name=f"candidate-cv-{verb}",
        )
        for verb in VERBS
    ),
]
