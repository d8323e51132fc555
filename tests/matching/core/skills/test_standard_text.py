import pytest

from matching.core.skills.standard_text import (
    UNKNOWN_LANGUAGE,
    candidate_standard_text,
    vacancy_standard_text,
)


def test_candidate_standard_text_in_english() -> None:
    text = candidate_standard_text(["data scientist", "software developer"], ["Python", "SQL"])

    assert text == (
        "I have worked in the following domains: data scientist, software developer. "
        "I have the following skills: Python, SQL."
    )


def test_vacancy_standard_text_drops_blank_and_repeated_skills() -> None:
    text = vacancy_standard_text(" data engineer ", ["Python", "", "Python", "Docker"])

    assert text == "The position is: data engineer. The required skills are: Python, Docker."


def test_standard_texts_in_french() -> None:
    assert candidate_standard_text(["comptable"], ["comptabilité"], language="fr") == (
        "J'ai travaillé dans les domaines suivants : comptable. "
        "J'ai les compétences suivantes : comptabilité."
    )
    assert vacancy_standard_text("comptable", ["Excel"], language="fr") == (
        "Le poste est : comptable. Les compétences requises sont : Excel."
    )


def test_standard_text_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'") as error:
        vacancy_standard_text("x", [], language="de")  # type: ignore[arg-type]

    assert str(error.value) == UNKNOWN_LANGUAGE.format(language="de")
