// The phone page lists new calls by itself: it reloads every 20 s (not while a button is pressed).
setTimeout(function () { window.location.replace("/hulp"); }, 20000);
