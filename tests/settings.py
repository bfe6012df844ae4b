"""Test settings: the product's settings with a throw-away data directory and fast hashing."""

import os
import tempfile

os.environ["HANDOVER_DATA_DIR"] = tempfile.mkdtemp(prefix="handover-test-")
os.environ["HANDOVER_TASKS"] = "immediate"

from handover.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
