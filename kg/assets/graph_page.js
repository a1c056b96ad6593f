/* The graph page's behaviour: legend and type filter, search, tooltip, side panel.
 * Every piece of document text is put in the page with textContent, never innerHTML,
 * and vis-network is given no `title`, so names from reports cannot inject markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = data.details;
  var page = { data: data, ready: false, hiddenTypes: [] };
  window.kgPage = page;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clip(text, limit) { return text.length > limit ? text.slice(0, limit - 1) + "…" : text; }
  function colourOf(type) {
    for (var i = 0; i < data.legend.length; i++) { if (data.legend[i].type === type) { return data.legend[i].color; } }
    return "#7f7f7f";
  }

  var big = data.shown > 300;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-graph");
  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    nodes: { shape: "dot", borderWidth: 1, font: { size: 14, face: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" },
             scaling: { label: { drawThreshold: 5 } } },
    edges: { smooth: false, width: 1, color: { color: "#c9c9c9", highlight: "#444", hover: "#777" },
             arrows: { to: { enabled: true, scaleFactor: 0.4 } } },
    interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false },
    physics: data.physics ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -4000, springLength: 130, springConstant: 0.03, damping: 0.35, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: data.stabilizationIterations, updateInterval: 50, fit: true }
    } : { enabled: false }
  };
  // Listeners go on before the data so that a fast stabilisation cannot be missed.
  var network = new vis.Network(container, {}, options);
  page.network = network; page.nodes = nodes; page.edges = edges;
  var settled = !data.physics;

  function markReady() {
    if (page.ready) { return; }
    page.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });  // bounded: stop moving once stabilised
    settled = true;
    network.fit();
  });
  network.on("afterDrawing", function () { if (settled) { markReady(); } });
  network.setData({ nodes: nodes, edges: edges });
  if (!data.physics) { network.fit(); }

  // Header: counts.
  var stats = "显示 " + data.shown + " / " + data.total + " 个节点 · " + data.edges.length + " 条边";
  if (data.shown < data.total) { stats += "（按连接数保留前 " + data.shown + " 个）"; }
  document.getElementById("kg-stats").textContent = stats;

  // Legend with one filter checkbox per type.
  var idsByType = {};
  data.nodes.forEach(function (node, i) { var t = details[i].type; (idsByType[t] = idsByType[t] || []).push(node.id); });
  function setTypeVisible(type, visible) {
    var ids = idsByType[type] || [];
    nodes.update(ids.map(function (id) { return { id: id, hidden: !visible }; }));
    var box = document.querySelector('#kg-legend-list input[data-type="' + CSS.escape(type) + '"]');
    if (box) { box.checked = visible; }
    page.hiddenTypes = Array.prototype.filter.call(document.querySelectorAll("#kg-legend-list input"), function (b) { return !b.checked; })
      .map(function (b) { return b.getAttribute("data-type"); });
  }
  page.setTypeVisible = setTypeVisible;
  var legendList = document.getElementById("kg-legend-list");
  data.legend.forEach(function (item) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", item.type);
    box.addEventListener("change", function () { setTypeVisible(item.type, box.checked); });
    var swatch = el("span", "kg-swatch"); swatch.style.background = item.color;
    label.appendChild(box); label.appendChild(swatch); label.appendChild(el("span", "kg-type-name", item.type));
    label.appendChild(el("span", "kg-count", item.count));
    li.appendChild(label); legendList.appendChild(li);
  });

  // Side panel with everything known about one node.
  function field(parent, title, value) {
    if (!value) { return; }
    var p = el("div", "kg-field"); p.appendChild(el("b", null, title)); p.appendChild(el("span", null, value)); parent.appendChild(p);
  }
  function showDetails(id) {
    var panel = document.getElementById("kg-details");
    panel.textContent = "";
    if (id === null || id === undefined) { return; }
    var info = details[id];
    var badge = el("span", "kg-type", info.type); badge.style.background = colourOf(info.type);
    panel.appendChild(badge);
    panel.appendChild(el("h3", "kg-name", info.name));
    field(panel, "别名 Aliases", info.aliases.join("、"));
    field(panel, "定义 Definition", info.definition);
    field(panel, "文件 Documents", info.docs.join("、"));
    field(panel, "年份 Years", info.years.join("、"));
    info.facts.forEach(function (fact) { field(panel, fact[0], fact[1]); });
    info.evidence.forEach(function (ev) {
      var box = el("div", "kg-evidence"); box.appendChild(el("div", "kg-sentence", ev.sentence));
      box.appendChild(el("div", "kg-source", [ev.doc, ev.section].filter(Boolean).join(" · ")));
      panel.appendChild(box);
    });
  }
  page.showDetails = showDetails;
  network.on("click", function (params) { showDetails(params.nodes.length ? params.nodes[0] : null); });

  // Hover tooltip, also built with textContent.
  var tooltip = document.getElementById("kg-tooltip");
  network.on("hoverNode", function (params) {
    var info = details[params.node];
    tooltip.textContent = "";
    tooltip.appendChild(el("div", "kg-tip-name", info.name));
    tooltip.appendChild(el("div", "kg-source", info.type + (info.aliases.length ? " · " + info.aliases.join("、") : "")));
    if (info.definition) { tooltip.appendChild(el("div", null, clip(info.definition, 140))); }
    if (info.evidence.length) { tooltip.appendChild(el("div", "kg-evidence", clip(info.evidence[0].sentence, 160))); }
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.min(box.left + params.pointer.DOM.x + 14, window.innerWidth - 370) + "px";
    tooltip.style.top = (box.top + params.pointer.DOM.y + 14) + "px";
    tooltip.hidden = false;
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });

  // Search by name or alias: exact match first, then substring; focuses and selects the node.
  var names = document.getElementById("kg-names");
  details.forEach(function (info) { var option = el("option"); option.value = info.name; names.appendChild(option); });
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (d) { return d.name.toLowerCase() === q; },
      function (d) { return d.aliases.some(function (a) { return a.toLowerCase() === q; }); },
      function (d) { return d.name.toLowerCase().indexOf(q) >= 0; },
      function (d) { return d.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; }); }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < details.length; i++) { if (tests[t](details[i])) { return i; } }
    }
    return null;
  }
  function search(query) {
    var id = find(query), status = document.getElementById("kg-search-status");
    if (id === null) { status.textContent = "未找到 Not found"; return null; }
    status.textContent = "";
    if (page.hiddenTypes.indexOf(details[id].type) >= 0) { setTypeVisible(details[id].type, true); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails(id);
    return id;
  }
  page.search = search;
  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("kg-search-input").value);
  });
})();
