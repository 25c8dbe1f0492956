// Starts Swagger UI on this server's own document. Kept in a file, not inline in the
// page, because the Content-Security-Policy allows scripts from this origin only.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    showExtensions: true,
    // The default validator badge loads an image from an outside service.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
