// The image change form's focal point. A click on the picture sets it; so do
// the arrow keys once the picture has focus (1 % a press, 10 % with Shift),
// and so does typing in the two percentage boxes. The marker and the live
// text below the picture follow whichever was used.
//
// The admin loads this file in <head>, before the form exists: set up once
// the document has been parsed, or at once if it already has.
(function () {
  "use strict";
  var STEP = 1;
  var BIG_STEP = 10;
  var KEYS = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };

  function clamp(value) {
    return Math.min(100, Math.max(0, Math.round(value)));
  }

  function setUp(picker) {
    var image = picker.querySelector(".focal-picker__image");
    var marker = picker.querySelector(".focal-picker__marker");
    var now = document.getElementById(picker.getAttribute("data-focal-status"));
    var across = document.querySelector('[data-focal-input="a"]');
    var down = document.querySelector('[data-focal-input="d"]');
    if (!image || !marker || !across || !down) return;

    function read(input) {
      var value = parseFloat(input.value);
      return isNaN(value) ? 50 : Math.min(100, Math.max(0, value));
    }

    function show(event) {
      var x = read(across);
      var y = read(down);
      marker.style.left = x + "%";
      marker.style.top = y + "%";
      if (now) {
        now.textContent =
          "Focal point: " + x + "% from the left, " + y + "% from the top." +
          (event === undefined ? "" : " Save to cut the crops around it.");
      }
    }

    function set(x, y) {
      across.value = clamp(x);
      down.value = clamp(y);
      show(true);
    }

    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      set(
        ((event.clientX - box.left) / box.width) * 100,
        ((event.clientY - box.top) / box.height) * 100
      );
      picker.focus({ preventScroll: true });
    });

    picker.addEventListener("keydown", function (event) {
      var direction = KEYS[event.key];
      if (!direction || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault(); // the arrows move the point, not the page
      var step = event.shiftKey ? BIG_STEP : STEP;
      set(read(across) + direction[0] * step, read(down) + direction[1] * step);
    });

    across.addEventListener("input", show);
    down.addEventListener("input", show);
    show();
  }

  function setUpAll() {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
