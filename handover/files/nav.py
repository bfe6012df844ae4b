from django.utils.translation import gettext_lazy as _

NAV = [("files_home", _("Files"), "manage_files")]
