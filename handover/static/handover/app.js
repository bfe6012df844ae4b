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
