// HealthSynx pages work without this file; it only adds conveniences.
"use strict";

// Ask before a destructive action: <form data-confirm="Void this invoice?">.
// Without JavaScript the action's own confirmation page asks instead.
function confirmForms(root) {
  root.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        ev.preventDefault();
      }
    });
  });
}

// Parts of a form for one choice only: <fieldset data-show-when="role=doctor">
// shows while the form's role field holds "doctor". Without JavaScript every
// part shows, and its hint says when it applies.
function showWhen(root) {
  root.querySelectorAll("[data-show-when]").forEach(function (part) {
    var rule = part.getAttribute("data-show-when").split("=");
    var form = part.closest("form");
    var field = form && form.elements.namedItem(rule[0]);
    if (!field) {
      return;
    }
    var update = function () {
      part.hidden = field.value !== rule[1];
    };
    field.addEventListener("change", update);
    update();
  });
}

// Live parts: <div data-sse="/queue/stream/" aria-live="polite"> shows each
// message of that Server-Sent Events stream, an HTML fragment rendered by the
// server, in place of its content. EventSource reconnects by itself.
var streams = [];

function openStreams() {
  if (!("EventSource" in window)) {
    return;
  }
  document.querySelectorAll("[data-sse]").forEach(function (el) {
    var source = new EventSource(el.getAttribute("data-sse"));
    var show = function (ev) {
      el.innerHTML = ev.data;
      confirmForms(el);
    };
    // "reset" carries the whole current content (first on every connection and
    // after any gap); ordinary messages carry updates.
    source.addEventListener("message", show);
    source.addEventListener("reset", show);
    streams.push(source);
  });
}

// Close the streams when the page is hidden in the back/forward cache, so that
// they do not hold connections, and reopen them when it comes back.
window.addEventListener("pagehide", function () {
  streams.forEach(function (s) { s.close(); });
  streams = [];
});
window.addEventListener("pageshow", function (ev) {
  if (ev.persisted) {
    openStreams();
  }
});

document.addEventListener("DOMContentLoaded", function () {
  confirmForms(document);
  showWhen(document);
  openStreams();
});
