// The chat page: live messages, read markers, the composer (Enter sends, Shift+Enter a new line, Up edits
// one's last message), a queue for what is written offline, files (picked, pasted or dropped), threads and
// older history.
// Nothing is trusted to the socket: an event only says "something changed after N"; the page then asks
// the server for what came after the last number it holds (also after every reconnect), so a lost event,
// a sleeping laptop or a server restart loses nothing. Each message is sent with a client key, so a
// retry after a timeout is stored once.
(function () {
  "use strict";
  var root = document.querySelector(".chat[data-conversation]");
  var list = document.getElementById("chat-messages");
  var threadPane = document.getElementById("chat-thread");
  var conversation = root && root.dataset.conversation;
  var me = document.querySelector(".chat") && document.querySelector(".chat").dataset.me;
  var lastSeq = root ? parseInt(root.dataset.lastSeq || "0", 10) : 0;
  var queueKey = conversation ? "tw-chat-queue-" + conversation : null;
  var csrf = "";
  try { csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { csrf = ""; }

  function headers(extra) {
    var h = { "X-CSRFToken": csrf, "X-Tradewind-Chat": "1" };
    for (var k in extra || {}) h[k] = extra[k];
    return h;
  }
  function fragment(html) {
    var box = document.createElement("div");
    box.innerHTML = html;
    return box;
  }
  function key() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  // --- messages in the list ------------------------------------------------------------------------
  function place(article) {
    var seq = parseInt(article.dataset.seq, 10);
    var existing = document.getElementById("m" + seq);
    if (existing) { existing.replaceWith(article); return; }
    var empty = list.querySelector(".chat-empty");
    if (empty) empty.remove();
    var after = null;
    list.querySelectorAll("article.chat-message[data-seq]").forEach(function (a) {
      if (parseInt(a.dataset.seq, 10) < seq) after = a;
    });
    if (after) after.after(article); else list.appendChild(article);
    if (seq > lastSeq) lastSeq = seq;
  }
  function nearBottom() { return list.scrollHeight - list.scrollTop - list.clientHeight < 120; }

  var fetching = false, again = false;
  function catchUp(from) {
    if (!list) return;
    if (fetching) { again = true; return; }
    fetching = true;
    var stick = nearBottom();
    var after = typeof from === "number" ? from : lastSeq;
    fetch(root.dataset.messagesUrl + "?after=" + after, { headers: headers(), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        fragment(html).querySelectorAll("article.chat-message").forEach(place);
        if (stick) list.scrollTop = list.scrollHeight;
        markRead();
      })
      .catch(function () {})
      .then(function () { fetching = false; if (again) { again = false; catchUp(); } });
  }

  var readSent = 0;
  function markRead() {
    if (!root || document.hidden || lastSeq <= readSent) return;
    readSent = lastSeq;
    var body = new FormData();
    body.append("seq", String(lastSeq));
    fetch(root.dataset.readUrl, { method: "POST", body: body, headers: headers(), credentials: "same-origin" })
      .catch(function () { readSent = 0; });
  }

  // --- @mentions: "@Na" offers the members whose name matches; a pick writes "@Name" in the text and
  // is sent as <@id> (what the server reads); editing turns <@id> back into "@Name".
  var members = [];
  try { members = JSON.parse((document.getElementById("chat-members") || {}).textContent || "[]"); } catch (e) { members = []; }
  var picked = {};
  members.forEach(function (m) { picked["@" + m.name] = m.id; });
  function toTokens(text) {
    Object.keys(picked).sort(function (a, b) { return b.length - a.length; }).forEach(function (name) {
      text = text.split(name).join("<@" + picked[name] + ">");
    });
    return text;
  }
  function fromTokens(text) {
    members.forEach(function (m) { text = text.split("<@" + m.id + ">").join("@" + m.name); });
    return text;
  }
  function mentionWord(area) {
    var before = area.value.slice(0, area.selectionStart);
    var match = /(^|\s)@([^\s@]{0,30})$/.exec(before);
    return match ? match[2] : null;
  }
  function showMentions(area) {
    var box = area.form.querySelector(".chat-mentions");
    if (!box) return;
    var word = mentionWord(area);
    var found = word === null ? [] : members.filter(function (m) {
      return m.name.toLowerCase().indexOf(word.toLowerCase()) !== -1;
    }).slice(0, 6);
    box.innerHTML = "";
    found.forEach(function (m, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.dataset.name = m.name;
      li.textContent = m.name;
      box.appendChild(li);
    });
    box.hidden = found.length === 0;
  }
  function pickMention(area, name) {
    var start = area.selectionStart;
    var before = area.value.slice(0, start).replace(/@[^\s@]{0,30}$/, "@" + name + " ");
    area.value = before + area.value.slice(start);
    area.selectionStart = area.selectionEnd = before.length;
    area.form.querySelector(".chat-mentions").hidden = true;
    area.focus();
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".chat-composer textarea")) showMentions(event.target);
  });
  document.addEventListener("mousedown", function (event) {
    var li = event.target.closest(".chat-mentions li");
    if (!li) return;
    event.preventDefault();
    pickMention(li.closest("form").querySelector("textarea"), li.dataset.name);
  });

  // --- files to send: picked, pasted (an image copied or a screenshot) or dropped on the composer -----
  function chosen(form) { return form._files || (form._files = []); }
  function showChosen(form) {
    var box = form.querySelector(".chat-chosen");
    if (!box) return;
    box.innerHTML = "";
    chosen(form).forEach(function (file, i) {
      var li = document.createElement("li");
      li.textContent = "📎 " + file.name + " ";
      var x = document.createElement("button");
      x.type = "button";
      x.dataset.unchoose = String(i);
      x.setAttribute("aria-label", "×");
      x.textContent = "×";
      li.appendChild(x);
      box.appendChild(li);
    });
    box.hidden = chosen(form).length === 0;
  }
  function choose(form, files) {
    for (var i = 0; i < files.length; i++) chosen(form).push(files[i]);
    showChosen(form);
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('.chat-composer input[type="file"]')) return;
    choose(input.form, input.files);
    input.value = "";  // the files are held by the form; the same file may be picked again
  });
  document.addEventListener("paste", function (event) {
    var area = event.target;
    if (!area.matches || !area.matches(".chat-composer textarea")) return;
    var data = event.clipboardData;
    if (!data || !data.files || !data.files.length) return;
    choose(area.form, data.files);
    if (!data.getData("text/plain")) event.preventDefault();
  });
  document.addEventListener("dragover", function (event) {
    var form = event.target.closest && event.target.closest(".chat-composer");
    if (form) { event.preventDefault(); form.classList.add("dragging"); }
  });
  document.addEventListener("dragleave", function (event) {
    var form = event.target.closest && event.target.closest(".chat-composer");
    if (form) form.classList.remove("dragging");
  });
  document.addEventListener("drop", function (event) {
    var form = event.target.closest && event.target.closest(".chat-composer");
    if (!form || !event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    form.classList.remove("dragging");
    choose(form, event.dataTransfer.files);
  });

  // --- the composer and the offline queue ----------------------------------------------------------
  // Text waits in localStorage (it survives a reload); files cannot, so a message with files waits in
  // the page until it is sent.
  var held = [];
  function queue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items) { try { localStorage.setItem(queueKey, JSON.stringify(items)); } catch (e) {} }

  function showError(form, text) {
    var p = form.querySelector(".chat-error");
    if (!p) return;
    p.textContent = text || "";
    p.hidden = !text;
  }

  function post(item, form) {
    var body = new FormData();
    body.append("body", item.body);
    body.append("client_key", item.key);
    if (item.thread) body.append("thread", item.thread);
    (item.files || []).forEach(function (file) { body.append("files", file, file.name); });
    return fetch(root.dataset.sendUrl, { method: "POST", body: body, headers: headers(), credentials: "same-origin" })
      .then(function (r) {
        return r.text().then(function (text) {
          saveQueue(queue().filter(function (q) { return q.key !== item.key; }));
          held = held.filter(function (q) { return q.key !== item.key; });
          var pending = document.querySelector('[data-pending="' + item.key + '"]');
          if (pending) pending.remove();
          if (!r.ok) {  // refused (empty, too long, archived …): the text goes back to the composer
            if (form) {
              form.elements.body.value = fromTokens(item.body);
              if (item.files) { form._files = item.files; showChosen(form); }
              showError(form, text);
            }
            return;
          }
          if (item.thread) { openThread(item.thread); catchUp(lastSeq > 0 ? lastSeq - 1 : 0); return; }
          fragment(text).querySelectorAll("article.chat-message").forEach(place);
          list.scrollTop = list.scrollHeight;
          markRead();
        });
      });  // a network error leaves the item queued: sent again when the socket is back
  }

  function flush() {
    if (!queueKey) return;
    queue().concat(held).forEach(function (item) { post(item, null).catch(function () {}); });
  }

  function pendingBubble(item) {
    var p = document.createElement("p");
    p.className = "chat-message pending muted";
    p.dataset.pending = item.key;
    p.textContent = item.body + (item.files && item.files.length ? " 📎 " + item.files.length : "");
    list.appendChild(p);
    list.scrollTop = list.scrollHeight;
  }

  function submit(form) {
    var text = form.elements.body.value;
    showError(form, "");
    if (form.dataset.editUrl) { if (text.trim()) edit(form, toTokens(text)); return; }
    var files = chosen(form).slice();
    if (!text.trim() && !files.length) return;  // nothing to send; the server refuses it anyway
    text = toTokens(text);
    var item = { key: key(), body: text, thread: form.elements.thread ? form.elements.thread.value : "" };
    if (files.length) { item.files = files; held.push(item); } else saveQueue(queue().concat([item]));
    form.elements.body.value = "";
    form._files = [];
    showChosen(form);
    if (!item.thread) pendingBubble(item);
    post(item, form).catch(function () {});
  }

  function edit(form, text) {
    var body = new FormData();
    body.append("body", text);
    fetch(form.dataset.editUrl, { method: "POST", body: body, headers: headers(), credentials: "same-origin" })
      .then(function (r) {
        return r.text().then(function (html) {
          if (!r.ok) { showError(form, html); return; }
          fragment(html).querySelectorAll("article.chat-message").forEach(place);
          delete form.dataset.editUrl;
          form.elements.body.value = "";
        });
      });
  }

  document.addEventListener("keydown", function (event) {
    var area = event.target;
    if (!area.matches || !area.matches(".chat-composer textarea")) return;
    var box = area.form.querySelector(".chat-mentions");
    if (box && !box.hidden && (event.key === "Enter" || event.key === "Tab")) {
      var chosen = box.querySelector('[aria-selected="true"]');
      if (chosen) { event.preventDefault(); pickMention(area, chosen.dataset.name); return; }
    }
    if (box && !box.hidden && event.key === "Escape") { box.hidden = true; return; }
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();  // (229: a Chinese input method is still choosing the characters)
      submit(area.form);
    } else if (event.key === "ArrowUp" && !area.value) {
      var mine = list && list.querySelectorAll("article[data-mine]");
      var last = mine && mine[mine.length - 1];
      if (last) {
        event.preventDefault();
        area.value = fromTokens(last.dataset.body);
        area.form.dataset.editUrl = last.dataset.editUrl;
      }
    } else if (event.key === "Escape" && area.form.dataset.editUrl) {
      delete area.form.dataset.editUrl;
      area.value = "";
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches(".chat-composer") && root) { event.preventDefault(); submit(form); }
    else if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // --- threads and older history -------------------------------------------------------------------
  function openThread(id) {
    if (!threadPane) return false;
    var link = document.querySelector('[data-thread="' + id + '"]');
    var url = link ? link.getAttribute("href") : null;
    if (!url) return false;
    fetch(url, { headers: headers({ "HX-Request": "true" }), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { threadPane.innerHTML = html; root.classList.add("has-thread"); });
    return true;
  }
  document.addEventListener("click", function (event) {
    var t = event.target.closest("[data-thread]");
    if (t && openThread(t.dataset.thread)) { event.preventDefault(); return; }
    var unchoose = event.target.closest("[data-unchoose]");
    if (unchoose) {
      var form = unchoose.closest("form");
      chosen(form).splice(parseInt(unchoose.dataset.unchoose, 10), 1);
      showChosen(form);
      return;
    }
    var close = event.target.closest("[data-close-thread]");
    if (close && threadPane) { event.preventDefault(); threadPane.innerHTML = ""; root.classList.remove("has-thread"); return; }
    var older = event.target.closest("[data-older]");
    if (older) {
      event.preventDefault();
      var height = list.scrollHeight;
      fetch(root.dataset.messagesUrl + "?before=" + older.dataset.older, { headers: headers(), credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          older.parentNode.remove();
          var box = fragment(html);
          while (box.lastChild) list.insertBefore(box.lastChild, list.firstChild);
          list.scrollTop = list.scrollHeight - height;
        });
    }
  });

  // --- typing: said at most every 3 s while writing, shown for 6 s or until that person's message --
  var typingBox = document.getElementById("chat-typing");
  var typers = {};
  var typingSaid = 0;
  document.addEventListener("input", function (event) {
    var area = event.target;
    if (!conversation || !area.matches || !area.matches(".chat-composer textarea") || !area.value) return;
    if (Date.now() - typingSaid < 3000 || !window.tradewind || !window.tradewind.say) return;
    typingSaid = Date.now();
    window.tradewind.say({ type: "chat.typing", conversation: conversation });
  });
  function showTypers() {
    if (!typingBox) return;
    var now = Date.now();
    var names = [];
    Object.keys(typers).forEach(function (author) {
      if (typers[author].until > now) names.push(typers[author].name); else delete typers[author];
    });
    typingBox.hidden = names.length === 0;
    typingBox.textContent = names.length === 1
      ? typingBox.dataset.one.replace("__name__", names[0])
      : typingBox.dataset.many;
  }
  function typing(d) {
    if (d.author === me) return;
    if (d.event === "typing") {
      typers[d.author] = { name: d.name, until: Date.now() + 6000 };
      setTimeout(showTypers, 6100);
    } else {
      delete typers[d.author];  // their message came
    }
    showTypers();
  }

  // --- live ----------------------------------------------------------------------------------------
  document.body.addEventListener("tw:chat", function (event) {
    var d = event.detail || {};
    if (d.conversation !== conversation) {
      var badge = document.querySelector('[data-unread="' + d.conversation + '"]');
      if (d.event === "message" && d.author !== me) {
        if (badge) badge.textContent = String(parseInt(badge.textContent || "0", 10) + 1);
      } else if (d.event === "read" && badge) {
        badge.remove();  // read in another tab or on the phone
      }
      return;
    }
    if (d.event === "typing" || (d.event === "message" && d.author)) typing(d);
    if (d.event === "typing") {
      return;
    } else if (d.event === "joined") {
      catchUp();  // in the group from now on: what came before the join is asked for
    } else if (d.event === "message" && d.thread) {
      var rootArticle = document.querySelector('article[data-id="' + d.thread + '"]');
      if (rootArticle) catchUp(parseInt(rootArticle.dataset.seq, 10) - 1);
      var pane = threadPane && threadPane.querySelector('[data-thread-root="' + d.thread + '"]');
      if (pane) openThread(d.thread);
    } else if (d.event === "message") {
      catchUp();
    } else if (d.seq && d.event !== "read") {
      catchUp(d.seq - 1);  // edited, deleted, a reaction, a pin: that message again
    }
  });
  document.body.addEventListener("tw:hello", function () { catchUp(); flush(); });
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", markRead);

  if (list) {
    var first = document.getElementById("m" + (parseInt(root.dataset.firstUnread || "0", 10)));
    if (first) first.scrollIntoView({ block: "center" }); else list.scrollTop = list.scrollHeight;
    queue().forEach(pendingBubble);
    flush();
    markRead();
  }
})();
