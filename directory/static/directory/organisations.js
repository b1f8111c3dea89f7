// Turns "name (at) example.fi" into a mailto link. The address is stored reversed in two
// data attributes so that it never appears whole in the page source.
(function () {
  "use strict";
  function reverse(text) {
    return text.split("").reverse().join("");
  }
  document.querySelectorAll(".protected-email[data-u][data-d]").forEach(function (span) {
    var address = reverse(span.dataset.u) + "@" + reverse(span.dataset.d);
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.textContent = address;
    link.className = "protected-email__link";
    span.replaceWith(link);
  });
})();
