// Progressive enhancement of the dossier page; everything works without it (plain form posts).
"use strict";
(function () {
  var search = document.getElementById("recherche");
  var button = document.getElementById("chercher");
  if (!search || !button) { return; }
  // Enter in the search box searches the annex instead of evaluating the dossier
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); button.click(); }
  });
  // As one types: the first rows of the annex from GET /v1/certifications, chosen without reloading
  var live = document.createElement("div");
  live.id = "suggestions";
  live.setAttribute("aria-live", "polite");
  search.parentNode.parentNode.insertBefore(live, search.parentNode.nextSibling);
  var kind = document.getElementById("f-pro_a-certification-kind");
  var code = document.getElementById("f-pro_a-certification-rncp");
  var timer = null;
  function show(rows, query) {
    live.textContent = "";
    if (!query) { return; }
    var status = document.createElement("p");
    status.textContent = rows.length + " ligne(s) de l'annexe pour « " + query + " »" +
      (rows.length > 8 ? " ; les 8 premières :" : "");
    live.appendChild(status);
    var list = document.createElement("ul");
    list.className = "suggestions";
    rows.slice(0, 8).forEach(function (row) {
      var item = document.createElement("li");
      var text = row.rncp + " — " + (row.title || "(sans intitulé)") + " — niveau " +
        (row.level === null ? "sans niveau" : row.level) + " — " +
        (row.eligible ? "éligible" : "non éligible : " + row.reason);
      item.appendChild(document.createTextNode(text + " "));
      var pick = document.createElement("button");
      pick.type = "button";
      pick.textContent = "Choisir";
      pick.setAttribute("aria-label", "Choisir " + row.rncp);
      pick.addEventListener("click", function () {
        if (kind) { kind.value = "rncp"; }
        if (code) { code.value = row.rncp; code.focus(); }
        live.textContent = row.rncp + " choisi.";
      });
      item.appendChild(pick);
      list.appendChild(item);
    });
    live.appendChild(list);
  }
  search.addEventListener("input", function () {
    clearTimeout(timer);
    var query = search.value.trim();
    timer = setTimeout(function () {
      if (query.length < 2) { show([], ""); return; }
      fetch("/v1/certifications?q=" + encodeURIComponent(query))
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (rows) { if (search.value.trim() === query) { show(rows, query); } })
        .catch(function () { live.textContent = ""; });
    }, 250);
  });
})();
