"""O*NET occupations as labelled training text: SOC codes mapped to the 13 domains."""

from __future__ import annotations

import csv
from pathlib import Path

from matching.core.occupations.domain_training import LabelledText
from matching.core.occupations.domains import Domain

_D = Domain
# Longest matching SOC prefix wins; a code with no match is left out as ambiguous.
SOC_PREFIX_DOMAINS: dict[str, Domain] = {
    "11-1031": _D.GOVERNMENT_NONPROFIT,
    "11-2": _D.MARKETING_SALES,
    "11-3021": _D.TECHNOLOGY,
    "11-3031": _D.FINANCE,
    "11-3051": _D.MANUFACTURING_OPERATIONS,
    "11-3061": _D.MANUFACTURING_OPERATIONS,
    "11-3071": _D.MANUFACTURING_OPERATIONS,
    "11-3111": _D.HUMAN_RESOURCES,
    "11-3121": _D.HUMAN_RESOURCES,
    "11-3131": _D.HUMAN_RESOURCES,
    "11-9021": _D.CONSTRUCTION_REAL_ESTATE,
    "11-903": _D.EDUCATION,
    "11-9051": _D.RETAIL_HOSPITALITY,
    "11-9081": _D.RETAIL_HOSPITALITY,
    "11-9111": _D.HEALTHCARE,
    "11-9131": _D.GOVERNMENT_NONPROFIT,
    "11-9141": _D.CONSTRUCTION_REAL_ESTATE,
    "11-9151": _D.GOVERNMENT_NONPROFIT,
    "11-9161": _D.GOVERNMENT_NONPROFIT,
    "13-1031": _D.FINANCE,
    "13-1051": _D.CONSTRUCTION_REAL_ESTATE,
    "13-107": _D.HUMAN_RESOURCES,
    "13-1081": _D.MANUFACTURING_OPERATIONS,
    "13-1131": _D.GOVERNMENT_NONPROFIT,
    "13-1141": _D.HUMAN_RESOURCES,
    "13-1151": _D.HUMAN_RESOURCES,
    "13-1161": _D.MARKETING_SALES,
    "13-2": _D.FINANCE,
    "13-2021": _D.CONSTRUCTION_REAL_ESTATE,
    "15-1": _D.TECHNOLOGY,
    "15-2": _D.TECHNOLOGY,
    "15-2011": _D.FINANCE,
    "17-1": _D.CONSTRUCTION_REAL_ESTATE,
    "17-2": _D.MANUFACTURING_OPERATIONS,
    "17-2051": _D.CONSTRUCTION_REAL_ESTATE,
    "17-2061": _D.TECHNOLOGY,
    "17-3": _D.MANUFACTURING_OPERATIONS,
    "17-3011": _D.CONSTRUCTION_REAL_ESTATE,
    "17-3022": _D.CONSTRUCTION_REAL_ESTATE,
    "19-3031": _D.HEALTHCARE,
    "19-3051": _D.GOVERNMENT_NONPROFIT,
    "21-": _D.GOVERNMENT_NONPROFIT,
    "23-": _D.LEGAL,
    "25-": _D.EDUCATION,
    "27-1": _D.DESIGN,
    "27-1012": _D.MEDIA_ENTERTAINMENT,
    "27-1013": _D.MEDIA_ENTERTAINMENT,
    "27-1014": _D.MEDIA_ENTERTAINMENT,
    "27-2": _D.MEDIA_ENTERTAINMENT,
    "27-3": _D.MEDIA_ENTERTAINMENT,
    "27-3031": _D.MARKETING_SALES,
    "27-4": _D.MEDIA_ENTERTAINMENT,
    "29-": _D.HEALTHCARE,
    "31-": _D.HEALTHCARE,
    "33-": _D.GOVERNMENT_NONPROFIT,
    "35-": _D.RETAIL_HOSPITALITY,
    "39-3": _D.RETAIL_HOSPITALITY,
    "39-5": _D.RETAIL_HOSPITALITY,
    "39-6": _D.RETAIL_HOSPITALITY,
    "39-7": _D.RETAIL_HOSPITALITY,
    "39-9011": _D.EDUCATION,
    "39-9031": _D.HEALTHCARE,
    "41-1011": _D.RETAIL_HOSPITALITY,
    "41-1012": _D.MARKETING_SALES,
    "41-2": _D.RETAIL_HOSPITALITY,
    "41-3": _D.MARKETING_SALES,
    "41-4": _D.MARKETING_SALES,
    "41-9": _D.MARKETING_SALES,
    "41-902": _D.CONSTRUCTION_REAL_ESTATE,
    "43-3031": _D.FINANCE,
    "43-4081": _D.RETAIL_HOSPITALITY,
    "43-4161": _D.HUMAN_RESOURCES,
    "43-5": _D.MANUFACTURING_OPERATIONS,
    "43-6012": _D.LEGAL,
    "43-6013": _D.HEALTHCARE,
    "47-": _D.CONSTRUCTION_REAL_ESTATE,
    "49-": _D.MANUFACTURING_OPERATIONS,
    "51-": _D.MANUFACTURING_OPERATIONS,
    "53-": _D.MANUFACTURING_OPERATIONS,
    "55-": _D.GOVERNMENT_NONPROFIT,
}


def soc_to_domain(code: str) -> Domain | None:
    """The domain of an O*NET-SOC code by longest matching prefix, or None when ambiguous."""
    matches = [prefix for prefix in SOC_PREFIX_DOMAINS if code.startswith(prefix)]
    return SOC_PREFIX_DOMAINS[max(matches, key=len)] if matches else None


def read_onet_occupations(path: Path) -> list[LabelledText]:
    """O*NET ``Occupation_Data.txt`` rows as "Title. Description" texts with a mapped domain."""
    items: list[LabelledText] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            domain = soc_to_domain(row["O*NET-SOC Code"])
            if domain is not None:
                text = f"{row['Title']}. {row['Description']}"
                items.append(LabelledText(f"onet:{row['O*NET-SOC Code']}", text, domain, "onet"))
    return items
