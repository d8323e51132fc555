"""Word lists for counterfactual CVs: names per gender and origin group, gendered terms."""

from __future__ import annotations

from typing import Final, Literal

Gender = Literal["female", "male"]
Origin = Literal["european", "african", "arabic", "asian"]
GENDERS: Final[tuple[Gender, ...]] = ("female", "male")
ORIGINS: Final[tuple[Origin, ...]] = ("european", "african", "arabic", "asian")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Same family names for both genders of an origin, so a gender swap changes only the first name.
FAMILY_NAMES: Final[dict[Origin, tuple[str, ...]]] = {
    "european": ("Schmidt", "Dubois", "Martin"),
    "african": ("Diallo", "Okafor", "Mensah"),
    "arabic": ("Haddad", "Benali", "El Amrani"),
    "asian": ("Wang", "Sharma", "Tanaka"),
}
FIRST_NAMES: Final[dict[tuple[Origin, Gender], tuple[str, ...]]] = {
    ("european", "female"): ("Emma", "Claire", "Sophie"),
    ("european", "male"): ("Thomas", "Lucas", "Paul"),
    ("african", "female"): ("Aminata", "Chiamaka", "Abena"),
    ("african", "male"): ("Mamadou", "Chinedu", "Kwame"),
    ("arabic", "female"): ("Fatima", "Leila", "Yasmine"),
    ("arabic", "male"): ("Mohamed", "Karim", "Youssef"),
    ("asian", "female"): ("Mei", "Priya", "Yuki"),
    ("asian", "male"): ("Wei", "Rahul", "Hiroshi"),
}

# Capitalised words that open CVs but are no names ("Education Details", "Java Developer").
NOT_NAME_WORDS: Final = _words(
    "resume cv curriculum vitae profile summary objective education skills skill experience "
    "details contact personal information professional career work employment projects "
    "engineer developer manager analyst consultant designer assistant officer director senior "
    "junior lead intern teacher nurse accountant architect administrator specialist executive "
    "technician operator sales marketing java python data web software business hr the and of "
    "for in at"
)

# Gendered words rewritten towards a female CV; TO_MALE is the reverse. "his" and "her" are
# ambiguous and handled by the next word (see swap_gender_terms). Words about relatives that say
# nothing of the candidate's gender ("Father's Name:" in Indian CVs) are left alone; a spouse is
# a cue and is swapped.
TO_FEMALE: Final = {
    "he": "she",
    "him": "her",
    "himself": "herself",
    "chairman": "chairwoman",
    "chairmen": "chairwomen",
    "spokesman": "spokeswoman",
    "salesman": "saleswoman",
    "salesmen": "saleswomen",
    "businessman": "businesswoman",
    "foreman": "forewoman",
    "sportsman": "sportswoman",
    "congressman": "congresswoman",
    "waiter": "waitress",
    "steward": "stewardess",
    "actor": "actress",
    "husband": "wife",
}
TO_MALE: Final = {
    female: male for male, female in TO_FEMALE.items() if male not in {"he", "him"}
} | {"she": "he", "hers": "his"}

# Words after "her"/"his" that show it is no determiner ("gave her the award": him).
FUNCTION_WORDS: Final = _words(
    "a an the and or but to of in on at by for from with as than that this these those into "
    "onto over under about after before during while when where who whom which is was were be "
    "been being has have had do does did will would can could should may might must not so if "
    "then also too very up down out off again"
)
