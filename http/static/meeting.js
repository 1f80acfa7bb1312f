// Keeps a meeting's page live. The server sends the meeting's state as
// Server-Sent Events (attendance, how many have voted in each session, the
// vote under way or the last result); this writes the numbers into the
// page and, when a vote opens or closes, fetches the page's live part again,
// which holds what is the member's own: their ballot, or that they voted.
// Browsers reconnect on their own after losing the stream, and the server
// sends the current state first, so a phone that was asleep catches up.
// Without JavaScript the page works as it is, reloaded by hand.
(function () {
  "use strict";

  var source = null;
  var url = null;

  function section() { return document.querySelector("[data-live-url]"); }

  function connect() {
    var live = section();
    if (!live || !window.EventSource) {
      if (source) source.close();
      source = url = null;
      return;
    }
    if (source && url === live.dataset.liveUrl) return;
    if (source) source.close();
    url = live.dataset.liveUrl;
    source = new EventSource(url);
    source.addEventListener("state", function (e) { apply(JSON.parse(e.data)); });
  }

  function set(selector, value) {
    var els = document.querySelectorAll(selector);
    for (var i = 0; i < els.length; i++) els[i].textContent = String(value);
  }

  function phaseOf(state) {
    return state.vote ? state.vote.id + ":" + state.vote.status : "none";
  }

  var wanted = null; // the phase the server last reported
  var fetching = false;

  function apply(state) {
    var live = section();
    if (!live) return;
    set("[data-present]", state.present);
    set("[data-needed]", state.needed);
    (state.sessions || []).forEach(function (s) {
      set('[data-session-present="' + s.id + '"]', s.present);
      set('[data-session-voted="' + s.id + '"]', s.voted);
      set('[data-session-phones="' + s.id + '"]', s.voted - (s.room || 0));
      set('[data-session-room="' + s.id + '"]', s.room ? s.room : "\u2013");
    });
    if (state.vote && state.vote.status === "open") set("[data-voted-total]", state.vote.voted);
    wanted = phaseOf(state);
    if (wanted !== live.dataset.phase) refresh(live);
  }

  // refresh fetches the live part for the phase the server reported, and
  // again if the phase moved on while it was fetched.
  function refresh(live) {
    if (fetching) return;
    fetching = true;
    var phase = wanted;
    fetch(live.dataset.partUrl, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var part = live.querySelector("[data-live-part]");
        var focused = document.activeElement && part.contains(document.activeElement);
        part.innerHTML = html;
        live.dataset.phase = phase;
        if (focused) part.focus();
      })
      .catch(function () { /* the next state tries again */ })
      .then(function () {
        fetching = false;
        if (wanted !== live.dataset.phase) setTimeout(function () { refresh(live); }, 1000);
      });
  }

  document.addEventListener("DOMContentLoaded", connect);
  document.addEventListener("htmx:afterSettle", connect);
  window.addEventListener("pageshow", connect);
})();
