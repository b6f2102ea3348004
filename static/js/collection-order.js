// A collection's stories in order: drag a row, or use its "Move up" / "Move
// down" buttons (the keyboard way). Either renumbers the position fields in
// the order shown, so saving the page stores that order.
(function () {
  "use strict";

  function formRows(body) {
    return Array.from(body.querySelectorAll("tr.form-row")).filter(
      (row) => !row.classList.contains("empty-form") && row.querySelector("input[name$='-position']")
    );
  }

  // The rows with a story chosen; blank extra rows wait at the end until one is.
  function rows(body) {
    return formRows(body).filter((row) => row.querySelector(".field-story input")?.value);
  }

  function label(row) {
    const strong = row.querySelector(".field-story strong");
    const input = row.querySelector(".field-story input");
    return (strong && strong.textContent.trim()) || (input && input.value ? "story " + input.value : "new row");
  }

  function renumber(body, moved) {
    const all = rows(body);
    all.forEach((row, index) => {
      row.querySelector("input[name$='-position']").value = index;
      row.querySelector(".order-up").disabled = index === 0;
      row.querySelector(".order-down").disabled = index === all.length - 1;
    });
    formRows(body)
      .filter((row) => !all.includes(row))
      .forEach((row) => {
        // Untouched, so Django still sees an unused extra row as empty.
        row.querySelectorAll(".order-up, .order-down").forEach((button) => (button.disabled = true));
      });
    if (moved) {
      body.closest(".inline-group").querySelector(".order-status").textContent =
        `Moved “${label(moved)}” to position ${all.indexOf(moved) + 1} of ${all.length}.`;
    }
  }

  function addControls(body, row) {
    if (row.querySelector(".order-controls")) return;
    const cell = row.querySelector("td.field-position") || row.querySelector("td");
    const controls = document.createElement("span");
    controls.className = "order-controls";
    controls.innerHTML =
      '<button type="button" class="button order-up">Move up</button> ' +
      '<button type="button" class="button order-down">Move down</button>';
    cell.appendChild(controls);
    const name = label(row);
    controls.querySelector(".order-up").setAttribute("aria-label", `Move “${name}” up`);
    controls.querySelector(".order-down").setAttribute("aria-label", `Move “${name}” down`);
    row.draggable = true;
    row.classList.add("order-draggable");
  }

  function setUp(group) {
    const body = group.querySelector("tbody");
    if (!body) return;
    const status = document.createElement("p");
    status.className = "order-status";
    status.setAttribute("role", "status");
    group.appendChild(status);
    const hint = document.createElement("p");
    hint.className = "help order-hint";
    hint.textContent = "Drag a row, or use Move up and Move down, to change the order; then save.";
    group.querySelector("table").before(hint);
    formRows(body).forEach((row) => addControls(body, row));
    renumber(body);
    body.addEventListener("change", () => renumber(body));

    body.addEventListener("click", (event) => {
      const button = event.target.closest(".order-up, .order-down");
      if (!button) return;
      const row = button.closest("tr");
      const all = rows(body);
      const index = all.indexOf(row);
      if (button.classList.contains("order-up") && index > 0) {
        all[index - 1].before(row);
      } else if (button.classList.contains("order-down") && index < all.length - 1) {
        all[index + 1].after(row);
      }
      renumber(body, row);
      button.focus();
    });

    let dragged = null;
    body.addEventListener("dragstart", (event) => {
      dragged = event.target.closest("tr");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
    });
    body.addEventListener("dragover", (event) => {
      if (dragged) event.preventDefault();
    });
    body.addEventListener("drop", (event) => {
      event.preventDefault();
      const target = event.target.closest("tr");
      if (!dragged || !target || target === dragged || !rows(body).includes(target)) return;
      const all = rows(body);
      if (all.indexOf(dragged) < all.indexOf(target)) target.after(dragged);
      else target.before(dragged);
      renumber(body, dragged);
      dragged = null;
    });
    document.addEventListener("formset:added", (event) => {
      if (body.contains(event.target)) {
        addControls(body, event.target);
        renumber(body);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("#items-group").forEach(setUp);
  });
})();
