/* The explorer page: search first, one entity at a time, every claim with its sentence.
 *
 * Data: window.KG_DATA (kg/viz_data.py), inline or from graph.data.js next to the page.
 * Safety: every string from a report goes in with textContent or as a DOM text node (the
 * highlight splits a sentence into text nodes and <mark> elements), never innerHTML; the
 * network gets no `title`, so vis-network's HTML popup is never used.
 * State: the URL fragment (#e=…&doc=…&year=…&types=…&rels=…&hops=2&q=…) is the only
 * state; every change writes it and every render reads it, so views can be shared. */
(function () {
  "use strict";
  var page = { ready: false };
  window.kgPage = page;
  var D = window.KG_DATA;
  if (!D || !D.ents) {
    var missing = document.getElementById("kg-nodata");
    missing.hidden = false;
    var src = document.querySelector('script[src$=".data.js"]'), file = src ? decodeURIComponent(src.getAttribute("src")) : "graph.data.js";
    missing.textContent = "找不到图谱数据 " + file + "：请把它与本页放在同一文件夹，或运行 kg viz 目录 重新生成。" +
      " (The data file " + file + " next to this page is missing.)";
    document.getElementById("kg-overview").hidden = true;
    page.ready = true;
    return;
  }
  var S = D.strings, DOCS = D.docs, ENTS = D.ents, GLOSS = D.gloss, EDGES = D.edges;
  var TYPES = D.types, RELS = D.relations;
  var ENTITY_TYPES = ["Program", "Project", "Company", "Place", "Agency"];
  var REL_KEYS = Object.keys(RELS);
  var HOP1 = D.limits ? D.limits.hop1 : 24, HOP2 = D.limits ? D.limits.hop2 : 80;
  var MAX_RESULTS = 20, MAX_LIST = 12;
  page.data = D;

  // ------------------------------------------------------------------ helpers
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function add(parent) { for (var i = 1; i < arguments.length; i++) { if (arguments[i]) { parent.appendChild(arguments[i]); } } return parent; }
  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }
  function typeZh(t) { return TYPES[t] ? TYPES[t].zh : t; }
  function typeColour(t) { return TYPES[t] ? TYPES[t].color : "#7f7f7f"; }
  function badge(t) {
    var b = el("span", "kg-type", typeZh(t)); b.style.background = typeColour(t);
    if (TYPES[t]) { b.title = TYPES[t].en; }
    return b;
  }
  function chip(text, colour) { var c = el("span", "kg-chip", text); c.style.borderColor = colour; c.style.color = colour; return c; }
  function docTitle(i) { return i >= 0 && DOCS[i] ? DOCS[i].title : "（未知报告）"; }

  /* A sentence as DOM nodes with every occurrence of `terms` marked, as displaCy does.
   * `terms2` get a second colour (the other end of a link). Text nodes only: no markup. */
  function highlighted(sentence, terms, terms2) {
    var wrap = el("span", "kg-sentence"), marks = [];
    function collect(list, cls) {
      list.filter(function (t) { return t && t.length >= 2; }).sort(function (a, b) { return b.length - a.length; })
        .forEach(function (term) {
          var from = 0, at;
          while ((at = sentence.indexOf(term, from)) >= 0) {
            var end = at + term.length;
            if (!marks.some(function (m) { return at < m[1] && end > m[0]; })) { marks.push([at, end, cls]); }
            from = at + 1;
          }
        });
    }
    collect(terms, "kg-hl"); collect(terms2 || [], "kg-hl2");
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] > pos) { wrap.appendChild(document.createTextNode(sentence.slice(pos, m[0]))); }
      wrap.appendChild(el("mark", m[2], sentence.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < sentence.length) { wrap.appendChild(document.createTextNode(sentence.slice(pos))); }
    return wrap;
  }
  function termsOf(i) { var e = ENTS[i]; var t = [e.n].concat(e.a); e.g.forEach(function (g) { t.push(GLOSS[g][0]); }); return t; }

  // ------------------------------------------------------------------ indexes
  var byId = {};
  ENTS.forEach(function (e, i) { byId[e.id] = i; });
  var glossById = {};
  GLOSS.forEach(function (g, k) { if (g[4] < 0 && g[5]) { glossById[g[5]] = k; } });  // entries that define no entity
  var docById = {};
  DOCS.forEach(function (d, i) { if (d.id) { docById[d.id] = i; docById[d.key] = i; } });
  var adjacency = ENTS.map(function () { return []; });
  var relsOf = ENTS.map(function () { return {}; });
  EDGES.forEach(function (edge, k) {
    adjacency[edge[0]].push(k); adjacency[edge[1]].push(k);
    relsOf[edge[0]][edge[2]] = true; relsOf[edge[1]][edge[2]] = true;
  });
  var searchKeys = ENTS.map(function (e) {
    var keys = [[e.n.toLowerCase(), 0]];
    e.a.forEach(function (a) { keys.push([a.toLowerCase(), 1, a]); });
    e.g.forEach(function (g) { keys.push([GLOSS[g][0].toLowerCase(), 2, GLOSS[g][0]]); });
    return keys;
  });
  var years = [];
  DOCS.forEach(function (d) { if (d.year && years.indexOf(d.year) < 0) { years.push(d.year); } });
  years.sort();

  // ------------------------------------------------------------------ state in the URL fragment
  function readState() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    function list(key, all) {
      if (!p.has(key)) { return all.slice(); }
      return p.get(key).split(",").filter(function (x) { return all.indexOf(x) >= 0; });
    }
    var doc = p.get("doc") || "";
    return {
      e: p.get("e") || "", q: p.get("q") || "", doc: docById[doc] !== undefined ? doc : "",
      year: p.get("year") || "", types: list("types", ENTITY_TYPES), rels: list("rels", REL_KEYS),
      hops: p.get("hops") === "2" ? 2 : 1
    };
  }
  function writeState(state, push) {
    var p = new URLSearchParams();
    if (state.e) { p.set("e", state.e); }
    if (state.doc) { p.set("doc", state.doc); }
    if (state.year) { p.set("year", state.year); }
    if (state.types.length !== ENTITY_TYPES.length) { p.set("types", state.types.join(",")); }
    if (state.rels.length !== REL_KEYS.length) { p.set("rels", state.rels.join(",")); }
    if (state.hops === 2) { p.set("hops", "2"); }
    if (state.q) { p.set("q", state.q); }
    var hash = p.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
    var url = location.pathname + location.search + (hash ? "#" + hash : "");
    try {
      if (push) { history.pushState(null, "", url); } else { history.replaceState(null, "", url); }
    } catch (error) { /* a sandboxed frame (notebook srcdoc) has no URL to write: the state stays in memory */ }
  }
  var state = readState();
  page.state = function () { return JSON.parse(JSON.stringify(state)); };
  function update(patch, push) {
    Object.keys(patch).forEach(function (k) { state[k] = patch[k]; });
    writeState(state, push);
    render();
  }
  window.addEventListener("popstate", function () { state = readState(); render(); });
  window.addEventListener("hashchange", function () { state = readState(); render(); });

  // ------------------------------------------------------------------ filters
  function allowedDocs() {
    if (!state.doc && !state.year) { return null; }
    var allowed = {};
    DOCS.forEach(function (d, i) {
      if (state.doc && docById[state.doc] !== i) { return; }
      if (state.year && String(d.year) !== state.year) { return; }
      allowed[i] = true;
    });
    return allowed;
  }
  var allowed = null;
  function docOk(i) { return allowed === null || allowed[i] === true; }
  function mentionsIn(e) {
    if (allowed === null) { return e.m; }
    var n = 0; e.d.forEach(function (pair) { if (docOk(pair[0])) { n += pair[1] || 1; } }); return n;
  }
  /* An entity passes the filters: its type is chosen, it is in a chosen report or year, and, when the
   * relations are narrowed, it takes part in one of the chosen relations. */
  function entityOk(i) {
    var e = ENTS[i];
    if (state.types.indexOf(e.t) < 0) { return false; }
    if (state.rels.length < REL_KEYS.length && !state.rels.some(function (r) { return relsOf[i][r]; })) { return false; }
    return allowed === null || e.d.some(function (pair) { return docOk(pair[0]); });
  }
  function edgeOk(edge) {
    if (state.rels.indexOf(edge[2]) < 0) { return false; }
    return allowed === null || edge[4].length === 0 || edge[4].some(docOk);
  }

  function buildFilters() {
    var docSelect = document.getElementById("kg-f-doc");
    DOCS.map(function (d, i) { return i; }).filter(function (i) { return DOCS[i].id; })
      .sort(function (a, b) { return DOCS[a].title.localeCompare(DOCS[b].title, "zh-CN"); })
      .forEach(function (i) { var o = el("option", null, DOCS[i].title); o.value = DOCS[i].key; docSelect.appendChild(o); });
    docSelect.addEventListener("change", function () { update({ doc: docSelect.value }, true); });
    var yearSelect = document.getElementById("kg-f-year");
    years.forEach(function (y) { var o = el("option", null, y + "年"); o.value = String(y); yearSelect.appendChild(o); });
    yearSelect.addEventListener("change", function () { update({ year: yearSelect.value }, true); });
    function boxes(id, keys, label, key) {
      var set = document.getElementById(id);
      keys.forEach(function (k) {
        var lab = el("label"), box = el("input");
        box.type = "checkbox"; box.value = k; box.setAttribute("data-key", k);
        box.addEventListener("change", function () {
          var chosen = Array.prototype.filter.call(set.querySelectorAll("input"), function (b) { return b.checked; })
            .map(function (b) { return b.value; });
          var patch = {}; patch[key] = chosen; update(patch, true);
        });
        add(lab, box, document.createTextNode(" " + label(k)));
        set.appendChild(lab);
      });
    }
    boxes("kg-f-types", ENTITY_TYPES, typeZh, "types");
    boxes("kg-f-rels", REL_KEYS, function (k) { return RELS[k].zh; }, "rels");
    document.getElementById("kg-f-clear").addEventListener("click", function () {
      update({ doc: "", year: "", types: ENTITY_TYPES.slice(), rels: REL_KEYS.slice() }, true);
    });
  }
  function showFilters() {
    document.getElementById("kg-f-doc").value = state.doc;
    document.getElementById("kg-f-year").value = state.year;
    Array.prototype.forEach.call(document.querySelectorAll("#kg-f-types input"), function (b) { b.checked = state.types.indexOf(b.value) >= 0; });
    Array.prototype.forEach.call(document.querySelectorAll("#kg-f-rels input"), function (b) { b.checked = state.rels.indexOf(b.value) >= 0; });
  }

  // ------------------------------------------------------------------ search
  /* Matches for `query`: entities (name, alias, glossary term) and reports, ranked:
   * exact name, exact alias/term, prefix, then contains; ties by mentions under the filters. */
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { return []; }
    var found = [];
    for (var i = 0; i < ENTS.length; i++) {
      var keys = searchKeys[i], best = 99, via = null;
      for (var k = 0; k < keys.length; k++) {
        var key = keys[k][0], at = key.indexOf(q);
        if (at < 0) { continue; }
        var tier = (key.length === q.length ? 0 : at === 0 ? 2 : 4) + (keys[k][1] > 0 ? 1 : 0);
        if (tier < best) { best = tier; via = keys[k][1] > 0 ? keys[k] : null; }
      }
      if (best < 99 && entityOk(i)) {
        found.push({ kind: "entity", index: i, id: ENTS[i].id, name: ENTS[i].n, type: ENTS[i].t, tier: best,
                     mentions: mentionsIn(ENTS[i]), via: via ? [via[1] === 1 ? "别名" : "名词解释", via[2]] : null });
      }
    }
    if (state.types.length === ENTITY_TYPES.length && state.rels.length === REL_KEYS.length) {
      Object.keys(glossById).forEach(function (id) {
        var g = GLOSS[glossById[id]], key = g[0].toLowerCase(), at = key.indexOf(q);
        if (at < 0 || !docOk(g[3])) { return; }
        found.push({ kind: "gloss", index: glossById[id], id: id, name: g[0], type: "GlossaryEntry",
                     tier: (key.length === q.length ? 0 : at === 0 ? 2 : 4) + 1, mentions: 0, via: null });
      });
    }
    DOCS.forEach(function (d, i) {
      if (!d.id || !docOk(i)) { return; }
      var text = (d.title + " " + d.issuer + " " + d.name).toLowerCase(), at = text.indexOf(q);
      if (at >= 0) { found.push({ kind: "doc", index: i, id: d.id, name: d.title, type: "Document", tier: at === 0 ? 2 : 4, mentions: 0, via: null }); }
    });
    found.sort(function (a, b) { return a.tier - b.tier || b.mentions - a.mentions || a.name.length - b.name.length || (a.name < b.name ? -1 : 1); });
    search.total = found.length;
    return found.slice(0, MAX_RESULTS);
  }
  page.search = function (query) {
    allowed = allowedDocs();
    return search(query).map(function (r) { return { id: r.id, name: r.name, type: r.type, mentions: r.mentions, via: r.via }; });
  };

  var input = document.getElementById("kg-q"), list = document.getElementById("kg-results");
  var results = [], active = -1;
  function docsSummary(e) {
    var shown = e.d.filter(function (p) { return docOk(p[0]); });
    if (!shown.length) { return ""; }
    var first = docTitle(shown[0][0]);
    return shown.length > 1 ? first + " 等" + shown.length + "份报告" : first;
  }
  function showResults() {
    allowed = allowedDocs();
    results = search(input.value);
    active = results.length ? 0 : -1;
    list.textContent = "";
    if (!input.value.trim()) { closeResults(); return; }
    if (!results.length) {
      add(list, el("li", "kg-r-none", "没有找到“" + input.value.trim() + "”" + (allowed || state.types.length < ENTITY_TYPES.length ? "（已筛选，可清除筛选后再试）" : "")));
    }
    results.forEach(function (r, n) {
      var li = el("li"); li.setAttribute("role", "option"); li.id = "kg-result-" + n;
      var head = add(el("div"), el("span", "kg-r-name", r.name), chip(typeZh(r.type), typeColour(r.type)));
      var meta = [];
      if (r.kind === "entity") {
        var e = ENTS[r.index];
        if (r.via) { meta.push(r.via[0] + "：" + r.via[1]); }
        meta.push("提及 " + r.mentions + " 次");
        var docs = docsSummary(e); if (docs) { meta.push(docs); }
      } else if (r.kind === "gloss") { meta.push(clip(GLOSS[r.index][2], 60)); meta.push(docTitle(GLOSS[r.index][3])); }
      else { meta.push((DOCS[r.index].issuer || "") + (DOCS[r.index].year ? " · " + DOCS[r.index].year + "年" : "")); }
      add(li, head, el("div", "kg-r-meta", meta.join(" · ")));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(r.id); });
      list.appendChild(li);
    });
    if (search.total > results.length) {
      add(list, el("li", "kg-r-none", "另有 " + (search.total - results.length) + " 个匹配未列出：请输入更完整的名称，或用上方筛选缩小范围"));
    }
    list.hidden = false; input.setAttribute("aria-expanded", "true");
    markActive();
  }
  function markActive() {
    Array.prototype.forEach.call(list.children, function (li, n) {
      var on = n === active; li.classList.toggle("kg-active", on); li.setAttribute("aria-selected", on ? "true" : "false");
      if (on) { input.setAttribute("aria-activedescendant", li.id); li.scrollIntoView({ block: "nearest" }); }
    });
  }
  function closeResults() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
  input.addEventListener("input", function () { hideTooltip(); showResults(); });
  input.addEventListener("focus", function () { hideTooltip(); if (input.value.trim()) { showResults(); } });
  input.addEventListener("blur", function () { setTimeout(closeResults, 150); });
  input.addEventListener("keydown", function (event) {
    hideTooltip();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) { showResults(); return; }
      if (!results.length) { return; }
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + results.length) % results.length;
      markActive();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (list.hidden) { showResults(); }
      if (active >= 0 && results[active]) { choose(results[active].id); }
    } else if (event.key === "Escape") { closeResults(); }
  });

  function choose(id) {
    closeResults();
    input.blur();
    update({ e: id, q: input.value.trim() }, true);
  }
  page.choose = function (id) { choose(id); };

  // ------------------------------------------------------------------ overview
  function renderOverview() {
    var box = document.getElementById("kg-overview");
    box.textContent = "";
    var left = el("div"), right = el("div");
    add(left, el("h2", null, "报告（" + DOCS.filter(function (d, i) { return d.id && docOk(i); }).length + "份）"));
    var table = el("table", "kg-table"), head = el("tr");
    ["报告", "发布机关", "年份", "实体"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    var perDoc = DOCS.map(function () { return 0; });
    ENTS.forEach(function (e, i) { if (state.types.indexOf(e.t) >= 0) { e.d.forEach(function (p) { perDoc[p[0]] += 1; }); } });
    DOCS.forEach(function (d, i) {
      if (!d.id || !docOk(i)) { return; }
      var tr = el("tr"), link = el("button", "kg-link", d.title);
      link.addEventListener("click", function () { update({ e: d.id }, true); });
      add(tr, add(el("td"), link), el("td", null, d.issuer || "—"), el("td", null, d.year ? d.year + "年" : "—"), el("td", "kg-num", perDoc[i]));
      table.appendChild(tr);
    });
    left.appendChild(table);
    add(right, el("h2", null, "提及最多"));
    var tops = el("div", "kg-tops");
    ENTITY_TYPES.filter(function (t) { return state.types.indexOf(t) >= 0; }).forEach(function (t) {
      var ranked = [];
      ENTS.forEach(function (e, i) { if (e.t === t && entityOk(i)) { ranked.push([mentionsIn(e), i]); } });
      ranked.sort(function (a, b) { return b[0] - a[0] || (ENTS[a[1]].n < ENTS[b[1]].n ? -1 : 1); });
      var section = el("div"), ol = el("ol");
      add(section, add(el("h3"), badge(t), el("span", "kg-count", "共 " + ranked.length + " 个")));
      ranked.slice(0, 10).forEach(function (pair) {
        var e = ENTS[pair[1]], link = el("button", "kg-link", e.n);
        link.addEventListener("click", function () { update({ e: e.id }, true); });
        add(ol, add(el("li"), link, el("span", "kg-count", pair[0] + "次")));
      });
      if (!ranked.length) { ol.appendChild(el("li", "kg-empty", "（无）")); }
      tops.appendChild(add(section, ol));
    });
    right.appendChild(tops);
    add(box, left, right);
  }

  // ------------------------------------------------------------------ cards
  function field(dl, name, value) {
    if (value === null || value === undefined || value === "") { return; }
    dl.appendChild(el("dt", null, name));
    var dd = el("dd"); if (typeof value === "string") { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }
  function docLink(i) {
    var link = el("button", "kg-link", docTitle(i));
    link.title = "只看这份报告 (filter to this report)";
    link.addEventListener("click", function () { update({ doc: DOCS[i].key }, true); });
    return link;
  }
  function evidenceBox(sentenceIndex, doc, section, terms, terms2) {
    var box = el("div", "kg-evidence");
    box.appendChild(highlighted(S[sentenceIndex], terms, terms2));
    var src = el("div", "kg-source", "—— " + docTitle(doc) + (section >= 0 && S[section] ? " · " + S[section] : ""));
    box.appendChild(src);
    return box;
  }

  /* Neighbours of entity i under the filters: one row per (neighbour, relation, direction). */
  function neighbours(i) {
    var rows = {};
    adjacency[i].forEach(function (k) {
      var edge = EDGES[k];
      if (!edgeOk(edge)) { return; }
      var out = edge[0] === i, other = out ? edge[1] : edge[0];
      if (!entityOk(other)) { return; }
      var rel = edge[2], key = other + "|" + rel + "|" + (rel === "CO_OCCURS" || rel === "RELATED_TO" ? "" : out);
      var row = rows[key] || (rows[key] = { other: other, rel: rel, out: out, weight: 0, sentences: [] });
      row.weight += edge[3];
      edge[5].forEach(function (s) { if (row.sentences.indexOf(s) < 0) { row.sentences.push(s); } });
    });
    var list = Object.keys(rows).map(function (k) { return rows[k]; });
    list.sort(function (a, b) { return b.weight - a.weight || mentionsIn(ENTS[b.other]) - mentionsIn(ENTS[a.other]) || a.other - b.other; });
    return list;
  }
  function relName(row) { return row.out ? RELS[row.rel].out : RELS[row.rel].back; }

  /* A line saying which filters narrow what the card shows, with a way out. */
  function filterNotice(card) {
    var parts = [];
    if (state.doc) { parts.push("报告：" + docTitle(docById[state.doc])); }
    if (state.year) { parts.push(state.year + "年"); }
    if (state.types.length < ENTITY_TYPES.length) { parts.push("类型：" + state.types.map(typeZh).join("、")); }
    if (state.rels.length < REL_KEYS.length) { parts.push("关系：" + state.rels.map(function (k) { return RELS[k].zh; }).join("、")); }
    if (!parts.length) { return; }
    var box = el("div", "kg-notice", "已筛选（" + parts.join("；") + "） "), clear = el("button", "kg-link", "清除筛选");
    clear.addEventListener("click", function () { update({ doc: "", year: "", types: ENTITY_TYPES.slice(), rels: REL_KEYS.slice() }, true); });
    card.appendChild(add(box, clear));
  }

  function renderEntity(i) {
    var e = ENTS[i], card = document.getElementById("kg-card"), terms = termsOf(i);
    card.textContent = "";
    filterNotice(card);
    add(card, badge(e.t), el("h2", "kg-name", e.n));
    var dl = el("dl");
    var typeDd = el("span", null, typeZh(e.t)); typeDd.title = TYPES[e.t] ? TYPES[e.t].en : e.t;
    field(dl, "类型", typeDd);
    field(dl, "名称", e.n);
    field(dl, "别名", e.a.join("、"));
    if (e.g.length || e.def) {
      var defs = el("div");
      e.g.forEach(function (g) {
        var entry = GLOSS[g], p = el("div");
        add(p, el("div", null, entry[2]),
            el("div", "kg-source", "来源：" + docTitle(entry[3]) + " 名词解释“" + entry[0] + "”" + (entry[1] ? "，第" + entry[1].replace(/^[Pp]/, "") + "页" : "")));
        defs.appendChild(p);
      });
      if (e.def) { defs.appendChild(el("div", null, e.def)); }
      field(dl, "定义", defs);
    }
    var where = el("div"), shownDocs = e.d.filter(function (p) { return docOk(p[0]); });
    shownDocs.sort(function (a, b) { return (b[1] || 0) - (a[1] || 0) || (DOCS[a[0]].year || 0) - (DOCS[b[0]].year || 0) || a[0] - b[0]; });
    var rest = shownDocs.length > MAX_LIST + 2 ? add(el("details"), el("summary", "kg-more", "其余 " + (shownDocs.length - MAX_LIST) + " 份报告")) : null;
    shownDocs.forEach(function (p, n) {
      var d = DOCS[p[0]], line = el("div");
      add(line, docLink(p[0]), el("span", "kg-count", [d.issuer, d.year ? d.year + "年" : "", p[1] ? "提及" + p[1] + "次" : ""].filter(Boolean).join(" · ")));
      (rest && n >= MAX_LIST ? rest : where).appendChild(line);
    });
    if (rest) { where.appendChild(rest); }
    if (!shownDocs.length) { where.appendChild(el("span", "kg-empty", "（筛选范围内没有）")); }
    field(dl, "出现于", where);
    field(dl, "提及", "共 " + mentionsIn(e) + " 次");
    card.appendChild(dl);

    var evidence = e.e.filter(function (row) { return docOk(row[0]); });
    add(card, el("h3", null, "原文证据（" + evidence.length + "句）"));
    evidence.forEach(function (row) { card.appendChild(evidenceBox(row[1], row[0], row[2], terms)); });
    if (!evidence.length) { card.appendChild(el("div", "kg-empty", "（筛选范围内没有原文句子）")); }

    var statuses = e.s.filter(function (s) { return docOk(s[3]); });
    if (e.s.length) {
      add(card, el("h3", null, "项目进展（" + statuses.length + "条）"));
      var table = el("table", "kg-table kg-timeline"), head = el("tr");
      ["年份", "阶段", "计划/实绩", "原文"].forEach(function (h) { head.appendChild(el("th", null, h)); });
      table.appendChild(head);
      statuses.forEach(function (s) {
        var tr = el("tr"), sentence = el("td");
        if (s[4] >= 0) { sentence.appendChild(highlighted(S[s[4]], terms)); }
        sentence.appendChild(el("div", "kg-source", "—— " + docTitle(s[3])));
        add(tr, el("td", null, s[0] ? s[0] + "年" : "—"), el("td", null, s[1]),
            el("td", s[2] === "计划" ? "kg-status-plan" : "kg-status-outcome", s[2]), sentence);
        table.appendChild(tr);
      });
      card.appendChild(table);
    }

    var rows = neighbours(i), groups = {};
    rows.forEach(function (row) { var name = relName(row); (groups[name] = groups[name] || []).push(row); });
    add(card, el("h3", null, "关联（" + rows.length + "）"));
    var order = [];
    REL_KEYS.forEach(function (k) { [RELS[k].out, RELS[k].back].forEach(function (n) { if (groups[n] && order.indexOf(n) < 0) { order.push(n); } }); });
    order.forEach(function (name) {
      var group = groups[name], box = el("div", "kg-group"), ul = el("ul");
      add(box, el("b", null, name + "（" + group.length + "）"));
      group.slice(0, name === RELS.CO_OCCURS.out ? MAX_LIST * 2 : MAX_LIST * 4).forEach(function (row) {
        var other = ENTS[row.other], li = el("li"), link = el("button", "kg-link", other.n);
        link.addEventListener("click", function () { update({ e: other.id }, true); });
        add(li, link, chip(typeZh(other.t), typeColour(other.t)),
            el("span", "kg-count", row.rel === "CO_OCCURS" ? row.weight + "句" : ""));
        if (row.sentences.length) {
          var details = el("details"), summary = el("summary", null, "原文");
          add(details, summary);
          row.sentences.forEach(function (s) { details.appendChild(evidenceBox(s, -1, -1, terms, termsOf(row.other))); });
          details.querySelectorAll(".kg-source").forEach(function (n) { n.remove(); });
          li.appendChild(details);
        }
        ul.appendChild(li);
      });
      if (group.length > ul.children.length) { ul.appendChild(el("li", "kg-more", "另有 " + (group.length - ul.children.length) + " 个未列出（可用筛选缩小范围）")); }
      card.appendChild(add(box, ul));
    });
    if (!rows.length) { card.appendChild(el("div", "kg-empty", "（筛选范围内没有关联）")); }
    document.title = e.n + " · " + D.title;
  }

  function renderGloss(k) {
    var g = GLOSS[k], card = document.getElementById("kg-card");
    card.textContent = "";
    add(card, badge("GlossaryEntry"), el("h2", "kg-name", g[0]));
    var dl = el("dl");
    field(dl, "类型", "名词解释");
    field(dl, "名称", g[0]);
    field(dl, "定义", g[2]);
    field(dl, "来源", docTitle(g[3]) + " 名词解释" + (g[1] ? "，第" + g[1].replace(/^[Pp]/, "") + "页" : ""));
    card.appendChild(dl);
    document.title = g[0] + " · " + D.title;
  }

  function renderDoc(i) {
    var d = DOCS[i], card = document.getElementById("kg-card");
    card.textContent = "";
    add(card, badge("Document"), el("h2", "kg-name", d.title));
    var dl = el("dl");
    field(dl, "类型", "报告");
    field(dl, "发布机关", d.issuer);
    field(dl, "年份", d.year ? d.year + "年" : "");
    field(dl, "文件", d.name);
    var only = el("button", "kg-link", "只看这份报告"); only.addEventListener("click", function () { update({ doc: d.key }, true); });
    field(dl, "筛选", only);
    card.appendChild(dl);
    if (d.ind.length) {
      add(card, el("h3", null, "主要指标（" + d.ind.length + "项）"));
      var table = el("table", "kg-table"), head = el("tr");
      ["指标", "数值", "增速", "类别", "年份"].forEach(function (h) { head.appendChild(el("th", null, h)); });
      table.appendChild(head);
      d.ind.forEach(function (row) {
        var tr = el("tr"), name = el("td", null, row[0]);
        if (row[5] >= 0) { name.title = S[row[5]]; }
        add(tr, name, el("td", "kg-num", row[1] || "—"), el("td", "kg-num", row[2] || "—"), el("td", null, row[3]), el("td", null, row[4] ? row[4] + "年" : ""));
        table.appendChild(tr);
      });
      card.appendChild(table);
    }
    add(card, el("h3", null, "报告中提及最多"));
    ENTITY_TYPES.filter(function (t) { return state.types.indexOf(t) >= 0; }).forEach(function (t) {
      var ranked = [];
      ENTS.forEach(function (e, n) {
        if (e.t !== t) { return; }
        e.d.forEach(function (p) { if (p[0] === i) { ranked.push([p[1] || 1, n]); } });
      });
      ranked.sort(function (a, b) { return b[0] - a[0]; });
      if (!ranked.length) { return; }
      var box = el("div", "kg-group"), ul = el("ul");
      add(box, add(el("b"), badge(t), el("span", "kg-count", "共 " + ranked.length + " 个")));
      ranked.slice(0, MAX_LIST).forEach(function (pair) {
        var link = el("button", "kg-link", ENTS[pair[1]].n);
        link.addEventListener("click", function () { update({ e: ENTS[pair[1]].id }, true); });
        add(ul, add(el("li"), link, el("span", "kg-count", pair[0] + "次")));
      });
      card.appendChild(add(box, ul));
    });
    document.title = d.title + " · " + D.title;
  }

  // ------------------------------------------------------------------ network
  var netNodes = new vis.DataSet([]), netEdges = new vis.DataSet([]);
  var container = document.getElementById("kg-graph");
  var network = null;
  var FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif";
  function ensureNetwork() {
    if (network) { return network; }
    network = new vis.Network(container, { nodes: netNodes, edges: netEdges }, {
      autoResize: true, layout: { improvedLayout: false },
      nodes: { shape: "box", margin: 6, borderWidth: 2, font: { size: 15, face: FONT, color: "#222" }, widthConstraint: { maximum: 210 } },
      edges: { smooth: false, width: 1.5, font: { size: 12, face: FONT, align: "middle", strokeWidth: 3 },
               arrows: { to: { enabled: true, scaleFactor: 0.5 } } },
      interaction: { hover: true, keyboard: false, tooltipDelay: 100 },
      physics: { enabled: false }
    });
    network.on("click", function (params) {
      if (params.nodes.length) { var id = netNodes.get(params.nodes[0]).entity; if (id && id !== state.e) { hideTooltip(); update({ e: id }, true); } }
    });
    network.on("dragStart", hideTooltip);
    network.on("zoom", hideTooltip);
    network.on("afterDrawing", function () { if (!page.ready) { markReady(); } });
    page.network = network;
    return network;
  }
  page.netNodes = netNodes; page.netEdges = netEdges;

  /* The chosen entity's neighbourhood: one hop (ranked, capped), two on demand, laid out in columns. */
  function drawNetwork(i) {
    ensureNetwork();
    var centre = i, nodes = {}, edges = [], order = [];
    function addNode(n, hop, parent) { if (nodes[n] === undefined) { nodes[n] = { hop: hop, parent: parent }; order.push(n); } }
    addNode(centre, 0, -1);
    var first = neighbours(centre);
    var stated = first.filter(function (r) { return r.rel !== "CO_OCCURS"; }), co = first.filter(function (r) { return r.rel === "CO_OCCURS"; });
    var hop1 = stated.concat(co).filter(function (r, n, all) { return all.findIndex(function (x) { return x.other === r.other; }) === n; }).slice(0, HOP1);
    hop1.forEach(function (r) { addNode(r.other, 1, centre); edges.push([r, centre]); });
    var total1 = first.reduce(function (set, r) { set[r.other] = 1; return set; }, {});
    if (state.hops === 2) {
      var budget = HOP2 - order.length;
      hop1.forEach(function (r) {
        if (budget <= 0) { return; }
        neighbours(r.other).filter(function (x) { return nodes[x.other] === undefined; }).slice(0, 4).forEach(function (x) {
          if (budget <= 0 || nodes[x.other] !== undefined) { return; }
          addNode(x.other, 2, r.other); edges.push([x, r.other]); budget -= 1;
        });
      });
    }
    // Stated relations (not co-occurrence) between drawn nodes other than the tree's own links.
    var linked = {};
    edges.forEach(function (pair) { linked[Math.min(pair[0].other, pair[1]) + "|" + Math.max(pair[0].other, pair[1])] = true; });
    order.forEach(function (n) {
      adjacency[n].forEach(function (k) {
        var edge = EDGES[k], a = edge[0], b = edge[1], key = Math.min(a, b) + "|" + Math.max(a, b);
        if (edge[2] === "CO_OCCURS" || a !== n || nodes[b] === undefined || linked[key] || !edgeOk(edge)) { return; }
        linked[key] = true;
        edges.push([{ other: b, rel: edge[2], out: true, weight: edge[3], lateral: true }, a]);
      });
    });
    // Layout: hop-1 nodes in columns of ROWS left and right of the centre; hop-2 further out, on their parent's side.
    var ROWS = 12, COL = 215, ROW = 46, pos = {};
    pos[centre] = [0, 0];
    var ones = order.filter(function (n) { return nodes[n].hop === 1; });
    var columns = ones.length > 5 ? Math.max(2, Math.ceil(ones.length / ROWS)) : 1;
    ones.forEach(function (n, k) {
      var col = k % columns, row = Math.floor(k / columns), side = col % 2 === 0 ? -1 : 1, ring = Math.floor(col / 2) + 1;
      var inColumn = Math.ceil((ones.length - col) / columns);
      pos[n] = [side * ring * COL, (row - (inColumn - 1) / 2) * ROW];
    });
    var outer = { "-1": [], "1": [] };
    order.filter(function (n) { return nodes[n].hop === 2; }).forEach(function (n) {
      var p = pos[nodes[n].parent]; outer[p[0] < 0 ? "-1" : "1"].push(n);
    });
    var maxRing = Math.ceil(columns / 2);
    Object.keys(outer).forEach(function (side) {
      var items = outer[side].sort(function (a, b) { return pos[nodes[a].parent][1] - pos[nodes[b].parent][1]; });
      var cols = Math.max(1, Math.ceil(items.length / (ROWS * 1.5)));
      var per = Math.ceil(items.length / cols);
      items.forEach(function (n, k) {
        var col = Math.floor(k / per), row = k % per, count = Math.min(per, items.length - col * per);
        pos[n] = [Number(side) * (maxRing + 1 + col) * COL, (row - (count - 1) / 2) * ROW * 0.8];
      });
    });
    netNodes.clear(); netEdges.clear();
    netNodes.add(order.map(function (n) {
      var e = ENTS[n], colour = typeColour(e.t), hop = nodes[n].hop;
      return { id: n, entity: e.id, label: clip(e.n, hop === 0 ? 24 : hop === 1 ? 14 : 10), x: pos[n][0], y: pos[n][1], fixed: false,
               color: { background: hop === 0 ? colour : "#ffffff", border: colour, highlight: { background: "#fff6d5", border: colour },
                        hover: { background: "#fff6d5", border: colour } },
               font: hop === 0 ? { color: "#ffffff", size: 18, bold: true } : { size: 15 } };
    }));
    netEdges.add(edges.map(function (pair, k) {
      var r = pair[0], from = r.out || r.rel === "CO_OCCURS" ? pair[1] : r.other, to = from === pair[1] ? r.other : pair[1];
      var stated = r.rel !== "CO_OCCURS";
      if (r.lateral) {  // between two neighbours: quieter, no label, curved away from the labels
        return { id: k, from: from, to: to, color: { color: RELS[r.rel].color, opacity: 0.7 }, width: 1.5, dashes: true,
                 smooth: { enabled: true, type: "curvedCW", roundness: 0.25 }, arrows: { to: { enabled: r.rel !== "RELATED_TO" } } };
      }
      return { id: k, from: from, to: to, color: { color: RELS[r.rel].color, opacity: stated ? 1 : 0.6 },
               width: stated ? 2.5 : Math.min(1 + Math.log2(r.weight), 4), label: stated ? RELS[r.rel].zh : undefined,
               arrows: { to: { enabled: r.rel !== "CO_OCCURS" && r.rel !== "RELATED_TO" } } };
    }));
    var shown1 = ones.length, all1 = Object.keys(total1).length;
    document.getElementById("kg-netinfo").textContent = "显示 " + order.length + " 个节点：一跳 " + shown1 + (all1 > shown1 ? " / " + all1 + "（按关系与句数排序）" : "") +
      (state.hops === 2 ? "，两跳 " + (order.length - 1 - shown1) : "");
    var hopsButton = document.getElementById("kg-hops");
    hopsButton.textContent = state.hops === 2 ? "只看一跳" : "展开两跳";
    hopsButton.setAttribute("aria-pressed", state.hops === 2 ? "true" : "false");
    fit();
    renderNetLegend(order, edges);
  }
  function fit() {
    if (!network) { return; }
    network.redraw();
    network.fit({ animation: false, maxZoomLevel: 1.1 });
    if (network.getScale() < 0.8) { network.moveTo({ scale: 0.8, position: { x: 0, y: 0 } }); }  // readable first; pan for the rest
  }
  function renderNetLegend(order, edges) {
    var box = document.getElementById("kg-netlegend"), seenT = {}, seenR = {};
    box.textContent = "";
    order.forEach(function (n) { seenT[ENTS[n].t] = 1; });
    edges.forEach(function (pair) { seenR[pair[0].rel] = 1; });
    Object.keys(seenT).forEach(function (t) { var s = el("span"), sw = el("span", "kg-swatch"); sw.style.border = "2px solid " + typeColour(t); add(box, add(s, sw, document.createTextNode(typeZh(t)))); });
    Object.keys(seenR).forEach(function (r) { var s = el("span"), sw = el("span", "kg-swatch"); sw.style.background = RELS[r].color; sw.style.height = "3px"; add(box, add(s, sw, document.createTextNode(RELS[r].zh))); });
  }
  document.getElementById("kg-hops").addEventListener("click", function () { update({ hops: state.hops === 2 ? 1 : 2 }, true); });
  document.getElementById("kg-fit").addEventListener("click", fit);

  // ------------------------------------------------------------------ tooltip (text only; hidden whenever anything else happens)
  var tooltip = document.getElementById("kg-tooltip");
  function showTooltip(params) {
    var node = netNodes.get(params.node); if (!node) { return; }
    var e = ENTS[byId[node.entity]];
    tooltip.textContent = "";
    add(tooltip, el("div", "kg-tip-name", e.n), el("div", "kg-source", typeZh(e.t) + " · 提及 " + mentionsIn(e) + " 次" + (e.a.length ? " · 别名 " + e.a.join("、") : "")));
    if (e.e.length) { tooltip.appendChild(el("div", null, clip(S[e.e[0][1]], 120))); }
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.min(box.left + params.pointer.DOM.x + 14, window.innerWidth - 370) + "px";
    tooltip.style.top = Math.min(box.top + params.pointer.DOM.y + 14, window.innerHeight - 120) + "px";
    tooltip.hidden = false;
  }
  function hideTooltip() { tooltip.hidden = true; }
  // Our own hover test (vis-network's hover state survives the pointer leaving the canvas).
  container.addEventListener("mousemove", function (event) {
    if (!network || event.buttons) { hideTooltip(); return; }
    var box = container.getBoundingClientRect(), point = { x: event.clientX - box.left, y: event.clientY - box.top };
    var node = network.getNodeAt(point);
    if (node === undefined) { hideTooltip(); } else { showTooltip({ node: node, pointer: { DOM: point } }); }
  });
  container.addEventListener("mouseleave", hideTooltip);
  document.addEventListener("keydown", hideTooltip, true);
  document.addEventListener("scroll", hideTooltip, true);
  window.addEventListener("blur", hideTooltip);

  // ------------------------------------------------------------------ render
  function markReady() { page.ready = true; document.body.setAttribute("data-ready", "true"); }
  function render() {
    allowed = allowedDocs();
    hideTooltip();
    showFilters();
    if (document.activeElement !== input) { input.value = state.q; }
    var i = byId[state.e], doc = state.e && docById[state.e] !== undefined && DOCS[docById[state.e]].id === state.e ? docById[state.e] : undefined;
    var overview = document.getElementById("kg-overview"), card = document.getElementById("kg-card"), pane = document.getElementById("kg-netpane");
    overview.hidden = i !== undefined || doc !== undefined || glossById[state.e] !== undefined;
    card.hidden = !overview.hidden;
    pane.hidden = i === undefined;
    card.classList.toggle("kg-wide", pane.hidden);
    if (i !== undefined) { renderEntity(i); drawNetwork(i); card.scrollTop = 0; }
    else if (doc !== undefined) { renderDoc(doc); card.scrollTop = 0; }
    else if (glossById[state.e] !== undefined) { renderGloss(glossById[state.e]); card.scrollTop = 0; }
    else {
      renderOverview(); document.title = D.title;
      if (state.e) {  // a link to something this graph does not hold
        overview.insertBefore(el("div", "kg-notice", "本图谱中没有“" + state.e + "”，显示总览。"), overview.firstChild);
      }
    }
    if (i === undefined) { markReady(); }
  }
  var entityCount = ENTS.length;
  document.getElementById("kg-stats").textContent = DOCS.filter(function (d) { return d.id; }).length + " 份报告 · " + entityCount + " 个实体 · " + EDGES.length + " 条关联";
  document.getElementById("kg-home").addEventListener("click", function (event) { event.preventDefault(); input.value = ""; update({ e: "", q: "" }, true); });
  buildFilters();
  render();
  if (!location.hash) { input.focus(); }
})();
