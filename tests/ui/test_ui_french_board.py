"""The pipeline board in French, in a real browser: every status name in a card's move menu
is shown whole (it was cut to "Proposit…" beside the French "Déplacer" button)."""

import pytest

from ats_site.accounts.models import Role
from ats_site.demo import DEMO_PASSWORDS
from vacancies.models import Application

pytestmark = pytest.mark.django_db(transaction=True)

# Room each option needs in its closed <select>: its text in the select's font, the padding
# and the drop-down arrow.
MEASURE_OPTIONS = """
() => {
  const canvas = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll(".move-form select")].flatMap((select) => {
    const style = getComputedStyle(select);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return [...select.options].map((option) => ({
      text: option.text,
      needed: Math.ceil(canvas.measureText(option.text).width + padding + 20),
      available: select.clientWidth,
    }));
  });
}
"""


def test_french_board_move_menus_show_every_status_name_whole(page, login) -> None:
    # A board with an interview card, whose menu offers "Proposition" (offer).
    vacancy = Application.objects.filter(status="interview").first().vacancy
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])
    page.goto("/")
    page.locator("#language-select").select_option("fr")
    page.locator("#language-select").locator("xpath=..").get_by_role("button").click()

    page.goto(f"/vacancies/{vacancy.pk}/")
    options = page.evaluate(MEASURE_OPTIONS)

    assert page.locator("html").get_attribute("lang") == "fr"
    assert any(option["text"] == "Proposition" for option in options)
    cut = [option for option in options if option["needed"] > option["available"]]
    assert cut == []
