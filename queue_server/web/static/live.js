// The live floor: swap in the floor the server sends at each change (server-sent events).
// EventSource reconnects by itself; the server sends the whole floor on every (re)connect,
// so a laptop waking from sleep catches up at once.
(function () {
  var box = document.getElementById("floor");
  if (!box || !window.EventSource) { return; }
  var source = new EventSource(box.getAttribute("data-live"));
  source.addEventListener("floor", function (event) {
    box.innerHTML = event.data;
    box.setAttribute("data-updated", String(Date.now()));
  });
  source.addEventListener("signedout", function (event) {
    source.close();
    window.location.href = event.data;
  });
  source.onerror = function () { box.classList.add("stale"); };
  source.onopen = function () { box.classList.remove("stale"); };
})();
