/* Behaviour shared by every page, kept out of the HTML so that the Content-Security-Policy
   can forbid inline script. Loaded with `defer` from base.html. */
(function () {
  "use strict";

  // A <select data-autosubmit> sends its form as soon as its value changes (the language
  // switch, list filters). Listening on the document also covers content htmx swaps in.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") &&
        field.form) {
      field.form.submit();
    }
  });
})();

/* Quick time entry (duties/_quick_time.html): when htmx swaps the inline form back in, the
   focus goes to the first field in error, or after a log to the "Log time" button again,
   not to the top of the page. */
(function () {
  "use strict";

  document.addEventListener("htmx:load", function (event) {
    var root = event.target;
    if (!(root instanceof Element) || !root.classList.contains("quick-time")) {
      return;
    }
    var target = root.querySelector("[aria-invalid='true']") ||
      (root.querySelector(".alert.success") && root.querySelector("summary"));
    if (target) {
      target.focus();
    }
  });
})();
