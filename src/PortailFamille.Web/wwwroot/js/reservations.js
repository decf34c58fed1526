// "Mes réservations": without JavaScript the grid is a form of checkboxes and one
// "Enregistrer". With it, each actionable cell becomes a button: a click (or Enter / Space)
// posts that one cell to the page's "Case" handler, which makes the move and answers the cell
// as it now stands; the cell is redrawn in place and the result is read out by the live
// region. When the cell changed elsewhere (another tab, the nightly transfer) the server
// answers 409: the grid is reloaded from the server, which stays the only one to know the rules.
(function () {
    'use strict';
    var root = document.getElementById('calendrier');
    var form = document.getElementById('grille');
    if (!root || !form || !window.fetch || !window.FormData || !window.DOMParser) {
        return;
    }

    var live = document.getElementById('annonce');
    var url = root.getAttribute('data-case-url');
    var busy = false;

    function token() {
        var field = form.querySelector('input[name="__RequestVerificationToken"]');
        return field ? field.value : '';
    }

    function announce(text, error) {
        // Emptied first so that the same sentence twice is read twice.
        live.textContent = '';
        live.classList.toggle('booking__live--error', !!error);
        window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function span(className, text, hidden) {
        var element = document.createElement('span');
        element.className = className;
        element.textContent = text;
        if (hidden) {
            element.setAttribute('aria-hidden', 'true');
        }

        return element;
    }

    function button(value, code, label) {
        var element = document.createElement('button');
        element.type = 'button';
        element.className = 'cell__hit';
        element.setAttribute('data-value', value);
        element.appendChild(span('cell__code', code, true));
        element.appendChild(span('visually-hidden cell__text', label, false));
        return element;
    }

    // The server's checkbox and label become a button with the same words, "appuyer" for "cocher".
    function enhance(scope) {
        var labels = scope.querySelectorAll('label.cell__hit');
        for (var i = 0; i < labels.length; i++) {
            var label = labels[i];
            var box = label.querySelector('.cell__box');
            var code = label.querySelector('.cell__code');
            var text = label.querySelector('.cell__text');
            var words = text.textContent.replace(' — cocher pour ', ' — appuyer pour ');
            label.parentNode.replaceChild(button(box.value, code.textContent, words), label);
        }
    }

    function draw(td, cell) {
        td.className = 'cell ' + cell.cssClass;
        td.title = cell.text;
        while (td.firstChild) {
            td.removeChild(td.firstChild);
        }

        if (cell.verb) {
            var hit = button(cell.value, cell.code, cell.buttonLabel);
            td.appendChild(hit);
            hit.focus();
        } else {
            td.appendChild(span('cell__code', cell.code, true));
            td.appendChild(span('visually-hidden cell__text', cell.describe + ' : ' + cell.text, false));
            // The focus stays in the grid: on the cell, which can take it for a moment.
            td.tabIndex = -1;
            td.focus();
        }
    }

    function reloadGrid(then) {
        fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }

                return response.text();
            })
            .then(function (html) {
                var answer = new DOMParser().parseFromString(html, 'text/html');
                var fresh = answer.querySelector('#grille .booking__scroll');
                var current = form.querySelector('.booking__scroll');
                var freshToken = answer.querySelector('#grille input[name="__RequestVerificationToken"]');
                if (!fresh || !current) {
                    throw new Error('grid missing');
                }

                current.innerHTML = fresh.innerHTML;
                if (freshToken) {
                    form.querySelector('input[name="__RequestVerificationToken"]').value = freshToken.value;
                }

                enhance(current);
                then();
            })
            .catch(function () {
                window.location.reload();
            });
    }

    function save(hit) {
        if (busy) {
            // One save at a time, so that each click starts from the state the previous one left.
            announce('Enregistrement en cours : attendez un instant avant de changer une autre case.', false);
            return;
        }

        busy = true;
        var td = hit.parentNode;
        td.classList.add('cell--busy');
        hit.setAttribute('aria-disabled', 'true');
        var data = new FormData();
        data.append('case', hit.getAttribute('data-value'));
        data.append('__RequestVerificationToken', token());
        fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (response) {
                var contentType = response.headers.get('Content-Type') || '';
                if (contentType.indexOf('application/json') < 0) {
                    throw new Error(String(response.status));
                }

                return response.json().then(function (answer) {
                    return { status: response.status, answer: answer };
                });
            })
            .then(function (result) {
                busy = false;
                var answer = result.answer;
                if (result.status === 409 || !answer.cell) {
                    td.classList.remove('cell--busy');
                    hit.removeAttribute('aria-disabled');
                    if (result.status === 409) {
                        // The grid is redrawn: focus goes back to the same day and unit, not to
                        // the top of the page.
                        var cellKey = td.getAttribute('data-cell');
                        reloadGrid(function () {
                            var again = form.querySelector('td[data-cell="' + cellKey + '"] .cell__hit');
                            var place = again || form.querySelector('td[data-cell="' + cellKey + '"]');
                            if (place) {
                                if (!again) {
                                    place.tabIndex = -1;
                                }

                                place.focus();
                            }

                            announce(answer.message, true);
                        });
                    } else {
                        announce(answer.message, true);
                    }

                    return;
                }

                draw(td, answer.cell);
                announce(answer.message, !answer.ok);
            })
            .catch(function () {
                busy = false;
                td.classList.remove('cell--busy');
                hit.removeAttribute('aria-disabled');
                announce('L\'enregistrement n\'a pas abouti (connexion interrompue ?). Réessayez, ou rechargez la page pour voir l\'état à jour.', true);
            });
    }

    root.addEventListener('click', function (event) {
        var hit = event.target.closest ? event.target.closest('button.cell__hit') : null;
        if (hit && root.contains(hit)) {
            event.preventDefault();
            save(hit);
        }
    });

    enhance(form);
    root.classList.add('booking--js');
})();
