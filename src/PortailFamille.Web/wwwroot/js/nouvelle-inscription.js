// "Nouvelle inscription": each list depends on the one above it. Without JavaScript the
// family presses "Choisir" after each choice. With it, changing a list sends the form in the
// background as a refresh (the hidden field "rafraichir" tells the page it is not a request)
// and puts the form the server answers in place of this one: the next list, the dates and the
// semaine type appear without reloading the page, and the server stays the only one to know
// the rules. If the background request fails, the form is simply submitted.
(function () {
    'use strict';
    var form = document.getElementById('nouvelle-inscription');
    if (!form || !window.fetch || !window.DOMParser) {
        return;
    }

    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    form.parentNode.insertBefore(status, form.nextSibling);

    function prepare() {
        var refresh = document.getElementById('rafraichir');
        // A page restored by the "back" button keeps its field values: "Enregistrer la demande"
        // must then ask, not refresh.
        refresh.value = '';
        form.classList.add('js-enabled');
        var hint = form.querySelector('.hint');
        if (hint) {
            hint.textContent = 'Les champs marqués d\'un astérisque (*) sont obligatoires. Chaque liste dépend du choix précédent : la liste suivante se remplit dès que vous choisissez.';
        }
    }

    function refresh(changed) {
        var data = new FormData(form);
        data.set('rafraichir', '1');
        form.setAttribute('aria-busy', 'true');
        fetch(form.getAttribute('action') || window.location.href, { method: 'POST', body: data, credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }

                return response.text();
            })
            .then(function (html) {
                var answer = new DOMParser().parseFromString(html, 'text/html').getElementById('nouvelle-inscription');
                if (!answer) {
                    throw new Error('form missing');
                }

                form.innerHTML = answer.innerHTML;
                form.removeAttribute('aria-busy');
                prepare();
                // The server marks the next field to fill; keep the family where it was otherwise.
                var next = form.querySelector('[autofocus]') || document.getElementById(changed);
                if (next) {
                    next.focus();
                }

                status.textContent = 'Les choix suivants sont à jour.';
            })
            .catch(function () {
                document.getElementById('rafraichir').value = '1';
                form.submit();
            });
    }

    window.addEventListener('pageshow', prepare);
    prepare();
    form.addEventListener('change', function (event) {
        var target = event.target;
        if (target && target.matches && target.matches('select[data-refresh]')) {
            refresh(target.id);
        }
    });
}());
