"use strict";
// Sorting: a table whose headings hold buttons sorts by that column on a click, Enter or Space;
// again reverses. Cells may carry the value to sort by in data-sort (a number, or a time).
for (const table of document.querySelectorAll("table.sortable")) {
  const headings = Array.from(table.querySelectorAll("th[aria-sort]"));
  for (const heading of headings) {
    heading.querySelector("button").addEventListener("click", () => {
      const ascending = heading.getAttribute("aria-sort") !== "ascending";
      for (const other of headings) other.setAttribute("aria-sort", "none");
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const column = heading.cellIndex;
      const numeric = heading.classList.contains("number");
      const value = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
      const rows = Array.from(table.tBodies[0].rows);
      rows.sort((a, b) => {
        const order = numeric
          ? Number(value(a)) - Number(value(b))
          : value(a).localeCompare(value(b), undefined, { sensitivity: "base", numeric: true });
        return ascending ? order : -order;
      });
      table.tBodies[0].append(...rows);
    });
  }
}
// A link to a trainee's section opens it, as does arriving with one in the address.
function open(id) {
  const target = document.getElementById(id);
  if (target instanceof HTMLDetailsElement) target.open = true;
}
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='#']");
  if (link) open(link.getAttribute("href").slice(1));
});
window.addEventListener("hashchange", () => open(location.hash.slice(1)));
open(location.hash.slice(1));
