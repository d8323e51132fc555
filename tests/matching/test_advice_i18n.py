"""Stored score advice and gap labels (English sentences of fixed shapes) shown in French."""

import pytest
from django.utils import translation

from matching.advice_i18n import advice_text, gap_label


@pytest.mark.parametrize(
    ("advice", "french"),
    [
        (
            "the role asks for Kubernetes; the CV does not show it (+4.5 pts)",
            "le poste demande Kubernetes ; le CV ne le montre pas (+4.5 pts)",
        ),
        (
            "the role asks 5+ years of experience; the CV shows 2 (+3 pts)",
            "le poste demande 5 ans d'expérience ou plus ; le CV en montre 2 (+3 pts)",
        ),
        (
            "the role asks 3+ years of Python; the CV shows no dates or 'N years' figure (+1 pts)",
            "le poste demande 3 ans ou plus de Python ; le CV en montre aucune date ni "
            "mention « N ans » (+1 pts)",
        ),
        (
            "the role asks a master degree; the CV shows no degree (+2.25 pts)",
            "le poste demande un diplôme de niveau master ; le CV n'en montre aucun (+2.25 pts)",
        ),
        (
            "the role names PMP; the CV does not (+1.5 pts)",
            "le poste cite PMP ; pas le CV (+1.5 pts)",
        ),
        ("a shape nobody wrote", "a shape nobody wrote"),
    ],
)
def test_advice_reads_in_french(advice: str, french: str) -> None:
    with translation.override("fr"):
        assert advice_text(advice) == french
    with translation.override("en"):
        assert advice_text(advice) == advice


def test_gap_labels_read_in_french() -> None:
    with translation.override("fr"):
        assert gap_label("5+ years of experience") == "5 ans d'expérience ou plus"
        assert gap_label("2+ years of SQL") == "2 ans ou plus de SQL"
        assert gap_label("master degree") == "diplôme de niveau master"
        assert gap_label("Kubernetes") == "Kubernetes"
