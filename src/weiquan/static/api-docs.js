// Starts Swagger UI on /api/docs. A file rather than an inline script: the
// Content-Security-Policy allows scripts from our own files only.
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: node.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
