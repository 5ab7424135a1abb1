// After htmx swaps the orden del día, keep keyboard focus on the button that was used, or on its
// counterpart when the item reached an end of the list (that button is then disabled).
document.addEventListener("htmx:afterSwap", function () {
  var bloque = document.getElementById("orden-del-dia");
  if (!bloque || !bloque.dataset.enfoque) {
    return;
  }
  var boton = document.getElementById(bloque.dataset.enfoque);
  if (boton && boton.disabled) {
    var otro = bloque.dataset.enfoque.endsWith("-arriba")
      ? bloque.dataset.enfoque.replace(/-arriba$/, "-abajo")
      : bloque.dataset.enfoque.replace(/-abajo$/, "-arriba");
    boton = document.getElementById(otro);
  }
  if (boton) {
    boton.focus();
  }
});
