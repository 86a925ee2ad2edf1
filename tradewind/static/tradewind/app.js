// Tradewind shell: live updates over the workspace websocket.
// The server sends {topic, payload}; we re-emit it as a DOM event "tw:<topic>" on <body>, so any
// htmx element can refresh itself with hx-trigger="tw:members from:body". No page needs its own socket.
(function () {
  "use strict";
  var url = document.body && document.body.dataset.wsUrl;
  if (!url || !("WebSocket" in window)) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var delay = 1000;
  var stopped = false;

  function connect() {
    var socket = new WebSocket(scheme + location.host + url);
    var ping;
    socket.onopen = function () {
      delay = 1000;
      document.body.dataset.live = "on";
      ping = setInterval(function () { socket.send(JSON.stringify({ type: "ping" })); }, 30000);
    };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.topic === "notifications" && typeof message.payload.unread === "number") {
        // The bell: the server sends the count as of its commit.
        document.querySelectorAll("[data-unread-count]").forEach(function (badge) {
          badge.textContent = message.payload.unread;
          badge.hidden = message.payload.unread === 0;
        });
      }
      document.body.dispatchEvent(new CustomEvent("tw:" + message.topic, { detail: message.payload || {} }));
    };
    socket.onclose = function (event) {
      clearInterval(ping);
      document.body.dataset.live = "off";
      // 4401/4403/4404: signed out, session ended or no longer a member: reload to show why.
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) {
        stopped = true;
        location.reload();
        return;
      }
      if (!stopped) {
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      }
    };
  }
  connect();
})();

// A form field that matters only for one choice of another: its input carries
// data-shown-when="<other field's name>=<value>", and its .field is hidden while the other says otherwise.
// Without JavaScript every field shows, and the server ignores the ones that do not apply.
(function () {
  "use strict";
  function update(root) {
    root.querySelectorAll("[data-shown-when]").forEach(function (input) {
      var rule = input.dataset.shownWhen.split("=");
      var other = input.form && input.form.elements[rule[0]];
      if (!other) return;
      var field = input.closest(".field") || input;
      field.hidden = other.value !== rule[1];
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.form) update(event.target.form);
  });
  document.addEventListener("DOMContentLoaded", function () { update(document); });
  document.addEventListener("htmx:afterSettle", function (event) { update(event.target); });
})();
