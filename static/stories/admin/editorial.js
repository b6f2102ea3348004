// The story change form: autosave to the draft, "being edited by" notices,
// and a warning before leaving with unsaved changes.
(function () {
  "use strict";

  function start() {
    const panel = document.getElementById("editorial");
    const form = document.getElementById("story_form");
    if (!panel || !form) return;
    const tokenInput = form.querySelector("input[name=edit_token]");
    const autosaveStatus = document.getElementById("editorial-autosave");
    const presence = document.getElementById("editorial-presence");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    let dirty = false;
    let leaving = false;
    let changedSinceSend = false;
    let paused = false;

    function markDirty() {
      dirty = true;
      changedSinceSend = true;
    }
    form.addEventListener("input", markDirty);
    // Text fields announce every keystroke through "input"; their "change" on
    // leaving the field would only mark already-saved text as unsaved again.
    form.addEventListener("change", function (event) {
      if (!/^(text|textarea|email|url|number|search)$/.test(event.target.type || "")) markDirty();
    });

    form.addEventListener("submit", function (event) {
      const button = event.submitter;
      // Preview opens in a new tab and saves nothing: the changes are still unsaved.
      if (button && button.hasAttribute("data-preview")) return;
      leaving = true;
    });

    window.addEventListener("beforeunload", function (event) {
      if (dirty && !leaving) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    function post(url, body) {
      return fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.value : "", "X-Requested-With": "fetch" },
      }).then(function (response) {
        return response.json().then(function (data) {
          return { status: response.status, data: data };
        });
      });
    }

    const autosaveUrl = panel.dataset.autosaveUrl;
    const seconds = parseFloat(panel.dataset.autosaveSeconds || "30");
    let inFlight = false;
    function autosave() {
      // One at a time: a second save sent with the old token would look like
      // someone else's save and be refused.
      if (!autosaveUrl || !dirty || paused || leaving || inFlight) return;
      inFlight = true;
      const body = new FormData(form);
      for (const input of form.querySelectorAll("input[type=file]")) body.delete(input.name);
      changedSinceSend = false;
      post(autosaveUrl, body)
        .then(function (result) {
          autosaveStatus.textContent = result.data.message || "";
          if (result.data.saved) {
            if (tokenInput && result.data.token) tokenInput.value = result.data.token;
            if (!changedSinceSend) dirty = false;
          } else if (result.data.conflict) {
            paused = true; // someone else saved: only a deliberate save may go on
          }
        })
        .catch(function () {
          autosaveStatus.textContent = "Not saved automatically: the site could not be reached.";
        })
        .finally(function () {
          inFlight = false;
        });
    }
    if (autosaveUrl) window.setInterval(autosave, seconds * 1000);

    const heartbeatUrl = panel.dataset.heartbeatUrl;
    function heartbeat() {
      if (!heartbeatUrl) return;
      post(heartbeatUrl, new FormData())
        .then(function (result) {
          const others = result.data.others || [];
          presence.textContent = others.length
            ? "Being edited by " +
              others.map(function (o) { return o.name + " since " + o.since; }).join(", ") +
              ". A save made after theirs is stopped and shows both versions."
            : "";
        })
        .catch(function () {});
    }
    if (heartbeatUrl) {
      heartbeat();
      window.setInterval(heartbeat, parseFloat(panel.dataset.heartbeatSeconds || "20") * 1000);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
