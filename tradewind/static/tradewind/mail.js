// The mailbox connection form: choosing a provider fills in its servers (every field stays editable).
(function () {
  "use strict";
  var form = document.getElementById("mail-connect");
  var list = document.getElementById("mail-providers");
  if (!form || !list) return;
  var select = form.querySelector("[name=provider]");
  var hint = document.getElementById("mail-provider-hint");
  var fields = ["imap-host", "imap-port", "imap-security", "smtp-host", "smtp-port", "smtp-security"];
  function fill() {
    var chosen = list.querySelector('li[data-key="' + select.value + '"]');
    hint.textContent = chosen ? chosen.dataset.hint : "";
    if (!chosen) return;
    fields.forEach(function (name) {
      var input = form.querySelector("[name=" + name.replace("-", "_") + "]");
      var key = name.replace(/-(\w)/g, function (_m, c) { return c.toUpperCase(); });
      if (input) input.value = chosen.dataset[key];
    });
  }
  if (select) select.addEventListener("change", fill);
})();
