// The search page of a dossier: no framework, no service, works from disk.
//
// `index.js`, loaded before this script, sets window.DOSSIER_SEARCH: the articles
// ([href, title, summary, date, lang, only] and, for an abstract, its title's language; newest first), the folded words of their texts in
// JavaScript string order, and for each word the articles whose text holds it (differences in
// base 36). The texts themselves come in shards (`text-N.js`), loaded for the results shown, to
// cut a snippet around the words found. Folding (lower case, NFKD, no marks, œ æ ß spelled out,
// final ς as σ) and words (runs of letters and digits) are those of `src/search.rs`.
(function () {
  'use strict';

  var data = window.DOSSIER_SEARCH;
  var form = document.querySelector('.search-form');
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var all = document.getElementById('search-all');
  if (!data || !form || !input || !status || !list || !more || !all) {
    return;
  }

  var PAGE = 20;
  var SNIPPET = 220;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;

  function fold(text) {
    return text.toLowerCase().normalize('NFKD').replace(MARKS, '')
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  var docs = data.docs.map(function (d) {
    return {
      href: d[0], title: d[1], summary: d[2], date: d[3], lang: d[4], only: d[5],
      // The language of the title and summary, when not the page's (an abstract).
      shown: d[6] || d[4],
      titleWords: words(d[1]), summaryWords: words(d[2]),
    };
  });
  var texts = window.DOSSIER_SEARCH_TEXT = window.DOSSIER_SEARCH_TEXT || {};
  var loading = {};

  // The range of words starting with `prefix`, by binary search.
  function wordRange(prefix) {
    var w = data.words;
    var lo = 0, hi = w.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (w[mid] < prefix) { lo = mid + 1; } else { hi = mid; }
    }
    var start = lo;
    while (lo < w.length && w[lo].lastIndexOf(prefix, 0) === 0) { lo++; }
    return [start, lo];
  }

  var decoded = {};
  function postings(i) {
    if (!decoded[i]) {
      var doc = 0;
      decoded[i] = data.postings[i].split(' ').map(function (delta) {
        doc += parseInt(delta, 36);
        return doc;
      });
    }
    return decoded[i];
  }

  // How well a list of words matches a query word: 2 for the word itself, 1 for a longer word.
  function fieldScore(list, q) {
    var best = 0;
    for (var i = 0; i < list.length && best < 2; i++) {
      if (list[i] === q) { best = 2; } else if (list[i].lastIndexOf(q, 0) === 0) { best = 1; }
    }
    return best;
  }

  // Articles matching every word of the query, best first: a word in the title counts more
  // than in the summary, which counts more than in the text; ties keep the newest first.
  function search(query) {
    var qs = words(query);
    if (!qs.length) { return { words: qs, results: [] }; }
    var scores = new Float64Array(docs.length);
    var matched = new Uint16Array(docs.length);
    var inText = new Uint8Array(docs.length);
    qs.forEach(function (q, k) {
      var range = wordRange(q);
      var text = new Uint8Array(docs.length);
      for (var i = range[0]; i < range[1]; i++) {
        var exact = data.words[i] === q ? 2 : 1;
        postings(i).forEach(function (d) { if (text[d] < exact) { text[d] = exact; } });
      }
      for (var d = 0; d < docs.length; d++) {
        if (matched[d] !== k) { continue; }
        var t = fieldScore(docs[d].titleWords, q);
        var s = fieldScore(docs[d].summaryWords, q);
        if (t || s || text[d]) {
          matched[d] = k + 1;
          scores[d] += t * 50 + s * 8 + text[d];
          if (text[d]) { inText[d] = 1; }
        }
      }
    });
    var results = [];
    for (var d = 0; d < docs.length; d++) {
      if (matched[d] === qs.length) { results.push(d); }
    }
    results.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    return { words: qs, results: results, inText: inText };
  }

  // The ranges of `text` (in its own characters) that are words starting with a query word.
  function hits(text, qs) {
    var ranges = [];
    var re = new RegExp('[\\p{Alphabetic}\\p{N}\\p{M}]+', 'gu');
    var m;
    while ((m = re.exec(text)) !== null) {
      var w = fold(m[0]);
      for (var i = 0; i < qs.length; i++) {
        if (w.lastIndexOf(qs[i], 0) === 0) {
          ranges.push([m.index, m.index + m[0].length]);
          break;
        }
      }
    }
    return ranges;
  }

  // Fills `element` with `text`, the words found marked.
  function marked(element, text, qs) {
    var at = 0;
    hits(text, qs).forEach(function (r) {
      element.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      element.appendChild(mark);
      at = r[1];
    });
    element.appendChild(document.createTextNode(text.slice(at)));
  }

  // About SNIPPET characters of `text` around the first word found, cut at spaces.
  function snippet(text, qs) {
    var found = hits(text, qs);
    if (!found.length) { return null; }
    var start = Math.max(0, found[0][0] - Math.floor(SNIPPET / 3));
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < found[0][0] ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var before = text.lastIndexOf(' ', end);
      end = before > found[0][1] ? before : end;
    }
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  function textOf(d) {
    var shard = texts[Math.floor(d / data.shard)];
    return shard ? shard[d % data.shard] : null;
  }

  function loadShard(n) {
    if (texts[n] || loading[n]) { return; }
    loading[n] = true;
    var script = document.createElement('script');
    script.src = 'text-' + n + '.js';
    script.onload = function () { render(false); };
    document.head.appendChild(script);
  }

  var state = { query: null, found: null, shown: 0 };

  function say(count, query) {
    var template = count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.many;
    status.textContent = template.replace('{count}', String(count)).replace('{query}', query);
  }

  function item(d, qs, inText) {
    var doc = docs[d];
    var li = document.createElement('li');
    var link = document.createElement('a');
    link.href = doc.href;
    if (doc.only) {
      link.lang = doc.shown;
      link.hreflang = doc.lang;
    }
    marked(link, doc.title, qs);
    var heading = document.createElement('h2');
    heading.className = 'result-title';
    heading.appendChild(link);
    li.appendChild(heading);
    var p = document.createElement('p');
    p.className = 'snippet';
    var text = inText ? textOf(d) : null;
    var cut = text && snippet(text, qs);
    // A snippet is of the text, in the article's language; a summary may be an abstract's.
    if (doc.only) { p.lang = cut ? doc.lang : doc.shown; }
    marked(p, cut || doc.summary, qs);
    li.appendChild(p);
    var meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = [doc.date, doc.only].filter(Boolean).join(' · ');
    li.appendChild(meta);
    return li;
  }

  // Shows the results of the field's query; `fresh` when the query changed.
  function render(fresh) {
    var query = input.value.trim();
    if (fresh) {
      state.query = query;
      state.found = query ? search(query) : null;
      state.shown = PAGE;
    }
    var found = state.found;
    if (!found || !found.words.length) {
      status.textContent = '';
      list.hidden = true;
      list.textContent = '';
      more.parentNode.hidden = true;
      all.hidden = false;
      return;
    }
    all.hidden = true;
    var shown = found.results.slice(0, state.shown);
    shown.forEach(function (d) {
      if (found.inText[d]) { loadShard(Math.floor(d / data.shard)); }
    });
    var focused = list.contains(document.activeElement)
      ? Array.prototype.indexOf.call(list.querySelectorAll('a'), document.activeElement) : -1;
    list.textContent = '';
    shown.forEach(function (d) { list.appendChild(item(d, found.words, found.inText[d])); });
    list.hidden = shown.length === 0;
    more.parentNode.hidden = found.results.length <= state.shown;
    if (fresh) { say(found.results.length, query); }
    if (focused >= 0) {
      var links = list.querySelectorAll('a');
      if (links[focused]) { links[focused].focus(); }
    }
  }

  function remember(query) {
    try {
      var url = new URL(window.location.href);
      if (query) { url.searchParams.set('q', query); } else { url.searchParams.delete('q'); }
      window.history.replaceState(null, '', url.href);
    } catch (e) {
      // Some browsers refuse to change the address of a file opened from disk.
    }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      render(true);
      remember(input.value.trim());
    }, 60);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    render(true);
    remember(input.value.trim());
  });
  more.addEventListener('click', function () {
    var first = state.shown;
    state.shown += PAGE;
    render(false);
    var links = list.querySelectorAll('a');
    if (links[first]) { links[first].focus(); }
  });

  // The keyboard: down from the field to the first result, up and down between results, up
  // from the first back to the field, Escape back to the field from anywhere.
  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('a'));
  }
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      var first = links()[0];
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      input.value = '';
      render(true);
      remember('');
    }
  });
  list.addEventListener('keydown', function (event) {
    var items = links();
    var at = items.indexOf(document.activeElement);
    if (at < 0) { return; }
    if (event.key === 'ArrowDown' && at + 1 < items.length) {
      event.preventDefault();
      items[at + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at > 0 ? items[at - 1] : input).focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    render(true);
  }
})();
