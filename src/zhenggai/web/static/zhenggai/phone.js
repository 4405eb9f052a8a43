// Phones: the menu button opens and closes the navigation; table cells learn their column's name,
// which phone.css shows before each value when a table becomes cards. Served by the app: the
// Content-Security-Policy forbids inline script.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var header = document.querySelector("header.top");
  var toggle = header && header.querySelector(".menu-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // A long filter form (the ledger's twelve fields) folds behind a button on a phone, so the rows
  // come first; the button says how many filters are set.
  var filters = document.querySelector("main form.filters[method=get]");
  if (filters && filters.elements.length > 6 && window.matchMedia("(max-width: 700px)").matches) {
    var set = Array.prototype.filter.call(filters.elements, function (field) {
      if (!field.name || field.type === "hidden" || field.name === "sort") return false;
      return field.type === "checkbox" ? field.checked : field.value !== "";
    }).length;
    var unfold = document.createElement("button");
    unfold.type = "button";
    unfold.className = "filters-toggle secondary";
    unfold.textContent = set ? "筛选条件（已选" + set + "项）" : "筛选条件";
    unfold.setAttribute("aria-expanded", "false");
    unfold.addEventListener("click", function () {
      var folded = filters.classList.toggle("folded");
      unfold.setAttribute("aria-expanded", folded ? "false" : "true");
    });
    filters.classList.add("folded");
    filters.parentNode.insertBefore(unfold, filters);
  }
  document.querySelectorAll("main table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!names.length) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        // a cell across columns ("没有符合条件的整改措施") is no column's value
        if (names[column] && cell.colSpan === 1 && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
});
