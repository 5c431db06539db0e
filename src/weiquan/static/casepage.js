// The case page folds its long parts (assessment, facts, timeline) into <details>: a link to
// one of them (the tab bar, a shared #anchor) opens the folded part it points at.
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var fold = target.tagName === "DETAILS" ? target : target.querySelector("details.fold");
    for (var el = fold || target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
