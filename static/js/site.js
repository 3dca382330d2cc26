// What every page needs once htmx is loaded. Without JavaScript none of it is needed.
(function () {
  "use strict";

  // With DEBUG on, django-htmx's script (document-level "htmx:beforeOnLoad" listener) replaces the whole
  // page with any 400/403/404/500 response, so that Django's debug pages show. The app also answers
  // with 4xx fragments on purpose (a refused answer, a form with errors) and marks them with
  // X-Swap-In-Place: stopping the event at <body> keeps that handler from seeing them, and htmx swaps
  // them in place as the htmx-config in base.html says, exactly as with DEBUG off.
  document.body.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader("X-Swap-In-Place")) {
      event.stopPropagation();
    }
  });
})();
