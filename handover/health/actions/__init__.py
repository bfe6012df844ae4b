"""Writes of relationship health, one module per domain: compute.py (facts for new
interactions, then each engagement's months, findings and state), findings.py (dismissing a
finding, the thresholds, the weekly snapshot). Callers import from the module
(`from handover.health.actions.compute import do_compute_health`); nothing is re-exported
here."""
