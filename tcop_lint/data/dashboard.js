/* tcop-lint HTML report: sorting and filtering of the matrix, and opening the repository a
   link points at. The page is complete without it: the table and the details are plain HTML. */
(function () {
  "use strict";
  var RANK = { "pass": 0, "not-assessed": 1, "warn": 2, "fail": 3, "error": 4 };
  var table = document.getElementById("matrix");
  var form = document.getElementById("filters");
  var count = document.getElementById("result-count");

  function openTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (details) { details.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  if (!table) { return; }

  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function key(row, column, kind) {
    var value = row.cells[column].getAttribute("data-v") || "";
    if (kind === "text") { return value.toLowerCase(); }
    if (kind === "number") { return Number(value); }
    return value in RANK ? RANK[value] : -1;
  }

  function sortBy(column, descending) {
    var kind = headers[column].getAttribute("data-sort");
    var keyed = rows.map(function (row, index) {
      return { row: row, key: key(row, column, kind), name: key(row, 0, "text"), index: index };
    });
    keyed.sort(function (a, b) {
      var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      if (descending) { order = -order; }
      if (order === 0) { order = a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index; }
      return order;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
    headers.forEach(function (th, index) {
      if (index === column) {
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else if (th.hasAttribute("data-sort")) {
        th.setAttribute("aria-sort", "none");
      }
    });
  }

  headers.forEach(function (th, column) {
    var kind = th.getAttribute("data-sort");
    if (!kind) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    th.setAttribute("aria-sort", th.getAttribute("aria-sort") || "none");
    button.addEventListener("click", function () {
      var now = th.getAttribute("aria-sort");
      // Names sort A to Z first; statuses and counts worst first.
      var descending = now === "none" ? kind !== "text" : now === "ascending";
      sortBy(column, descending);
    });
  });

  if (!form) { return; }
  var nameInput = document.getElementById("filter-name");
  var pointSelect = document.getElementById("filter-point");
  var statusSelect = document.getElementById("filter-status");
  var total = rows.length;
  var announce = null;

  // The table follows every keystroke; the count is announced once typing pauses, so a
  // screen reader reads one number, not one per letter.
  function setCount(shown) {
    clearTimeout(announce);
    announce = setTimeout(function () {
      count.textContent = "Showing " + shown.toLocaleString("en-GB") + " of " +
        total.toLocaleString("en-GB") + (total === 1 ? " repository" : " repositories");
    }, 400);
  }

  function applyFilters() {
    var text = nameInput.value.trim().toLowerCase();
    var column = Number(pointSelect.value);
    var status = statusSelect.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!text || key(row, 0, "text").indexOf(text) !== -1) &&
        (!status || row.cells[column].getAttribute("data-v") === status);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    setCount(shown);
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); applyFilters(); });
  form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
  nameInput.addEventListener("input", applyFilters);
  pointSelect.addEventListener("change", applyFilters);
  statusSelect.addEventListener("change", applyFilters);
}());
