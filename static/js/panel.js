/* Draws the dashboard charts from the JSON the server put in #panel-datos.
   Each canvas names its series in data-grafico; the tables next to the charts carry the same figures. */
(function () {
  "use strict";
  var fuente = document.getElementById("panel-datos");
  if (!fuente || typeof window.Chart === "undefined") {
    return;
  }
  var datos = JSON.parse(fuente.textContent);
  var sinMovimiento = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var COLOR = "#0a3a7a";

  document.querySelectorAll("canvas[data-grafico]").forEach(function (canvas) {
    var serie = datos[canvas.dataset.grafico];
    if (!serie || serie.labels.length === 0) {
      canvas.closest(".grafico-contenedor").hidden = true;
      return;
    }
    var horizontal = canvas.dataset.eje === "y";
    var ejeValores = { beginAtZero: true, ticks: { precision: 0 } };
    new window.Chart(canvas, {
      type: canvas.dataset.tipo || "bar",
      data: {
        labels: serie.labels,
        datasets: [
          { label: serie.titulo, data: serie.valores, backgroundColor: COLOR, borderColor: COLOR, maxBarThickness: 48 }
        ]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: sinMovimiento ? false : {},
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: ejeValores } : { y: ejeValores }
      }
    });
  });
})();
