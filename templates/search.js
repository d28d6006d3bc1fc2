// The search page of a dossier: no framework, no service, works from disk.
//
// `index.js`, loaded before this script, sets window.DOSSIER_SEARCH: how many articles
// (newest first) the search holds, how many a shard of articles holds, the first word of
// each chunk of words and their ids (eight characters each, in one string). The chunks
// (`words-<id>.js`, named by their first word so that an edit renames none) hold the folded words of the articles' texts,
// titles and summaries in JavaScript string order, each with the articles whose text holds it
// (differences in base 36) and those whose title or summary does (differences times 4, plus 2
// for the title and 1 for the summary). The page loads the chunks that hold the words starting
// with those typed, ranks the articles, then loads the shards (`docs-N.js`) of the results it
// shows: their link, title, summary, date and language, and their text, to cut a snippet
// around the words found. Folding (lower case, NFKD, no marks, œ æ ß spelled out, final ς as
// σ) and words (runs of letters and digits) are those of `src/render/search/words.rs`.
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

  var PAGE = 10;
  var SNIPPET = 220;
  // A word typed whose prefix spans more chunks than this is matched whole (one or two
  // letters typed would load a large part of the index).
  var MAX_CHUNKS = 12;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;

  function fold(text) {
    return text.toLowerCase().normalize('NFKD').replace(MARKS, '')
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  var chunks = window.DOSSIER_SEARCH_WORDS = window.DOSSIER_SEARCH_WORDS || {};
  var shards = window.DOSSIER_SEARCH_DOCS = window.DOSSIER_SEARCH_DOCS || {};

  // Scripts beside the page, each loaded once; `then` runs when all of `files` are in (a file
  // that fails to load counts as in, empty).
  var loaded = {};
  var waiting = {};
  function load(files, then) {
    var left = files.filter(function (file) { return !loaded[file]; });
    var count = left.length;
    if (!count) { then(); return; }
    left.forEach(function (file) {
      var done = function () {
        count -= 1;
        if (count === 0) { then(); }
      };
      if (waiting[file]) { waiting[file].push(done); return; }
      waiting[file] = [done];
      var script = document.createElement('script');
      script.src = file;
      script.onload = script.onerror = function () {
        loaded[file] = true;
        var callbacks = waiting[file];
        delete waiting[file];
        callbacks.forEach(function (callback) { callback(); });
      };
      document.head.appendChild(script);
    });
  }

  // The first index in `sorted` not before `word`.
  function lowerBound(sorted, word) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < word) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  function startsWith(word, prefix) {
    return word.lastIndexOf(prefix, 0) === 0;
  }

  // The id of chunk `c`, as its file and its script name it.
  function idOf(c) {
    return data.ids.slice(c * 8, c * 8 + 8);
  }

  // The chunks that hold the words starting with `q`, and whether only `q` itself is matched.
  function chunksFor(q) {
    // The last chunk whose first word is not after `q`: it holds `q`'s place.
    var at = lowerBound(data.chunks, q);
    var first = data.chunks[at] === q ? at : Math.max(0, at - 1);
    var found = [first];
    for (var i = first + 1; i < data.chunks.length && startsWith(data.chunks[i], q); i++) {
      found.push(i);
    }
    return found.length > MAX_CHUNKS ? { chunks: [first], whole: true } : { chunks: found, whole: false };
  }

  function decode(text, step) {
    var at = 0;
    var out = [];
    if (!text) { return out; }
    text.split(' ').forEach(function (code) {
      var n = parseInt(code, 36);
      at += step === 4 ? n >> 2 : n;
      out.push(step === 4 ? [at, n & 3] : at);
    });
    return out;
  }

  // Articles matching every word of the query, best first: a word in the title counts more
  // than in the summary, which counts more than in the text; a word itself more than a longer
  // word it starts; ties keep the newest first.
  function search(qs, plans) {
    var n = data.docs;
    var scores = new Float64Array(n);
    var matched = new Uint16Array(n);
    var inText = new Uint8Array(n);
    qs.forEach(function (q, k) {
      var text = new Uint8Array(n);
      var title = new Uint8Array(n);
      var summary = new Uint8Array(n);
      plans[k].chunks.forEach(function (c) {
        var chunk = chunks[idOf(c)];
        if (!chunk) { return; }
        for (var i = lowerBound(chunk.words, q); i < chunk.words.length && startsWith(chunk.words[i], q); i++) {
          var exact = chunk.words[i] === q ? 2 : 1;
          if (exact === 1 && plans[k].whole) { continue; }
          decode(chunk.postings[i], 1).forEach(function (d) { if (text[d] < exact) { text[d] = exact; } });
          decode(chunk.fields[i], 4).forEach(function (p) {
            if (p[1] & 2 && title[p[0]] < exact) { title[p[0]] = exact; }
            if (p[1] & 1 && summary[p[0]] < exact) { summary[p[0]] = exact; }
          });
        }
      });
      for (var d = 0; d < n; d++) {
        if (matched[d] !== k) { continue; }
        if (title[d] || summary[d] || text[d]) {
          matched[d] = k + 1;
          scores[d] += title[d] * 50 + summary[d] * 8 + text[d];
          if (text[d]) { inText[d] = 1; }
        }
      }
    });
    var results = [];
    for (var d = 0; d < n; d++) {
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

  // Article `d` as its shard gives it: [href, title, summary, date, lang, only, shown, text].
  function docOf(d) {
    var shard = shards[Math.floor(d / data.shard)];
    var doc = shard && shard[d % data.shard];
    if (!doc) { return null; }
    return {
      href: doc[0], title: doc[1], summary: doc[2], date: doc[3], lang: doc[4], only: doc[5],
      // The language of the title and summary, when not the article's (an abstract).
      shown: doc[6] || doc[4], text: doc[7],
    };
  }

  var state = { query: null, found: null, shown: 0, generation: 0 };

  function say(count, query) {
    var template = count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.many;
    status.textContent = template.replace('{count}', String(count)).replace('{query}', query);
  }

  function item(d, qs, inText) {
    var doc = docOf(d);
    var li = document.createElement('li');
    if (!doc) { return li; }
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
    var cut = inText && doc.text ? snippet(doc.text, qs) : null;
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

  function hide() {
    status.textContent = '';
    list.hidden = true;
    list.textContent = '';
    more.parentNode.hidden = true;
    all.hidden = false;
  }

  // Shows the results of the field's query once what they need is loaded; `fresh` when the
  // query changed. A newer query makes an older one's loads show nothing.
  function render(fresh) {
    var generation = ++state.generation;
    var query = input.value.trim();
    if (fresh) {
      state.query = query;
      state.found = null;
      state.shown = PAGE;
      var qs = words(query);
      if (!qs.length) { hide(); return; }
      var plans = qs.map(chunksFor);
      var files = [];
      plans.forEach(function (plan) {
        plan.chunks.forEach(function (c) { files.push('words-' + idOf(c) + '.js'); });
      });
      load(files, function () {
        if (generation !== state.generation) { return; }
        state.found = search(qs, plans);
        show(generation, true);
      });
      return;
    }
    if (state.found) { show(generation, false); }
  }

  // The results up to `state.shown`, once their shards are in; then `after`.
  function show(generation, fresh, after) {
    var found = state.found;
    var shown = found.results.slice(0, state.shown);
    var files = [];
    shown.forEach(function (d) {
      var file = 'docs-' + Math.floor(d / data.shard) + '.js';
      if (files.indexOf(file) < 0) { files.push(file); }
    });
    load(files, function () {
      if (generation !== state.generation) { return; }
      all.hidden = true;
      var focused = list.contains(document.activeElement)
        ? Array.prototype.indexOf.call(list.querySelectorAll('a'), document.activeElement) : -1;
      list.textContent = '';
      shown.forEach(function (d) { list.appendChild(item(d, found.words, found.inText[d])); });
      list.hidden = shown.length === 0;
      more.parentNode.hidden = found.results.length <= state.shown;
      if (fresh) { say(found.results.length, state.query); }
      if (focused >= 0) {
        var links = list.querySelectorAll('a');
        if (links[focused]) { links[focused].focus(); }
      }
      if (after) { after(); }
    });
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
    // Once the next results are in, the first of them takes the focus.
    show(++state.generation, false, function () {
      var links = list.querySelectorAll('a');
      if (links[first]) { links[first].focus(); }
    });
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
