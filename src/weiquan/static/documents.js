// "Copy the text" on a document's page. The clipboard API needs a secure context and is not
// always allowed inside WeChat's browser; then the old copy command, and if that fails too the
// text is opened and selected, so that a long press copies it.
(function () {
  "use strict";
  var button = document.getElementById("copy-text");
  if (!button) return;
  var box = document.getElementById(button.getAttribute("data-copy"));
  var status = document.getElementById("copy-status");

  function say(text) { if (status) status.textContent = text; }

  function selectByHand() {
    var details = box.closest("details");
    if (details) details.open = true;
    box.focus();
    box.select();
    box.setSelectionRange(0, box.value.length);
    return box;
  }

  function oldCopy() {
    selectByHand();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    return done;
  }

  button.addEventListener("click", function () {
    var text = box.value;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        button.setAttribute("data-state", "copied");
        say(button.getAttribute("data-copied"));
      }, function () {
        say(button.getAttribute(oldCopy() ? "data-copied" : "data-selected"));
      });
      return;
    }
    say(button.getAttribute(oldCopy() ? "data-copied" : "data-selected"));
  });
})();
