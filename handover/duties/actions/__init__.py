"""Writes of the duties app, one module per domain: duties.py (duties, procedures, reviews,
reports, proposals, the daily round), time.py (entries, the timer, imports). Callers import
from the module (`from handover.duties.actions.duties import do_update_duty`); nothing is
re-exported here."""
