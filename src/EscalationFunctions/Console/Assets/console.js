// The console's only script: ticks countdowns from the server's clock and keeps lists current by asking for them
// again with If-None-Match (the server answers 304 until a list changes). Everything works without it, only not live.
(function () {
  "use strict";
  var body = document.body;
  var skew = Date.parse(body.getAttribute("data-server-now")) - Date.now();
  var refreshMs = parseInt(body.getAttribute("data-refresh-ms"), 10) || 2000;
  var phaseLabels = { ok: "On time", warning: "Warning", breached: "Breached" };

  function now() { return Date.now() + (isNaN(skew) ? 0 : skew); }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function remaining(ms) {
    var s = Math.floor(Math.abs(ms) / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var text = h > 0 ? h + "h " + pad(m) + "m " + pad(sec) + "s" : m > 0 ? m + "m " + pad(sec) + "s" : sec + "s";
    return ms >= 0 ? "in " + text : text + " ago";
  }

  function tick() {
    var t = now();
    document.querySelectorAll("time[data-due]").forEach(function (el) {
      el.textContent = remaining(Date.parse(el.getAttribute("data-due")) - t);
    });
    document.querySelectorAll("tr[data-warn][data-due]").forEach(function (row) {
      if (row.getAttribute("data-phase") === "breached") return;
      var phase = t >= Date.parse(row.getAttribute("data-due")) ? "breached" : t >= Date.parse(row.getAttribute("data-warn")) ? "warning" : "ok";
      if (row.getAttribute("data-phase") !== phase) {
        row.setAttribute("data-phase", phase);
        var label = row.querySelector(".phase");
        if (label) label.textContent = phaseLabels[phase];
      }
    });
  }

  var live = document.getElementById("live");
  var etag = live ? live.getAttribute("data-etag") : null;
  var busy = false;

  function refresh() {
    if (!live || busy || document.hidden) return;
    busy = true;
    var headers = { "Accept": "text/html" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(live.getAttribute("data-live"), { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) { window.location.reload(); return null; }
        if (response.status !== 200) return null;
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html === null || html === undefined) return;
        // Keep keyboard focus where it was when that control is still there.
        var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : null;
        live.innerHTML = html;
        if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
        tick();
        var count = live.querySelector(".count");
        var status = document.getElementById("live-status");
        if (status && count) status.textContent = "Updated: " + count.textContent;
      })
      .catch(function () { /* offline for a moment: try again next time */ })
      .then(function () { busy = false; });
  }

  tick();
  setInterval(tick, 1000);
  if (live) setInterval(refresh, refreshMs);
})();
