"""Writes of the duties app, one module per domain: duties.py (duties, procedures,
proposals, the daily round), reviews.py (a review's decision and the client's answer to new
terms), reports.py (collaborators' monthly reports: asking, sending,
reminding), time.py (entries, the timer, imports). Callers import from the module
(`from handover.duties.actions.duties import do_update_duty`); nothing is re-exported here."""
