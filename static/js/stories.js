/* Click-to-play for YouTube/Vimeo clips: nothing is requested from the video
   host until a visitor presses play; then the privacy-enhanced player replaces
   the poster and receives focus, so keyboard users land in the player. */
(function () {
  "use strict";
  var allowedHosts = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/"];

  function play(container) {
    var src = container.getAttribute("data-embed-src") || "";
    var allowed = allowedHosts.some(function (host) { return src.indexOf(host) === 0; });
    if (!allowed) { return; }
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = container.getAttribute("data-embed-title") || "Video";
    frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "clip-embed__frame";
    container.classList.add("clip-embed--playing");
    container.replaceChildren(frame);
    frame.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".clip-embed__play");
    if (!button) { return; }
    var container = button.closest(".clip-embed");
    if (container) { play(container); }
  });
})();
