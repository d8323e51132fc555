"""Occupations: ESCO occupations, their ISCO groups, the 13 domains derived from them."""
