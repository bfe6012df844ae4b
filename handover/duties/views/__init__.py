"""Views of the duties app, one module per domain: duties.py (duties, procedures, proposals,
reviews), time.py (the timer, entries, imports), reports.py (collaborators' reports).
urls.py imports the modules; nothing is re-exported here."""
