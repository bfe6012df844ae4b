"""Django-free engine of the files app: walking, hashing, naming rules, zip export and verify."""
