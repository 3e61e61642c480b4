// The little the pages need beyond htmx: show whether the live stream is connected, drop a row the stream
// sends again after a reconnect, mark new rows, and keep the live tail to a bounded number of rows.
(function () {
  function liveState(text, state) {
    var badge = document.getElementById('live-state');
    if (badge) {
      badge.textContent = text;
      badge.className = 'live-state ' + state;
    }
  }
  document.addEventListener('htmx:sseOpen', function () { liveState('live', 'live'); });
  document.addEventListener('htmx:sseError', function () { liveState('reconnecting…', 'lost'); });

  // Each event row carries the console's sequence number as its SSE id; rows come in order.
  document.addEventListener('htmx:sseBeforeMessage', function (evt) {
    var target = evt.target;
    if (!target || target.id !== 'event-rows') {
      return;
    }
    var id = Number(evt.detail && evt.detail.lastEventId);
    var newest = Number(target.dataset.newest || 0);
    if (id && id <= newest) {
      evt.preventDefault();
      return;
    }
    target.dataset.newest = String(id);
  });

  document.addEventListener('htmx:sseMessage', function (evt) {
    var target = evt.target;
    if (!target || target.id !== 'event-rows') {
      return;
    }
    var first = target.firstElementChild;
    if (first) {
      first.classList.add('fresh');
    }
    var kept = Number(target.closest('table').dataset.keptRows || 2000);
    while (target.children.length > kept) {
      target.removeChild(target.lastElementChild);
    }
  });
})();
