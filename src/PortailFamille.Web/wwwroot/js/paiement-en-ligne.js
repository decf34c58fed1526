// While an online payment's result is unknown, asks its state every three seconds (the
// portal asks the treasury each time) and reloads the page once the result is known, so the
// family reads "Paiement enregistré" (or refused, abandoned) without doing anything. Without
// JavaScript the page offers "Actualiser" instead.
(function () {
    "use strict";
    var link = document.getElementById("paiement-actualiser");
    var url = link && link.getAttribute("data-state-url");
    if (!url || !window.fetch) {
        return;
    }

    var tries = 0;
    function ask() {
        tries++;
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (answer) {
                if (answer && !answer.pending) {
                    window.location.reload();
                } else if (tries < 400) {
                    window.setTimeout(ask, 3000);
                }
            })
            .catch(function () { window.setTimeout(ask, 10000); });
    }
    window.setTimeout(ask, 2000);
})();
