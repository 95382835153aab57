// Stand-in when the build had no chart library (web/node_modules missing):
// pages still work and say why there are no charts.
window.Chart = undefined;
