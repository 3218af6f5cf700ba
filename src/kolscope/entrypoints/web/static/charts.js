// Draws the Plotly figures a page carries as JSON (the SVG inside stays for no-JavaScript).
// Every tick and hover text is written by the server in the reader's language; the mode bar
// (English tooltips) is off.
document.querySelectorAll("[data-figure]").forEach(function (box) {
  var source = document.getElementById(box.getAttribute("data-figure"));
  if (!source || !window.Plotly) { return; }
  var figure = JSON.parse(source.textContent);
  box.innerHTML = "";
  window.Plotly.newPlot(box, figure.data, figure.layout, {displaylogo: false, displayModeBar: false, responsive: true});
});
