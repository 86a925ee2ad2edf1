// Tradewind shell: live updates over the workspace websocket.
// The server sends {topic, payload}; we re-emit it as a DOM event "tw:<topic>" on <body>, so any
// htmx element can refresh itself with hx-trigger="tw:members from:body". No page needs its own socket.
// Pages say things back through window.tradewind.say({type: …}) (chat: typing); what is said while the
// socket is down is dropped, as it only matters now. The page also says whether it is in use: "away"
// when hidden or untouched for five minutes, "active" again on the next key, click or touch.
(function () {
  "use strict";
  var url = document.body && document.body.dataset.wsUrl;
  if (!url || !("WebSocket" in window)) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var delay = 1000;
  var stopped = false;
  var current = null;
  var IDLE_MS = 5 * 60 * 1000;
  var state = "active";
  var idleTimer;

  function say(message) {
    if (current && current.readyState === 1) current.send(JSON.stringify(message));
  }
  window.tradewind = window.tradewind || {};
  window.tradewind.say = say;

  function setState(next) {
    if (next === state) return;
    state = next;
    say({ type: "presence", state: state });
  }
  function used() {
    clearTimeout(idleTimer);
    if (document.hidden) { setState("away"); return; }
    setState("active");
    idleTimer = setTimeout(function () { setState("away"); }, IDLE_MS);
  }
  ["keydown", "pointerdown", "touchstart", "wheel"].forEach(function (name) {
    document.addEventListener(name, used, { passive: true, capture: true });
  });
  document.addEventListener("visibilitychange", used);
  used();

  // Whoever shows a member's presence marks it data-presence="<member id>"; it follows live.
  document.body.addEventListener("tw:presence", function (event) {
    var d = event.detail || {};
    document.querySelectorAll('[data-presence="' + d.member + '"]').forEach(function (dot) {
      dot.dataset.state = d.state;
      var label = dot.dataset["label" + d.state.charAt(0).toUpperCase() + d.state.slice(1)];
      if (label) { dot.title = label; dot.setAttribute("aria-label", label); }
    });
  });

  function connect() {
    var socket = new WebSocket(scheme + location.host + url);
    var ping;
    current = socket;
    socket.onopen = function () {
      delay = 1000;
      document.body.dataset.live = "on";
      if (state === "away") say({ type: "presence", state: "away" });  // a new socket counts as in use
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
