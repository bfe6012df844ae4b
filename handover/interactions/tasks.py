"""Background imports. The task takes the run's id, loads it and runs the importer."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from pathlib import Path

from django_tasks import task

from .actions import STOPPED, do_finish_import, do_start_import, do_update_progress
from .importers.base import Refused
from .importers.run import run_import
from .models import ImportRun, ImportState
from .secrets import unseal


@task()
def run_import_task(import_run_id: int) -> str:
    from django.utils.translation import gettext as _

    run = ImportRun.objects.select_related("workspace", "created_by").filter(
        pk=import_run_id, state=ImportState.QUEUED).first()
    if run is None:
        return "skipped"
    do_start_import(run)
    last = [0.0]

    def progress(done, total):
        now = time.monotonic()
        if now - last[0] >= 0.5 or (total and done >= total):
            last[0] = now
            do_update_progress(run, processed=done, total=total)

    folder = Path(tempfile.mkdtemp(prefix="handover-import-"))
    try:
        if run.upload:
            source = folder / Path(run.upload.name).name
            with run.upload.open("rb") as upload, open(source, "wb") as copy:
                shutil.copyfileobj(upload, copy, 1024 * 1024)
            source = str(source)
        else:
            source = run.label
        password = unseal(run.sealed_secret) if run.sealed_secret else ""
        report = run_import(run.kind, run.workspace, actor=run.created_by, source=source,
                            client_name=run.client_name, password=password,
                            progress=progress, run=run)
        do_finish_import(run, report=report.as_dict())
    except Refused as err:
        do_finish_import(run, report=None, error=str(err))
    except Exception:  # noqa: BLE001 - the page shows a sentence, the log has the details
        import logging

        logging.getLogger(__name__).exception("import %s failed", run.pk)
        do_finish_import(run, report=None, error=_("The import stopped on an unexpected "
                                                   "error; the details are in the log."))
    except BaseException:  # the worker is stopping (a second SIGTERM): say so, then stop
        with contextlib.suppress(Exception):
            do_finish_import(run, report=None, error=_(STOPPED))
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return run.state
