"""Ranking and classification metrics, and the baselines they are compared with."""
