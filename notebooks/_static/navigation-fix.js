/* Phones and tablets: pydata-sphinx-theme 0.17 binds its sidebar toggles to the FIRST element
   with class .primary-toggle / .secondary-toggle, which sphinx-book-theme 1.3 duplicates; the
   visible duplicate then does nothing (pydata/pydata-sphinx-theme#2451). Forward a click on any
   duplicate to the first button, whose handlers (the theme's dialog below 992 px, the book
   theme's collapsing sidebar above) then run as intended. */
document.addEventListener("DOMContentLoaded", function () {
  ["primary-toggle", "secondary-toggle"].forEach(function (cls) {
    var buttons = document.querySelectorAll("." + cls);
    for (var i = 1; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        event.preventDefault();
        event.stopImmediatePropagation();
        buttons[0].click();
      }, true);
    }
  });
});
