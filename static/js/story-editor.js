// The story body editor: spell-check on, and named after its field's label so
// screen readers announce it (django-prose-editor renders an unnamed textbox).
(function () {
  "use strict";

  function prepare(editable) {
    if (editable.dataset.storyEditorReady) return;
    editable.dataset.storyEditorReady = "1";
    editable.setAttribute("spellcheck", "true");
    const row = editable.closest(".form-row, .fieldBox");
    const label = row && row.querySelector("label");
    if (label && !editable.hasAttribute("aria-label")) {
      editable.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    }
    // The English or French body: spell-checked and read out in its own language.
    const source = row && row.querySelector("textarea[lang]");
    if (source && !editable.hasAttribute("lang")) editable.setAttribute("lang", source.lang);
  }

  function scan() {
    document.querySelectorAll(".prose-editor [contenteditable]").forEach(prepare);
  }

  document.addEventListener("DOMContentLoaded", () => {
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  });
})();
