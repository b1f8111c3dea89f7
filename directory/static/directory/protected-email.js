// Turns "name (at) domain" addresses (directory_tags.protected_email) into mailto links.
// Without JavaScript the readable form stays, so nothing depends on this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-protected-email]").forEach(function (span) {
      var address;
      try {
        address = atob(span.getAttribute("data-protected-email")).split("").reverse().join("");
      } catch (e) {
        return;
      }
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      link.className = "protected-email";
      span.replaceWith(link);
    });
  });
})();
