// Evidence uploads with progress: one request per file, so each file shows its own bar and
// its own answer. Without JavaScript the form posts normally (all files in one request).
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (form && window.FormData && window.XMLHttpRequest) {
    form.addEventListener("submit", function (event) {
      var input = document.getElementById("files");
      if (!input.files.length) { return; }
      event.preventDefault();
      var files = Array.prototype.slice.call(input.files);
      var list = document.getElementById("progress");
      var max = parseInt(form.dataset.maxBytes, 10);
      var added = [], duplicates = [], failed = false;
      list.innerHTML = "";
      form.querySelector("button[type=submit]").disabled = true;

      function row(file) {
        var li = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = file.name;
        var bar = document.createElement("progress");
        bar.max = 100; bar.value = 0;
        var note = document.createElement("span");
        note.className = "note";
        li.appendChild(name); li.appendChild(bar); li.appendChild(note);
        list.appendChild(li);
        return { li: li, bar: bar, note: note };
      }

      function next(i) {
        if (i >= files.length) {
          form.querySelector("button[type=submit]").disabled = false;
          if (!failed || added.length) {
            var need = form.dataset.need;
            var query = "?added=" + encodeURIComponent(added.join(", ")) +
              "&dup=" + encodeURIComponent(duplicates.join(", ")) +
              (need ? "&need=" + encodeURIComponent(need) : "");
            // Back to the checklist, at the row the person tapped to add (now ticked).
            window.location.assign(window.location.pathname + query +
              (need ? "#need-" + need : "#checklist"));
          }
          return;
        }
        var file = files[i], r = row(file);
        if (file.size > max) {
          r.li.className = "error";
          r.note.textContent = form.dataset.tooLarge.replace("{name}", file.name);
          failed = true;
          return next(i + 1);
        }
        var data = new FormData();
        data.append("csrf_token", form.elements.csrf_token.value);
        data.append("kind", form.elements.kind.value);
        data.append("description", form.elements.description.value);
        data.append("files", file, file.name);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable) { r.bar.value = Math.round(100 * e.loaded / e.total); }
        };
        xhr.onload = function () {
          var body = {};
          try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
          if (xhr.status < 300) {
            r.bar.value = 100;
            r.li.className = "done";
            r.note.textContent = body.message || form.dataset.done;
            added = added.concat(body.items || []);
            duplicates = duplicates.concat(body.duplicates || []);
          } else {
            r.li.className = "error";
            r.note.textContent = body.detail || form.dataset.failed;
            failed = true;
          }
          next(i + 1);
        };
        xhr.onerror = function () {
          r.li.className = "error";
          r.note.textContent = form.dataset.failed;
          failed = true;
          next(i + 1);
        };
        xhr.send(data);
      }
      next(0);
    });
  }
})();
