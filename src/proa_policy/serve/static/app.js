// Progressive enhancement of the dossier page; everything works without it.
"use strict";
(function () {
  var search = document.getElementById("recherche");
  var button = document.getElementById("chercher");
  if (search && button) {
    // Enter in the search box searches the annex instead of evaluating the dossier
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); button.click(); }
    });
  }
})();
