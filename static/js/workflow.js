// FairMatch recruiter workflow: CV status polling, bulk CV intake, kanban board.
// Plain JavaScript, no CDN, no inline script (the pages work without it).
(function () {
  "use strict";
  var POLL_MS = 2000;

  // A CV list with a document still being read polls its status and reloads once it is done,
  // so a failed read shows up on the uploader's page without a manual refresh.
  document.querySelectorAll("[data-cv-status-url]").forEach(function (section) {
    var pending = section.querySelector(
      "[data-parse-status='pending'], [data-parse-status='processing']"
    );
    if (!pending) { return; }
    var url = section.getAttribute("data-cv-status-url");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.pending) { window.setTimeout(poll, POLL_MS); } else { window.location.reload(); }
        })
        .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
    }
    window.setTimeout(poll, POLL_MS);
  });
})();
