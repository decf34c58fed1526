// "Nouvelle inscription": each list depends on the one above it. Without JavaScript the
// family presses "Choisir" after each choice; with it, changing a list asks the server for
// the next one at once (the hidden field "rafraichir" tells the page it is a refresh, not a
// request), and the "Choisir" buttons are hidden.
(function () {
    'use strict';
    var form = document.getElementById('nouvelle-inscription');
    if (!form) {
        return;
    }

    var refresh = document.getElementById('rafraichir');
    // A page restored by the "back" button keeps its field values: "Enregistrer la demande"
    // must then ask, not refresh.
    refresh.value = '';
    window.addEventListener('pageshow', function () {
        refresh.value = '';
    });
    form.classList.add('js-enabled');
    var hint = form.querySelector('.hint');
    if (hint) {
        hint.textContent = 'Les champs marqués d\'un astérisque (*) sont obligatoires. Chaque liste dépend du choix précédent : la page se met à jour après chaque choix.';
    }

    Array.prototype.forEach.call(form.querySelectorAll('select[data-refresh]'), function (select) {
        select.addEventListener('change', function () {
            refresh.value = '1';
            form.submit();
        });
    });
}());
