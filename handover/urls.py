from django.contrib.auth import views as auth_views
from django.urls import include, path

from handover.api.api import api
from handover.core import views as core_views
from handover.core.apps_registry import modules
from handover.core.forms import OutboxPasswordResetForm, SignInForm
from handover.core.rest import errors as api_errors

accounts = [
    path("login/", auth_views.LoginView.as_view(
        authentication_form=SignInForm, redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        form_class=OutboxPasswordResetForm), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("", core_views.account, name="account"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    # Browsers and feed readers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", core_views.favicon),
    path("accounts/", include(accounts)),
    path("language/", core_views.set_language, name="set_language"),
    path("invitations/<str:token>/", core_views.accept_invitation, name="accept_invitation"),
    path("w/new/", core_views.workspace_new, name="workspace_new"),
    path("api/", api.urls),
    path("api/<path:rest>", api_errors.not_found),
]

# Each app's pages: workspace pages under /w/<ws>/, public ones (the portal) at the root.
for module in modules("urls"):
    if getattr(module, "urlpatterns", None):
        urlpatterns.append(path("w/<slug:ws>/", include(module.urlpatterns)))
    if getattr(module, "public_urlpatterns", None):
        urlpatterns.append(path("", include(module.public_urlpatterns)))
