"""Background tasks of departures: deactivating the leaver at the end of the last day."""

from django_tasks import task


@task()
def deactivate_leaver(departure_id: int) -> str:
    from .actions import do_deactivate_leaver
    from .models import Departure

    departure = Departure.objects.filter(pk=departure_id).first()
    if departure is None:
        return "skipped"
    return "deactivated" if do_deactivate_leaver(departure) else "not yet"
