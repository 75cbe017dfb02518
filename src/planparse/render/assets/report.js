(function () {
  "use strict";
  var all = function () { return Array.prototype.slice.call(document.querySelectorAll("details")); };
  var saved = null;
  window.addEventListener("beforeprint", function () {
    saved = all().map(function (d) { return d.open; });
    all().forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    if (saved) { var list = all(); list.forEach(function (d, i) { d.open = saved[i]; }); saved = null; }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-details]"), function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-details") === "open";
      all().forEach(function (d) { d.open = open; });
    });
  });
  function reveal() {
    var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    var node = id ? document.getElementById(id) : null;
    for (var n = node; n; n = n.parentElement) { if (n.tagName === "DETAILS") { n.open = true; } }
    if (node && node.scrollIntoView) { node.scrollIntoView({block: "start"}); }
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) { reveal(); }
})();
