// Progressive enhancement of /docs: an "Essayer" box per POST operation (same origin only).
"use strict";
document.querySelectorAll(".try").forEach(function (box) {
  box.hidden = false;
  var button = box.querySelector("button");
  button.addEventListener("click", function () {
    var out = box.querySelector(".response");
    fetch(box.dataset.path, {
      method: "POST",
      headers: {"Content-Type": box.querySelector("select").value},
      body: box.querySelector("textarea").value
    }).then(function (response) {
      return response.text().then(function (text) {
        out.textContent = response.status + "\n" + text;
      });
    }).catch(function (error) { out.textContent = String(error); });
  });
});
