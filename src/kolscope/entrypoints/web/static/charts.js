// Draws the Plotly figures a page carries as JSON (the SVG inside stays for no-JavaScript).
document.querySelectorAll("[data-figure]").forEach(function (box) {
  var source = document.getElementById(box.getAttribute("data-figure"));
  if (!source || !window.Plotly) { return; }
  var figure = JSON.parse(source.textContent);
  box.innerHTML = "";
  window.Plotly.newPlot(box, figure.data, figure.layout, {displaylogo: false, responsive: true});
});
