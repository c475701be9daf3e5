/* Annex filters: by sector, level and eligibility, in the page, without a server.
   Without JavaScript the form stays hidden and every row is shown. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("annex-rows");
  if (!form || !table) { return; }
  form.hidden = false;
  var rows = table.tBodies[0].rows;
  function apply() {
    var sector = form.elements.sector.value, level = form.elements.level.value;
    var eligible = form.elements.eligible.value, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var keep = (!sector || row.getAttribute("data-sector") === sector) &&
                 (!level || row.getAttribute("data-level") === level) &&
                 (!eligible || row.getAttribute("data-eligible") === eligible);
      row.hidden = !keep;
      if (keep) { shown++; }
    }
    form.elements.count.value = shown + " / " + rows.length;
  }
  form.addEventListener("change", apply);
  apply();
}());
