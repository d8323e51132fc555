"""The fair pair classifier: L = L_utility + beta * L_fairness, trained on application outcomes.

Sensitive attributes enter only the fairness term of the loss and the held-out fairness report;
they are read through ``fairness.training.data`` (never by matching code).
"""
