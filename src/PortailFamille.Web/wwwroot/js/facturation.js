// Follows an invoicing run while it works: asks its progress every two seconds, updates the
// bar and the status line (read by screen readers), and reloads the page for the result.
// Without JavaScript the page offers "Actualiser" instead.
(function () {
    "use strict";
    var bar = document.getElementById("avancement");
    var text = document.getElementById("avancement-texte");
    var url = bar && bar.getAttribute("data-progress-url");
    if (!url || !window.fetch) {
        return;
    }

    var lastText = text.textContent;
    function ask() {
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (progress) {
                if (!progress) {
                    return;
                }
                bar.max = Math.max(1, progress.total);
                bar.value = progress.done;
                bar.textContent = progress.text;
                // Only a change is announced, not every poll.
                if (progress.text !== lastText) {
                    text.textContent = progress.text;
                    lastText = progress.text;
                }
                if (progress.working) {
                    window.setTimeout(ask, 2000);
                } else {
                    window.location.reload();
                }
            })
            .catch(function () { window.setTimeout(ask, 5000); });
    }
    window.setTimeout(ask, 1000);
})();
