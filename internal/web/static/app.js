// HealthSynx pages work without this file; it only adds conveniences.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Ask before a destructive action: <form data-confirm="Delete this department?">.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        ev.preventDefault();
      }
    });
  });
});
