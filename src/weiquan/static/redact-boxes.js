// Boxes drawn on a picture to redact it (templates/evidence/_redact_boxes.html).
//
// Pointer events, so a finger, a pen and a mouse all draw: drag on the picture to add a box,
// drag a box to move it, drag its corner to resize it, tap its × to delete it. Boxes are kept
// in the picture's own pixels (naturalWidth x naturalHeight, EXIF orientation applied as the
// browser shows it, as the server draws) and shown scaled to the screen. The numeric fields
// (box-N-x, -y, -w, -h) in the <details> are the form's real fields and the keyboard's way:
// editing a number moves its box, drawing fills the numbers.
//
// data-boxes on .redact-boxes gives the boxes to start with, as JSON:
//   [{"x": 10, "y": 20, "w": 300, "h": 40, "proposed": true}, ...]
// A proposed box (read from the picture, say) covers nothing until the person confirms it
// (its ✓, "confirm all", or its check box); moving or resizing it confirms it too.
(function () {
  "use strict";
  var MIN = 6; // screen pixels: a tap is not a box

  function setup(root) {
    var img = root.querySelector(".redact-picture");
    var layer = root.querySelector(".redact-layer");
    var rowsBox = root.querySelector(".box-rows");
    var statusLine = root.querySelector(".redact-status");
    var actions = root.querySelector(".redact-actions");
    var addButton = root.querySelector(".add-box");
    var text = root.dataset;
    var boxes = [];
    try {
      boxes = JSON.parse(text.boxes || "[]").map(function (b) {
        return { x: +b.x || 0, y: +b.y || 0, w: +b.w || 0, h: +b.h || 0, proposed: !!b.proposed };
      });
    } catch (err) { boxes = []; }
    var drag = null;

    function scale() { return img.clientWidth ? img.naturalWidth / img.clientWidth : 1; }
    function say(template, n) { return template.replace("{n}", n); }

    function clamp(b) {
      var W = img.naturalWidth || Infinity, H = img.naturalHeight || Infinity;
      b.w = Math.max(1, Math.min(Math.round(b.w), W));
      b.h = Math.max(1, Math.min(Math.round(b.h), H));
      b.x = Math.max(0, Math.min(Math.round(b.x), W - b.w));
      b.y = Math.max(0, Math.min(Math.round(b.y), H - b.h));
      return b;
    }

    function point(e) {
      var r = img.getBoundingClientRect(), s = scale();
      return { x: (e.clientX - r.left) * s, y: (e.clientY - r.top) * s };
    }

    function drawLayer() {
      var s = scale();
      layer.innerHTML = "";
      boxes.forEach(function (b, i) {
        var el = document.createElement("div");
        el.className = "redact-box" + (b.proposed ? " proposed" : "");
        el.dataset.index = i;
        el.style.left = b.x / s + "px";
        el.style.top = b.y / s + "px";
        el.style.width = b.w / s + "px";
        el.style.height = b.h / s + "px";
        var tag = document.createElement("span");
        tag.className = "box-tag";
        tag.textContent = (i + 1) + (b.proposed ? " · " + text.textProposed : "");
        el.appendChild(tag);
        if (b.proposed) { el.appendChild(button("box-confirm", "✓", text.textConfirm)); }
        el.appendChild(button("box-delete", "×", text.textDelete));
        var grip = document.createElement("span");
        grip.className = "box-grip";
        el.appendChild(grip);
        layer.appendChild(el);
      });
      var pending = boxes.filter(function (b) { return b.proposed; }).length;
      statusLine.textContent = say(text.textCount, boxes.length - pending) +
        (pending ? " " + say(text.textPending, pending) : "");
      actions.hidden = !pending;
    }

    function button(cls, glyph, label) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = cls;
      b.tabIndex = -1; // the keyboard's way is the numeric fields
      b.textContent = glyph;
      b.title = label;
      return b;
    }

    function field(label, name, value, min) {
      var l = document.createElement("label");
      l.appendChild(document.createTextNode(label + " "));
      var input = document.createElement("input");
      input.type = "number"; input.min = min; input.inputMode = "numeric";
      input.name = name; input.value = value;
      l.appendChild(input);
      return l;
    }

    function drawRows() {
      rowsBox.innerHTML = "";
      boxes.forEach(function (b, i) {
        var set = document.createElement("fieldset");
        set.className = "box-row" + (b.proposed ? " proposed" : "");
        set.dataset.index = i;
        var legend = document.createElement("legend");
        legend.textContent = say(text.textBox, i + 1) + (b.proposed ? " · " + text.textProposed : "");
        set.appendChild(legend);
        set.appendChild(field(text.textLeft, "box-" + i + "-x", b.x, 0));
        set.appendChild(field(text.textTop, "box-" + i + "-y", b.y, 0));
        set.appendChild(field(text.textWidth, "box-" + i + "-w", b.w, 1));
        set.appendChild(field(text.textHeight, "box-" + i + "-h", b.h, 1));
        if (b.proposed) {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = "box-" + i + "-proposed"; hidden.value = "1";
          set.appendChild(hidden);
          var confirm = document.createElement("label");
          confirm.className = "confirm";
          var check = document.createElement("input");
          check.type = "checkbox"; check.name = "box-" + i + "-confirmed";
          check.addEventListener("change", function () {
            if (check.checked) { b.proposed = false; render(); }
          });
          confirm.appendChild(check);
          confirm.appendChild(document.createTextNode(" " + text.textConfirm));
          set.appendChild(confirm);
        }
        var del = document.createElement("button");
        del.type = "button"; del.className = "button secondary";
        del.textContent = text.textDelete;
        del.addEventListener("click", function () { boxes.splice(i, 1); render(); });
        set.appendChild(del);
        set.addEventListener("input", function (e) {
          var key = e.target.name && e.target.name.split("-")[2];
          if ("xywh".indexOf(key) < 0 || e.target.value === "") { return; }
          b[key] = +e.target.value;
          clamp(b);
          drawLayer(); // not the rows: the person is typing in one
        });
        rowsBox.appendChild(set);
      });
    }

    function render() { drawLayer(); drawRows(); }

    layer.addEventListener("pointerdown", function (e) {
      if (e.button !== undefined && e.button > 0) { return; }
      var target = e.target, boxEl = target.closest(".redact-box");
      var i = boxEl ? +boxEl.dataset.index : -1;
      if (target.classList.contains("box-delete")) {
        boxes.splice(i, 1); render(); e.preventDefault(); return;
      }
      if (target.classList.contains("box-confirm")) {
        boxes[i].proposed = false; render(); e.preventDefault(); return;
      }
      var p = point(e);
      if (boxEl) {
        var b = boxes[i];
        drag = { mode: target.classList.contains("box-grip") ? "resize" : "move", box: b,
                 from: p, start: { x: b.x, y: b.y, w: b.w, h: b.h }, moved: false };
      } else {
        var fresh = { x: p.x, y: p.y, w: 0, h: 0, proposed: false };
        boxes.push(fresh);
        drag = { mode: "draw", box: fresh, from: p, moved: false };
      }
      layer.setPointerCapture(e.pointerId);
      e.preventDefault();
    });

    layer.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var p = point(e), b = drag.box, dx = p.x - drag.from.x, dy = p.y - drag.from.y;
      drag.moved = drag.moved || Math.abs(dx) + Math.abs(dy) > MIN * scale() / 2;
      if (drag.mode === "draw") {
        b.x = Math.min(p.x, drag.from.x); b.y = Math.min(p.y, drag.from.y);
        b.w = Math.abs(dx); b.h = Math.abs(dy);
        drawLayer(); // unclamped while drawing: rounded once let go
      } else {
        if (drag.mode === "move") { b.x = drag.start.x + dx; b.y = drag.start.y + dy; }
        else { b.w = drag.start.w + dx; b.h = drag.start.h + dy; }
        if (drag.moved) { b.proposed = false; } // adjusting a proposal is accepting it
        clamp(b); drawLayer();
      }
      e.preventDefault();
    });

    function end(e) {
      if (!drag) { return; }
      var b = drag.box, s = scale();
      if (drag.mode === "draw" && (b.w / s < MIN || b.h / s < MIN)) {
        boxes.splice(boxes.indexOf(b), 1);
      } else {
        clamp(b);
      }
      drag = null;
      render();
      if (e) { e.preventDefault(); }
    }
    layer.addEventListener("pointerup", end);
    layer.addEventListener("pointercancel", end);

    root.querySelector(".confirm-all").addEventListener("click", function () {
      boxes.forEach(function (b) { b.proposed = false; });
      render();
    });
    addButton.hidden = false;
    addButton.addEventListener("click", function () {
      var W = img.naturalWidth || 100, H = img.naturalHeight || 100;
      boxes.push(clamp({ x: W / 4, y: H / 4, w: W / 2, h: H / 8, proposed: false }));
      render();
      var inputs = rowsBox.querySelectorAll("input[type=number]");
      if (inputs.length) { inputs[inputs.length - 4].focus(); }
    });
    window.addEventListener("resize", drawLayer);
    root.classList.add("drawable");
    if (img.complete && img.naturalWidth) { render(); }
    img.addEventListener("load", render);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".redact-boxes"), setup);
})();
