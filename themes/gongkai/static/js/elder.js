/* 长辈版 (large print) remembered across pages. Pages work without this script: the switch
 * is a link to #elder, which turns large print on for that page by CSS (:root:target);
 * here the choice is kept in localStorage and applied as <html class="elder"> before the
 * page is drawn. Loaded without defer, in <head>, so large print never flashes in late. */
(function () {
  'use strict';
  var root = document.documentElement;
  var KEY = 'gongkai-elder';

  function remember(on) {
    if (on) { root.classList.add('elder'); } else { root.classList.remove('elder'); }
    try {
      if (on) { localStorage.setItem(KEY, '1'); } else { localStorage.removeItem(KEY); }
    } catch (e) { /* storage off: the page still switches by its #elder link */ }
  }

  try { if (localStorage.getItem(KEY)) { root.classList.add('elder'); } } catch (e) { /* as above */ }
  if (location.hash === '#elder') { remember(true); }
  window.addEventListener('hashchange', function () { if (location.hash === '#elder') { remember(true); } });
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.elder-off');
    if (link) { remember(false); }
  });
}());
