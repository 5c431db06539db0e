// The agency queue's keyboard shortcuts (j/k move, x select, o or Enter open, / search,
// a assign to me, ? the list). Nothing fires while the clerk types in a field, and every
// move is announced to screen readers through the page's live region.
(function () {
  "use strict";
  // On a phone the filters fold away, unless some are set: the cases come first.
  var side = document.getElementById("wb-side-box");
  if (side && side.getAttribute("data-active") === "0" &&
      window.matchMedia("(max-width: 63.99rem)").matches) {
    side.open = false;
  }
  var table = document.querySelector(".wb-queue");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-case]"));
  var live = document.getElementById("wb-announce");
  var help = document.getElementById("wb-keys");
  var search = document.getElementById("wb-q");
  var assignMe = document.getElementById("wb-assign-me");
  var counter = document.getElementById("wb-selected");
  var current = -1;

  function say(text) {
    if (!live) { return; }
    live.textContent = "";
    // A new text node each time, so that the same words are read again.
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function describe(row) {
    var cells = row.querySelectorAll("td[data-label]");
    var parts = [];
    for (var i = 0; i < cells.length; i++) {
      var text = cells[i].textContent.replace(/\s+/g, " ").trim();
      if (text) { parts.push(cells[i].getAttribute("data-label") + ": " + text); }
    }
    var box = row.querySelector("input[type=checkbox]");
    if (box && box.checked) { parts.push(table.getAttribute("data-selected-word") || "✓"); }
    return parts.join("; ");
  }

  function move(to) {
    if (!rows.length) { return; }
    if (current >= 0) { rows[current].classList.remove("wb-current"); rows[current].removeAttribute("aria-current"); }
    current = Math.max(0, Math.min(rows.length - 1, to));
    var row = rows[current];
    row.classList.add("wb-current");
    row.setAttribute("aria-current", "true");
    row.scrollIntoView({ block: "nearest" });
    say(describe(row));
  }

  function selectedCount() {
    var n = table.querySelectorAll("tbody input[type=checkbox]:checked").length;
    if (counter) { counter.textContent = n ? counter.getAttribute("data-template").replace("{n}", n) : ""; }
    return n;
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function toggleHelp() {
    if (!help) { return; }
    help.open = !help.open;
    if (help.open) { help.querySelector("summary").focus(); }
  }

  table.addEventListener("change", function (event) {
    if (event.target && event.target.type === "checkbox") { selectedCount(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) { return; }
    var key = event.key;
    var row = current >= 0 ? rows[current] : null;
    if (key === "j") { move(current + 1); }
    else if (key === "k") { move(current < 0 ? 0 : current - 1); }
    else if (key === "x" && row) {
      var box = row.querySelector("input[type=checkbox]");
      if (!box) { return; }
      box.checked = !box.checked;
      selectedCount();
      say(describe(row));
    }
    else if ((key === "o" || key === "Enter") && row) {
      // Enter on a focused link or button is the browser's own.
      if (key === "Enter" && event.target && event.target.closest && event.target.closest("a, button, summary")) { return; }
      var link = row.querySelector("a[href]");
      if (link) { window.location.assign(link.getAttribute("href")); }
    }
    else if (key === "/" && search) { search.focus(); search.select(); }
    else if (key === "a" && row && assignMe) {
      assignMe.querySelector("input[name=cases]").value = row.getAttribute("data-case");
      assignMe.submit();
    }
    else if (key === "?") { toggleHelp(); }
    else { return; }
    event.preventDefault();
  });
})();
