/* After a failed submit the page comes back with an error summary: move focus
   to it, so screen-reader and keyboard users hear what to fix and can follow
   its links to each field, instead of starting again from the top. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
})();
