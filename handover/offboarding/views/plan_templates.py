"""Views for editing the plan templates of the workspace."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handover.core.access import workspace_view

from .. import selectors
from ..actions import plans as plan_actions
from ..forms import TemplateForm, TemplateStepForm


@workspace_view("manage_clients")
def template_list(request):
    if request.method == "POST":
        language = request.POST.get("language", "")
        if language in dict(settings.LANGUAGES):
            made = plan_actions.do_seed_templates(request.workspace, actor=request.user,
                                                  language=language)
            messages.success(request, _("%(count)s templates were added.") % {"count": len(made)})
        return redirect("plan_template_list", ws=request.workspace.slug)
    if not selectors.templates_of(request.workspace).exists():
        plan_actions.do_seed_templates(request.workspace, actor=request.user,
                                       language=request.workspace.language)
    return render(request, "offboarding/template_list.html", {
        "templates": selectors.templates_of(request.workspace),
        "languages": settings.LANGUAGES,
    })


@workspace_view("manage_clients")
def template_detail(request, plan_template_id: int):
    template = selectors.template(request.workspace, plan_template_id)
    name_form = TemplateForm(None, instance=template, prefix="t")
    step_form = TemplateStepForm(None, prefix="new")
    if request.method == "POST":
        if "t-name" in request.POST:
            name_form = TemplateForm(request.POST, instance=template, prefix="t")
            if name_form.is_valid():
                plan_actions.do_rename_template(template, actor=request.user,
                                                name=name_form.cleaned_data["name"])
                return redirect("plan_template_detail", ws=request.workspace.slug,
                                plan_template_id=template.pk)
        else:
            step_form = TemplateStepForm(request.POST, prefix="new")
            if step_form.is_valid():
                plan_actions.do_add_template_step(template, actor=request.user,
                                                  **step_form.cleaned_data)
                messages.success(request, _("The step was added."))
                return redirect("plan_template_detail", ws=request.workspace.slug,
                                plan_template_id=template.pk)
    return render(request, "offboarding/template_detail.html", {
        "template": template, "steps": template.steps.all(), "name_form": name_form,
        "step_form": step_form,
    })


@workspace_view("manage_clients")
def template_step_edit(request, template_step_id: int):
    step = selectors.template_step(request.workspace, template_step_id)
    back = redirect("plan_template_detail", ws=request.workspace.slug,
                    plan_template_id=step.template_id)
    if request.method == "POST" and request.POST.get("remove"):
        plan_actions.do_remove_template_step(step, actor=request.user)
        return back
    if request.method == "POST" and request.POST.get("move") in ("up", "down"):
        plan_actions.do_move_template_step(step, actor=request.user,
                                           up=request.POST["move"] == "up")
        return back
    form = TemplateStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        plan_actions.do_update_template_step(step, actor=request.user, **form.cleaned_data)
        return back
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(request, "offboarding/template_step_form.html", {"form": form, "step": step})
