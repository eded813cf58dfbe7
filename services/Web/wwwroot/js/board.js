// Live board: listens to the web app's Server-Sent Events (fed by the Inspections service's indicator events) and swaps
// in the changed indicator's tile, re-rendered on the server as at the board's date. No reload; without script the
// board still works (it is server-rendered).
(function () {
  var board = document.getElementById('board');
  if (!board || !window.EventSource) return;
  var asAt = board.getAttribute('data-as-at');
  var status = document.getElementById('live-status');
  var source = new EventSource(board.getAttribute('data-live'));
  board.setAttribute('data-live-state', 'connecting');
  source.onopen = function () { board.setAttribute('data-live-state', 'open'); };
  source.addEventListener('indicator', function (event) {
    var change = JSON.parse(event.data);
    var tiles = board.querySelectorAll('[data-indicator="' + CSS.escape(change.code) + '"]');
    if (tiles.length === 0) return;
    fetch('/?handler=tile&code=' + encodeURIComponent(change.code) + '&asAt=' + encodeURIComponent(asAt), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        tiles.forEach(function (tile) { tile.outerHTML = html; });
        var name = board.querySelector('[data-indicator="' + CSS.escape(change.code) + '"] .app-tile__name');
        if (status && name) status.textContent = name.textContent + ' updated';
      });
  });
})();
