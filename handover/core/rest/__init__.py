"""What every app's API router shares: token and session authentication scoped to the
workspace in the path, the one error shape, paging, and binding API values to the UI's forms.
The API itself (handover/api/) only assembles the routers."""
