// The calling screen, faster than its meta refresh (which only runs without JavaScript):
// asks the server for the calls every two seconds, shows a new call at once with a short
// tone (Web Audio, made here; no sound file), and keeps the last calls on screen with a
// notice while the server cannot be reached, until it answers again.
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-calls-url");
  if (!url || !window.fetch) return;
  var current = body.getAttribute("data-current") || "";
  var now = document.querySelector("[data-now]");
  var empty = document.querySelector("[data-empty]");
  var number = document.querySelector("[data-number]");
  var to = document.querySelector("[data-to]");
  var previous = document.querySelector("[data-previous]");
  var offline = document.querySelector("[data-offline]");
  var soundButton = document.querySelector("[data-sound]");
  var AudioCtx = window.AudioContext || window.webkitAudioContext;
  var audio = null;

  function startAudio() {
    if (!AudioCtx) return;
    if (!audio) audio = new AudioCtx();
    if (audio.state === "suspended") audio.resume();
  }
  // Browsers let a page make sound only after someone has touched it once (unless the
  // screen's browser allows it): the button is for that first touch.
  if (AudioCtx && soundButton) {
    startAudio();
    if (audio.state !== "running") {
      soundButton.hidden = false;
      soundButton.addEventListener("click", function () {
        startAudio();
        soundButton.hidden = true;
      });
    }
  }

  function tone() {
    if (!audio || audio.state !== "running") return;
    var t0 = audio.currentTime;
    [[880, 0], [660, 0.35]].forEach(function (step) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = step[0];
      gain.gain.setValueAtTime(0.0001, t0 + step[1]);
      gain.gain.exponentialRampToValueAtTime(0.4, t0 + step[1] + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + step[1] + 0.5);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0 + step[1]);
      osc.stop(t0 + step[1] + 0.55);
    });
    body.setAttribute("data-tones", String(Number(body.getAttribute("data-tones") || "0") + 1));
  }

  function show(data) {
    var call = data.current;
    now.hidden = !call;
    empty.hidden = Boolean(call);
    number.textContent = call ? call.number : "";
    to.textContent = call ? call.to : "";
    while (previous.firstChild) previous.removeChild(previous.firstChild);
    data.previous.forEach(function (p) {
      var li = document.createElement("li");
      var n = document.createElement("span");
      n.className = "previous-number";
      n.textContent = p.number;
      var d = document.createElement("span");
      d.className = "previous-to";
      d.textContent = p.to;
      li.appendChild(n);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(d);
      previous.appendChild(li);
    });
    var id = call ? call.id : "";
    if (id !== current) {
      current = id;
      body.setAttribute("data-current", id);
      if (id) tone();
    }
  }

  function poll() {
    fetch(url, { cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status === 404) {
          // The link was replaced: the page itself says so.
          window.location.reload();
          return null;
        }
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (!data) return;
        offline.hidden = true;
        show(data);
      })
      .catch(function () {
        offline.hidden = false;
      })
      .then(function () {
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 2000);
})();
