// The library's upload form: files dropped on it or chosen go up one a request, each with its progress
// bar; when all are done the page reloads and shows what was added and what was refused (the server's
// messages). Without this script the form posts every file at once and works the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-library-upload]");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var input = form.querySelector('input[type="file"]');
  var drop = form.querySelector(".library-drop");
  var list = form.querySelector(".library-progress");
  var token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;

  function sendOne(file) {
    return new Promise(function (resolve) {
      var item = document.createElement("li");
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      item.textContent = file.name + " ";
      item.appendChild(bar);
      list.appendChild(item);
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");  // answered 204: the messages wait for the reload
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener("loadend", function () {
        bar.value = 100;
        resolve();
      });
      xhr.send(data);
    });
  }

  function sendAll(files) {
    if (!files.length) return;
    form.querySelector('button[type="submit"]').disabled = true;
    Array.prototype.reduce
      .call(files, function (chain, file) { return chain.then(function () { return sendOne(file); }); }, Promise.resolve())
      .then(function () { window.location.reload(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendAll(input.files);
  });
  input.addEventListener("change", function () { sendAll(input.files); });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("dragging"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    sendAll(event.dataTransfer.files);
  });
})();
