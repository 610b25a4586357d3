// A ticket's page on the citizen's phone: its words at each change (server-sent events),
// a chime and a buzz when it is called (once the citizen allowed sound: browsers ask for a
// tap first), and a reload once the ticket is finished (the page then offers the rating).
// EventSource reconnects by itself and the server sends the ticket's state on every
// (re)connect, so a phone waking from sleep catches up at once.
(function () {
  "use strict";
  var box = document.getElementById("ticket");
  var url = box && box.getAttribute("data-live");
  if (!url || !window.EventSource) { return; }
  var conn = document.getElementById("conn");
  var sound = document.getElementById("sound");
  var Audio = window.AudioContext || window.webkitAudioContext;
  var audio = null, source = null, last = "";
  var parts = ["number", "service", "headline", "ahead", "wait", "detail"];

  function chime() {
    if (navigator.vibrate) { navigator.vibrate([400, 200, 400, 200, 600]); }
    if (!audio) { return; }
    var t = audio.currentTime;
    [880, 660, 880].forEach(function (hz, i) {
      var tone = audio.createOscillator(), level = audio.createGain(), at = t + i * 0.35;
      tone.frequency.value = hz;
      tone.connect(level);
      level.connect(audio.destination);
      level.gain.setValueAtTime(0.0001, at);
      level.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
      level.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      tone.start(at);
      tone.stop(at + 0.32);
    });
  }

  if (sound && (Audio || navigator.vibrate)) {
    sound.hidden = false;
    sound.addEventListener("click", function () {
      if (Audio && !audio) { audio = new Audio(); }
      if (audio && audio.resume) { audio.resume(); }
      chime(); // the citizen hears what to listen for; on iOS this unlocks the sound
      sound.textContent = sound.getAttribute("data-ready");
      sound.disabled = true;
    });
  }

  function show(event) {
    var v = JSON.parse(event.data);
    parts.forEach(function (part) {
      var el = document.getElementById(part);
      if (el && el.textContent !== v[part]) { el.textContent = v[part]; }
    });
    box.className = "ticket " + v.state;
    var now = v.state + "|" + v.detail;
    if (v.state === "called" && now !== last && last !== "") { chime(); }
    last = now;
    if (v.finished) { source.close(); window.location.reload(); }
  }

  function connect() {
    source = new EventSource(url);
    source.addEventListener("ticket", show);
    source.onopen = function () { conn.hidden = true; };
    source.onerror = function () {
      conn.hidden = false;
      // closed for good (the ticket's day is over, or too many requests): the page says why
      if (source.readyState === 2) { window.setTimeout(function () { window.location.reload(); }, 5000); }
    };
  }

  // A phone that slept may have dropped the line without telling the page.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && source && source.readyState === 2) { connect(); }
  });
  connect();
})();
