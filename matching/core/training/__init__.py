"""Training helpers of the matching engine: splits, text variants, ranker and encoder fine-tuning.

Pure Python (no Django): the Django side (``matching.training``) reads the database and calls these.
"""
