"""Reading time exports of Toggl, Clockify, Harvest and Kimai (and the generic CSV)."""
