/* Click-to-play for YouTube/Vimeo clips. Without this script the Play control
   is a plain link to the video's page on its host. With it, the link becomes a
   button: nothing is requested from the video host until a visitor presses it;
   then the privacy-enhanced player replaces the poster and receives focus, so
   keyboard users land in the player. */
(function () {
  "use strict";
  var allowedHosts = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/"];

  function play(container) {
    var src = container.getAttribute("data-embed-src") || "";
    var allowed = allowedHosts.some(function (host) { return src.indexOf(host) === 0; });
    if (!allowed) { return false; }
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
    return true;
  }

  document.querySelectorAll("a.clip-embed__play").forEach(function (link) {
    link.setAttribute("role", "button");
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); link.click(); }
    });
  });

  document.addEventListener("click", function (event) {
    var control = event.target.closest(".clip-embed__play");
    if (!control) { return; }
    var container = control.closest(".clip-embed");
    if (container && play(container)) { event.preventDefault(); }
  });
})();
