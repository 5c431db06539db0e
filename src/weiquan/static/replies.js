// The delivery kit's copy buttons: the Clipboard API where the browser allows it (a secure
// page), else the text is selected so that a press and hold copies it (WeChat's browser).
(function () {
  "use strict";
  function status(button, text) {
    var next = button.nextElementSibling;
    if (next && next.classList.contains("copy-status")) { next.textContent = text; }
  }
  function select(field) {
    field.focus();
    field.select();
    if (field.setSelectionRange) { field.setSelectionRange(0, field.value.length); }
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) { return; }
      var fallback = function () {
        select(field);
        var done = false;
        try { done = document.execCommand("copy"); } catch (e) { done = false; }
        status(button, button.getAttribute(done ? "data-copied" : "data-select"));
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          select(field);
          status(button, button.getAttribute("data-copied"));
        }, fallback);
      } else {
        fallback();
      }
    });
  });
}());
