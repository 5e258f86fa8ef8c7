// dyadwatch dashboard: draws the figures embedded in the page, opens events in the side
// panel, and codes pasted articles on the extract page.  Talks only to this server.
(function () {
  'use strict';
  var CONFIG = {displaylogo: false, responsive: true, showLink: false,
                modeBarButtonsToRemove: ['select2d', 'lasso2d']};

  function esc(s) {
    return String(s === null || s === undefined ? '' : s)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  }

  // -- the event side panel ------------------------------------------------------------
  var panel = document.getElementById('detail');
  function openEvent(id) {
    if (!panel) { location.href = '/events/' + encodeURIComponent(id); return; }
    var body = document.getElementById('detail-body');
    body.textContent = 'loading…';
    panel.hidden = false;
    fetch('/events/' + encodeURIComponent(id) + '?partial=1')
      .then(function (r) { return r.text(); })
      .then(function (html) {
        body.innerHTML = html;
        var mark = body.querySelector('#hl');
        if (mark) { mark.scrollIntoView({block: 'center'}); }
        panel.setAttribute('data-open', id);
      })
      .catch(function (e) { body.textContent = 'could not load the event: ' + e; });
  }
  if (panel) {
    document.getElementById('detail-close').addEventListener('click', function () {
      panel.hidden = true; panel.removeAttribute('data-open');
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { panel.hidden = true; panel.removeAttribute('data-open'); }
    });
  }
  var rows = document.querySelectorAll('table.events tr[data-event]');
  for (var i = 0; i < rows.length; i++) {
    rows[i].addEventListener('click', function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey) { return; }  // open in a new tab as usual
      e.preventDefault();
      var cur = document.querySelector('tr.on');
      if (cur) { cur.classList.remove('on'); }
      this.classList.add('on');
      openEvent(this.getAttribute('data-event'));
    });
  }

  // -- figures -------------------------------------------------------------------------
  function draw(name) {
    var el = document.getElementById(name);
    var holder = document.getElementById(name + '-data');
    if (!el || !holder) { return; }
    if (typeof Plotly === 'undefined') {
      el.textContent = 'plotly.js did not load; the table holds the same numbers.';
      return;
    }
    var spec = JSON.parse(holder.textContent);
    Plotly.newPlot(el, spec.data, spec.layout, CONFIG).then(function () {
      el.setAttribute('data-drawn', String(spec.data.length));
      el.on('plotly_click', function (ev) {
        var p = ev.points && ev.points[0];
        var c = p && p.customdata;
        if (Array.isArray(c)) { c = c[c.length - 1]; }
        if (c && name !== 'chart') { openEvent(c); }
      });
    });
  }
  draw('chart'); draw('timeline'); draw('map');

  // -- the extract page ----------------------------------------------------------------
  var form = document.getElementById('extract-form');
  if (!form) { return; }
  var problem = document.getElementById('problem');
  function show(msg) { problem.textContent = msg; problem.hidden = false; }

  function when(ev) {
    if (!ev.date) { return 'undated'; }
    return ev.date_end && ev.date_end !== ev.date ? ev.date + ' – ' + ev.date_end : ev.date;
  }
  function render(data) {
    var evs = data.events || [];
    var factual = evs.filter(function (e) { return e.factual; }).length;
    document.getElementById('n-found').textContent =
      evs.length + ' event' + (evs.length === 1 ? '' : 's') + ' (' + factual + ' factual)';
    var tbody = document.querySelector('#found tbody');
    tbody.innerHTML = '';
    evs.forEach(function (ev) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-sentence', ev.sentence_index);
      tr.className = ev.factual ? '' : 'nonfactual';
      var why = (ev.evidence && ev.evidence.why) || '';
      tr.innerHTML = '<td class="nowrap">' + esc(when(ev)) + '</td><td class="nowrap"><b>' +
        esc(ev.source.code) + '</b> → <b>' + esc(ev.target ? ev.target.code : '–') +
        '</b></td><td><span class="q q' + (ev.quad_class || 0) + '">' + esc(ev.cameo) +
        '</span></td><td class="num">' + esc(ev.goldstein) + '</td><td>' +
        esc(ev.location ? ev.location.name : '') + '</td><td>' + esc(ev.modality) +
        '</td><td class="why">' + esc(why) + '</td>';
      tr.addEventListener('click', function () {
        var m = document.getElementById('s-' + ev.sentence_index);
        if (m) { m.scrollIntoView({block: 'center'}); m.classList.add('flash'); }
      });
      tbody.appendChild(tr);
    });
    // the article with each sentence that holds an event highlighted
    var body = data.document.body || '';
    var marked = {};
    evs.forEach(function (e) { marked[e.sentence_index] = true; });
    var html = '', at = 0;
    (data.sentences || []).forEach(function (s) {
      if (!marked[s.index] || s.start < at) { return; }
      html += esc(body.slice(at, s.start)) + '<mark id="s-' + s.index + '">' +
        esc(body.slice(s.start, s.end)) + '</mark>';
      at = s.end;
    });
    html += esc(body.slice(at));
    document.getElementById('coded-article').innerHTML = html;
    document.getElementById('results').hidden = false;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    problem.hidden = true;
    var text = document.getElementById('article-text').value;
    if (!text.trim()) { show('The article is empty: paste its text or HTML first.'); return; }
    var payload = {};
    payload[/^\s*</.test(text) ? 'html' : 'text'] = text;
    var pub = document.getElementById('published').value;
    if (pub) { payload.published = pub; }
    var all = document.getElementById('all').checked;
    var busy = document.getElementById('busy');
    busy.hidden = false;
    fetch('/api/v1/extract?explain=true&all=' + all, {
      method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(payload)
    }).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (res) {
      busy.hidden = true;
      if (!res.ok) { show(res.data.error || 'the server refused the article'); return; }
      render(res.data);
    }).catch(function (err) { busy.hidden = true; show('could not reach the server: ' + err); });
  });
})();
