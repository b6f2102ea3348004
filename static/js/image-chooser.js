// The image field's chooser: a dialog listing the library with thumbnails,
// with search and an upload form; choosing fills in the field and shows the
// thumbnail and alt text. Loaded as a file: the admin's CSP allows no inline script.
(function () {
  "use strict";

  let dialog = null;
  let activeField = null;

  function buildDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "image-library-dialog";
    dialog.setAttribute("aria-labelledby", "image-library-title");
    dialog.innerHTML =
      '<div class="image-library-dialog__head"><h2 id="image-library-title">Choose an image</h2>' +
      '<button type="button" class="button image-library-dialog__close">Close</button></div>' +
      '<div class="image-library-dialog__body" aria-live="polite"></div>';
    document.body.appendChild(dialog);
    dialog.querySelector(".image-library-dialog__close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      if (activeField) activeField.querySelector(".image-chooser__open").focus();
    });
    dialog.addEventListener("click", onDialogClick);
    dialog.addEventListener("submit", onDialogSubmit);
  }

  function body() {
    return dialog.querySelector(".image-library-dialog__body");
  }

  async function load(url, options) {
    body().setAttribute("aria-busy", "true");
    const response = await fetch(url, { credentials: "same-origin", ...options });
    body().removeAttribute("aria-busy");
    const type = response.headers.get("Content-Type") || "";
    if (response.ok && type.includes("application/json")) {
      choose(await response.json());
      return;
    }
    body().innerHTML = await response.text();
    const firstError = body().querySelector(".errorlist, .errornote");
    const focusTarget = firstError
      ? firstError.closest(".form-row")?.querySelector("input") || firstError
      : body().querySelector("input[type=search]");
    if (focusTarget) focusTarget.focus();
  }

  function choose(image) {
    const value = activeField.querySelector(".image-chooser__value");
    value.value = image.id;
    const preview = activeField.querySelector(".image-chooser__preview");
    preview.replaceChildren();
    const img = document.createElement("img");
    img.src = image.thumbnail;
    img.alt = "";
    img.width = 160;
    img.height = 90;
    img.className = "image-chooser__thumb";
    const label = document.createElement("span");
    label.className = "image-chooser__label";
    label.textContent = image.label || "(no alt text)";
    preview.append(img, label);
    activeField.querySelector(".image-chooser__open").textContent = "Choose another image";
    activeField.querySelector(".image-chooser__clear").hidden = false;
    dialog.close();
  }

  function onDialogClick(event) {
    const choice = event.target.closest(".image-library__choice");
    if (!choice) return;
    choose({ id: choice.dataset.id, thumbnail: choice.dataset.thumbnail, label: choice.dataset.label });
  }

  function onDialogSubmit(event) {
    const form = event.target;
    event.preventDefault();
    if (form.method.toLowerCase() === "get") {
      const url = new URL(form.action, window.location.href);
      url.search = new URLSearchParams(new FormData(form)).toString();
      load(url);
    } else {
      load(form.action, { method: "POST", body: new FormData(form) });
    }
  }

  function open(field) {
    if (!dialog) buildDialog();
    activeField = field;
    body().innerHTML = "<p>Loading the image library…</p>";
    dialog.showModal();
    load(field.dataset.chooserUrl);
  }

  document.addEventListener("click", (event) => {
    const field = event.target.closest(".image-chooser");
    if (!field) return;
    if (event.target.closest(".image-chooser__open")) {
      open(field);
    } else if (event.target.closest(".image-chooser__clear")) {
      field.querySelector(".image-chooser__value").value = "";
      const preview = field.querySelector(".image-chooser__preview");
      preview.innerHTML = '<span class="image-chooser__label">No image chosen.</span>';
      field.querySelector(".image-chooser__open").textContent = "Choose an image";
      event.target.hidden = true;
      field.querySelector(".image-chooser__open").focus();
    }
  });
})();
