"""Writes of the files app, one module per domain: audits.py (folders open to a workspace,
the naming rule, audits, fixes and their undo), exports.py (verified archives),
retention.py (retention rules, legal holds, trash and purge). Callers import from the module
(`from handover.files.actions.audits import do_start_audit`); nothing is re-exported
here."""
