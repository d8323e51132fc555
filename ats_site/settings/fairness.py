"""Fairness audit settings (FAIRNESS_ prefix)."""

from ats_site.env import env

FAIRNESS_MIN_GROUP_SIZE = env.int("FAIRNESS_MIN_GROUP_SIZE", default=5)
# No report, API call, command or form may suppress less than this (re-identification guard).
FAIRNESS_MIN_GROUP_SIZE_FLOOR = env.int("FAIRNESS_MIN_GROUP_SIZE_FLOOR", default=5)
# Which sensitive attributes this deployment may collect: French law restricts ethnicity,
# LL144 audits ask for it. The forms, the admin and the audits follow this list.
FAIRNESS_COLLECTED_ATTRIBUTES = env.list(
    "FAIRNESS_COLLECTED_ATTRIBUTES", default=["gender", "nationality", "birth_year"]
)
FAIRNESS_COUNTERFACTUAL_MAX_MEAN_DELTA = env.float(
    "FAIRNESS_COUNTERFACTUAL_MAX_MEAN_DELTA", default=2.0
)
