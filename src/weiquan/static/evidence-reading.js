// Pictures still being read (issue 22): ask the server now and then whether their reading is
// done, and show the page again once one is. Without this script the "Refresh" link does it.
(function () {
  "use strict";
  var pending = document.querySelectorAll('[data-reading="pending"]');
  var root = document.querySelector("[data-reading-poll]");
  if (!pending.length || !root) return;
  var url = root.getAttribute("data-reading-poll");
  var waiting = root.getAttribute("data-reading-seqs").split(",").filter(Boolean);
  var tries = 0;
  function check() {
    tries += 1;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var still = data.pending.map(String);
        var done = waiting.some(function (seq) { return still.indexOf(seq) === -1; });
        if (done) { window.location.reload(); return; }
        // Every 3 seconds for two minutes, then every 15: a long queue is not hammered.
        setTimeout(check, tries < 40 ? 3000 : 15000);
      })
      .catch(function () { setTimeout(check, 15000); });
  }
  setTimeout(check, 2000);
})();
