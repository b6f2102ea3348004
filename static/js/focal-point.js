// The image change form's focal point: a click on the picture fills the two
// percentage boxes (the keyboard way in), and the marker follows both.
(function () {
  "use strict";
  function setUp(picker) {
    var image = picker.querySelector(".focal-picker__image");
    var marker = picker.querySelector(".focal-picker__marker");
    var across = document.querySelector('[data-focal-input="a"]');
    var down = document.querySelector('[data-focal-input="d"]');
    if (!image || !marker || !across || !down) return;
    function place() {
      var x = Math.min(100, Math.max(0, parseFloat(across.value) || 0));
      var y = Math.min(100, Math.max(0, parseFloat(down.value) || 0));
      marker.style.left = x + "%";
      marker.style.top = y + "%";
    }
    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      across.value = Math.round(((event.clientX - box.left) / box.width) * 100);
      down.value = Math.round(((event.clientY - box.top) / box.height) * 100);
      place();
    });
    across.addEventListener("input", place);
    down.addEventListener("input", place);
    place();
  }
  document.querySelectorAll("[data-focal-picker]").forEach(setUp);
})();
