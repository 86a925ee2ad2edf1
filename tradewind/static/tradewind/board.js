// Kanban drag and drop: SortableJS moves the card in the page, then we tell the server where it landed
// (new column + the cards above and below). If the server refuses (e.g. "blocked" needs a reason), we
// ask for the reason once, else put the board back as the server has it.
(function () {
  "use strict";
  function csrf() {
    var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRFToken"] || "";
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
      body: data,
      credentials: "same-origin",
    });
  }

  function reload() {
    window.location.reload();
  }

  function setup() {
    var board = document.getElementById("board");
    if (!board || !window.Sortable || board.dataset.editable !== "1") return;
    var template = board.dataset.moveUrl;
    board.querySelectorAll(".kanban-cards").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: "kanban",
        animation: 120,
        draggable: ".kanban-card",
        filter: "details, select, input, button",
        preventOnFilter: false,
        onEnd: function (event) {
          var card = event.item;
          var target = event.to;
          var prev = card.previousElementSibling;
          var next = card.nextElementSibling;
          var data = new FormData();
          data.append("status", target.dataset.status);
          if (prev && prev.dataset.id) data.append("after", prev.dataset.id);
          if (next && next.dataset.id) data.append("before", next.dataset.id);
          var url = template.replace("00000000-0000-0000-0000-000000000000", card.dataset.id);
          post(url, data).then(function (response) {
            if (response.ok) return;
            if (target.dataset.status === "blocked") {
              var reason = window.prompt(board.dataset.blockedPrompt);
              if (reason) {
                data.append("blocked_reason", reason);
                return post(url, data).then(function (again) { if (!again.ok) reload(); });
              }
            }
            return response.text().then(function (message) { if (message) window.alert(message); reload(); });
          });
        },
      });
    });
  }

  // Keyboard fallback forms (↑/↓) post with fetch too, then refresh the board.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("js-reload")) return;
    event.preventDefault();
    post(form.action, new FormData(form)).then(function (response) {
      if (!response.ok) return response.text().then(function (m) { window.alert(m); });
      window.location.reload();
    });
  });

  document.addEventListener("DOMContentLoaded", setup);
  document.addEventListener("htmx:afterSettle", setup);
})();
