// /api/docs: start the vendored Swagger UI on the app's OpenAPI document. A file of its own, because the
// Content-Security-Policy (script-src 'self') refuses the inline initializer Swagger UI ships with.
(function () {
  "use strict";
  var holder = document.getElementById("swagger-ui");
  if (!holder || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.armswatchApiDocs = window.SwaggerUIBundle({
    url: holder.getAttribute("data-openapi-url"),
    domNode: holder,
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,  // the online validator badge would call validator.swagger.io
    defaultModelsExpandDepth: 0,
    onComplete: function () { holder.setAttribute("data-ready", "true"); }
  });
})();
