import pytest

from fairness.core.counterfactual import (
    ERROR_UNKNOWN_SWAP,
    NAMES,
    ScoreDelta,
    counterfactual_variants,
    find_name_line,
    set_name_line,
    summarise_deltas,
    swap_gender_terms,
)

CV = (
    "John Smith\n"
    "Senior engineer. He led the platform team; his design cut costs by 20%.\n"
    "Mr. Jones, the chairman, thanked him himself.\n"
)


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("He led the team.", "female", "She led the team."),
        ("HE LED THE TEAM.", "female", "SHE LED THE TEAM."),
        ("she said he", "female", "she said she"),
        ("his team grew", "female", "her team grew"),
        ("the award was his.", "female", "the award was hers."),
        ("His own startup", "female", "Her own startup"),
        ("thanked him", "female", "thanked her"),
        ("He did it himself", "female", "She did it herself"),
        ("She mentored her team", "male", "He mentored his team"),
        ("gave her the award", "male", "gave him the award"),
        ("worked with her.", "male", "worked with him."),
        ("the prize is hers", "male", "the prize is his"),
        ("Herself", "male", "Himself"),
        ("Chairman of the board", "female", "Chairwoman of the board"),
        ("chairwoman and spokeswoman", "male", "chairman and spokesman"),
        ("Mr. Jones", "female", "Ms. Jones"),
        ("Mr Jones", "female", "Ms Jones"),
        ("Mrs. Jones and Ms Lee", "male", "Mr. Jones and Mr Lee"),
    ],
)
def test_swap_gender_terms_preserves_case(text: str, target: str, expected: str) -> None:
    swapped, _ = swap_gender_terms(text, target)  # type: ignore[arg-type]

    assert swapped == expected


@pytest.mark.parametrize(
    "text",
    [
        "the theme is there; Chester, Heather and Hemingway",
        "they wheeled the shell; other heroes",
        "MS Excel, 50 ms latency, an MS in Physics",
        "Mr and ms in lowercase",
        "HER2 research on the herb",
        "Chairmanship? Sheriff",
        "Father's Name: Gyandatt Chauhan; mother tongue: Hindi",
    ],
)
def test_words_that_only_contain_a_gendered_word_are_untouched(text: str) -> None:
    assert swap_gender_terms(text, "female") == (text, 0)
    assert swap_gender_terms(text, "male") == (text, 0)


def test_swap_counts_replacements() -> None:
    swapped, count = swap_gender_terms(CV, "female")

    assert count == 6
    assert swapped == (
        "John Smith\n"
        "Senior engineer. She led the platform team; her design cut costs by 20%.\n"
        "Ms. Jones, the chairwoman, thanked her herself.\n"
    )


def test_swap_towards_the_same_gender_changes_nothing() -> None:
    text = "She led her team herself; Ms. Lee."

    assert swap_gender_terms(text, "female") == (text, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("John Smith\nPython developer", (0, "John Smith")),
        ("\n\n  JANE DOE  \nEngineer", (2, "JANE DOE")),
        ("Curriculum Vitae\nName: Ana María López\n", (1, "Ana María López")),
        ("Education Details\nB.Sc. 2012", None),
        ("Java Developer\nSkills: Java", None),
        ("Skills * Python * Django * SQL\nEducation", None),
        ("Summary\nExperienced nurse\nSkills\nMary Jones", None),
    ],
)
def test_find_name_line(text: str, expected: tuple[int, str] | None) -> None:
    assert find_name_line(text) == expected


def test_set_name_line_replaces_or_adds() -> None:
    replaced = set_name_line("John Smith\nPython developer", "Mei Wang")
    field = set_name_line("CV\nName: John Smith\nSkills", "Mei Wang")
    added = set_name_line("Skills: Python, SQL", "Mei Wang")

    assert replaced == ("Mei Wang\nPython developer", "replaced")
    assert field == ("CV\nName: Mei Wang\nSkills", "replaced")
    assert added == ("Mei Wang\nSkills: Python, SQL", "added")


def test_variants_cover_every_gender_and_origin_group() -> None:
    variants = counterfactual_variants(CV, index=1)

    assert [variant.swap for variant in variants] == list(NAMES)
    assert len(variants) == 8
    by_swap = {variant.swap: variant for variant in variants}
    arabic_female = by_swap["arabic_female"]
    assert arabic_female.name == "Leila Benali"
    assert arabic_female.name_line == "replaced"
    assert arabic_female.text.startswith("Leila Benali\nSenior engineer. She led")
    assert arabic_female.term_replacements == 6
    assert arabic_female.changed is True
    european_male = by_swap["european_male"]
    assert european_male.text == CV.replace("John Smith", "Lucas Dubois")
    assert european_male.term_replacements == 0


def test_variant_that_leaves_the_text_as_is_is_reported_unchanged() -> None:
    text = "Thomas Schmidt\nHe builds APIs."

    (variant,) = counterfactual_variants(text, index=0, swaps=["european_male"])

    assert variant.text == text
    assert variant.changed is False


def test_unknown_swap_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="^unknown counterfactual group 'martian_male'"):
        counterfactual_variants(CV, swaps=["martian_male"])
    assert ERROR_UNKNOWN_SWAP.startswith("unknown counterfactual group")


def test_summarise_deltas_exact_values() -> None:
    deltas = [
        ScoreDelta(swap="african_female", delta=-4.0, changed=True),
        ScoreDelta(swap="african_female", delta=-2.0, changed=True),
        ScoreDelta(swap="european_male", delta=1.0, changed=True),
        ScoreDelta(swap="european_male", delta=0.0, changed=False),
    ]

    summary = summarise_deltas(deltas, max_mean_abs_delta=1.5)

    assert (summary.n, summary.n_changed) == (4, 3)
    assert summary.mean_abs_delta == pytest.approx(1.75)
    assert summary.p95_abs_delta == pytest.approx(3.7)  # linear: 2 + 0.85 * (4 - 2)
    assert summary.max_abs_delta == 4.0
    assert summary.is_flagged is True
    data = summary.to_dict()
    assert list(data)[:6] == [
        "n",
        "n_changed",
        "mean_abs_delta",
        "p95_abs_delta",
        "max_abs_delta",
        "by_swap",
    ]
    assert data["by_swap"] == {
        "african_female": {
            "n": 2,
            "n_changed": 2,
            "mean_delta": -3.0,
            "mean_abs_delta": 3.0,
            "max_abs_delta": 4.0,
        },
        "european_male": {
            "n": 2,
            "n_changed": 1,
            "mean_delta": 0.5,
            "mean_abs_delta": 0.5,
            "max_abs_delta": 1.0,
        },
    }
    assert data["flagged"] is True


def test_summarise_no_deltas_is_all_zero_and_not_flagged() -> None:
    summary = summarise_deltas([], max_mean_abs_delta=2.0)

    assert summary.to_dict()["n"] == 0
    assert (summary.mean_abs_delta, summary.p95_abs_delta, summary.max_abs_delta) == (0, 0, 0)
    assert summary.is_flagged is False
