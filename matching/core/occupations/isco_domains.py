"""The one ISCO-08 group -> domain mapping: how the 13 domains follow from an ESCO occupation.

Every ESCO occupation carries an ISCO-08 unit group (four digits, e.g. ``2411`` accountants).
``ISCO_PREFIX_DOMAINS`` maps ISCO codes by longest matching prefix (major group ``2``, sub-major
``24``, minor ``241``, unit ``2411``) to a domain key, or to ``None`` where the group names work
that exists in every sector (office clerks, secretaries, chief executives, management analysts):
such an occupation says nothing about the domain, and its probability mass is left to the other
evidence (``isco_domain_matrix`` gives it an all-zero row). The table was written from the ISCO-08
group titles alone, never from any dataset's labels, and follows the O*NET SOC -> domain table
(``matching.core.occupations.onet_domains``) where both classify the same work: transport,
agriculture and
the crafts go to ``manufacturing_operations``, protective services to ``government_nonprofit``,
fitness instructors to ``healthcare``. Pure Python: no Django.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matching.core.occupations.domains import DOMAIN_KEYS, Domain

ISCO_CODE_INVALID = "not an ISCO-08 code: {code!r} (expected 1 to 4 digits)"

_D = Domain
_TECH, _HEALTH, _FIN, _EDU = _D.TECHNOLOGY, _D.HEALTHCARE, _D.FINANCE, _D.EDUCATION
_LEGAL, _MKT, _OPS, _DESIGN = _D.LEGAL, _D.MARKETING_SALES, _D.MANUFACTURING_OPERATIONS, _D.DESIGN
_RETAIL, _BUILD, _HR = _D.RETAIL_HOSPITALITY, _D.CONSTRUCTION_REAL_ESTATE, _D.HUMAN_RESOURCES
_MEDIA, _GOV = _D.MEDIA_ENTERTAINMENT, _D.GOVERNMENT_NONPROFIT

# Longest matching prefix wins; None = cross-sector work, no domain evidence.
ISCO_PREFIX_DOMAINS: dict[str, Domain | None] = {
    "0": _GOV,  # armed forces
    # 1 managers
    "111": _GOV,  # legislators and senior officials
    "112": None,  # managing directors and chief executives
    "1211": _FIN,
    "1212": _HR,
    "1213": _GOV,  # policy and planning managers
    "1219": None,  # business services and administration managers n.e.c.
    "122": _MKT,  # sales, marketing, advertising, public relations
    "1223": _TECH,  # research and development managers
    "13": _OPS,  # production managers: agriculture, manufacturing, mining, supply
    "1323": _BUILD,
    "133": _TECH,  # ICT service managers
    "1341": _EDU,  # child care services
    "1342": _HEALTH,
    "1343": _HEALTH,  # aged care
    "1344": _GOV,  # social welfare
    "1345": _EDU,
    "1346": _FIN,  # financial and insurance branch managers
    "1349": _GOV,  # professional services managers n.e.c. (libraries, police, archives)
    "14": _RETAIL,  # hotels, restaurants, retail, other services
    "1431": _MEDIA,  # sports, recreation and cultural centre managers
    # 2 professionals
    "211": _TECH,  # physical and earth sciences
    "212": _TECH,  # mathematicians, actuaries, statisticians
    "2131": _HEALTH,  # biologists, botanists, zoologists
    "2132": _OPS,  # farming, forestry and fisheries advisers
    "2133": _GOV,  # environmental protection
    "214": _OPS,  # engineering professionals
    "2142": _BUILD,  # civil engineers
    "215": _OPS,  # electrotechnology engineers
    "2153": _TECH,  # telecommunications engineers
    "216": _BUILD,  # architects, planners, surveyors
    "2163": _DESIGN,  # product and garment designers
    "2166": _DESIGN,  # graphic and multimedia designers
    "22": _HEALTH,
    "23": _EDU,
    "241": _FIN,
    "2421": None,  # management and organisation analysts
    "2422": _GOV,  # policy administration
    "2423": _HR,
    "2424": _HR,  # training and staff development
    "243": _MKT,
    "25": _TECH,
    "261": _LEGAL,
    "262": _GOV,  # librarians, archivists, curators
    "263": _GOV,  # social and religious professionals
    "2631": _FIN,  # economists
    "2634": _HEALTH,  # psychologists
    "264": _MEDIA,  # authors, journalists, translators
    "265": _MEDIA,  # performing artists, directors, announcers
    "2651": _DESIGN,  # visual artists
    # 3 technicians and associate professionals
    "31": _OPS,  # science and engineering technicians, supervisors, process control, transport
    "3112": _BUILD,  # civil engineering technicians
    "3118": _BUILD,  # draughtspersons
    "3123": _BUILD,  # construction supervisors
    "3141": _HEALTH,  # life science technicians
    "32": _HEALTH,
    "331": _FIN,
    "3321": _FIN,  # insurance representatives
    "3322": _MKT,
    "3323": _OPS,  # buyers
    "3324": _MKT,  # trade brokers
    "3331": _OPS,  # clearing and forwarding agents
    "3332": _MKT,  # conference and event planners
    "3333": _HR,  # employment agents
    "3334": _BUILD,  # real estate agents and property managers
    "3339": _MKT,  # business services agents n.e.c.
    "334": None,  # office supervisors, secretaries
    "3342": _LEGAL,
    "3344": _HEALTH,
    "335": _GOV,  # regulatory government associate professionals
    "3411": _LEGAL,
    "341": _GOV,  # social work and religious associate professionals
    "342": _MEDIA,  # athletes, coaches
    "3423": _HEALTH,  # fitness and recreation instructors
    "343": _MEDIA,  # photographers, artistic and cultural associates
    "3432": _DESIGN,  # interior designers and decorators
    "3433": _GOV,  # gallery, museum and library technicians
    "3434": _RETAIL,  # chefs
    "35": _TECH,
    "3521": _MEDIA,  # broadcasting and audio-visual technicians
    # 4 clerical support
    "4": None,
    "4211": _FIN,
    "4212": _RETAIL,  # bookmakers, croupiers
    "4213": _FIN,
    "4214": _FIN,
    "4221": _RETAIL,  # travel consultants
    "4222": _RETAIL,  # contact centre information clerks
    "4224": _RETAIL,  # hotel receptionists
    "4227": _MKT,  # market research interviewers
    "431": _FIN,  # accounting, bookkeeping, payroll
    "432": _OPS,  # stock, production and transport clerks
    "4411": _GOV,  # library clerks
    "4412": _OPS,  # mail carriers and sorting clerks
    "4416": _HR,
    # 5 service and sales
    "5": _RETAIL,
    "5112": _OPS,  # transport conductors
    "5153": _BUILD,  # building caretakers
    "5165": _EDU,  # driving instructors
    "5241": _MEDIA,  # fashion and other models
    "5242": _MKT,
    "5243": _MKT,
    "5244": _MKT,
    "531": _EDU,  # child care workers, teachers' aides
    "532": _HEALTH,
    "54": _GOV,  # protective services
    # 6 agriculture, forestry, fishery; 8 plant and machine operators
    "6": _OPS,
    "8": _OPS,
    # 7 crafts and trades
    "7": _OPS,
    "71": _BUILD,
    "7411": _BUILD,  # building electricians
    "7413": _BUILD,  # electrical line installers
    "7422": _TECH,  # ICT installers and servicers
    # 9 elementary
    "9": _OPS,
    "91": _RETAIL,  # cleaners and helpers
    "94": _RETAIL,  # food preparation assistants
    "95": _RETAIL,  # street vendors and service workers
    "9312": _BUILD,
    "9313": _BUILD,
}


def isco_to_domain(code: str) -> Domain | None:
    """The domain of an ISCO-08 code (any level) by longest prefix, or None for cross-sector work.

    Raises:
        ValueError: If ``code`` is not 1 to 4 digits.
    """
    if not (1 <= len(code) <= 4 and code.isdigit()):
        raise ValueError(ISCO_CODE_INVALID.format(code=code))
    for length in range(len(code), 0, -1):
        if code[:length] in ISCO_PREFIX_DOMAINS:
            return ISCO_PREFIX_DOMAINS[code[:length]]
    return None


def isco_domain_matrix(codes: tuple[str, ...]) -> npt.NDArray[np.float64]:
    """One-hot rows over ``DOMAIN_KEYS`` for ISCO ``codes`` (an all-zero row for None)."""
    matrix = np.zeros((len(codes), len(DOMAIN_KEYS)))
    for row, code in enumerate(codes):
        domain = isco_to_domain(code)
        if domain is not None:
            matrix[row, DOMAIN_KEYS.index(domain.value)] = 1.0
    return matrix
