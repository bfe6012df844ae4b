"""Django-free engine of the files app: walking, hashing, rules, zip export and verify."""
