/* Gongkai static search: no server, no framework, ES5 for browsers from 2017 on.
 *
 * The build exports its whoosh index as shards (plugins/gongkai/search/export.py):
 *   t/<shard>.txt  postings of the terms hashing to that shard, with BM25F weights
 *   d/<n>.json     the document table (title, url, org, type, date, text for the snippet)
 *   o/<org>.txt, k/<type>.txt   the documents of each org and type (the filters)
 * A query fetches only the shards of its own terms, then the documents it shows.
 * Terms are made exactly as plugins/gongkai/search/analysis.py makes them: Chinese
 * character bigrams and whole Latin/digit words.
 *
 * Results are built with text nodes and <mark> elements only: record text is never
 * parsed as HTML.
 */
(function () {
  'use strict';

  var PAGE = 20;
  var SNIPPET = 110;
  var TERMINAL = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var WEIGHTS = '123456789abcdef';
  var RUNS = /(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud884][\udc00-\udfff])+|[0-9A-Za-z\u00c0-\u024f]+/g;
  var CJK_START = /^(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud884][\udc00-\udfff])/;
  var CHARS = /[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g;

  var DIGIT = {};
  (function () {
    var i;
    for (i = 0; i < 32; i++) {
      DIGIT[TERMINAL.charAt(i)] = i;
      DIGIT[MORE.charAt(i)] = 32 + i;
    }
  }());

  /* ---- analysis (same rules as analysis.py) ---- */

  function runs(text) {
    var found = [], m;
    RUNS.lastIndex = 0;
    while ((m = RUNS.exec(text)) !== null) {
      found.push(m[0]);
    }
    return found;
  }

  function queryTerms(query) {
    var parts = runs(query), out = [], seen = {}, i, j, chars, term;
    function add(t) {
      if (!seen.hasOwnProperty(t)) {
        seen[t] = true;
        out.push(t);
      }
    }
    for (i = 0; i < parts.length; i++) {
      if (CJK_START.test(parts[i])) {
        chars = parts[i].match(CHARS);
        for (j = 0; j + 1 < chars.length; j++) {
          add(chars[j] + chars[j + 1]);
        }
      } else {
        add(parts[i].toLowerCase());
      }
    }
    return out;
  }

  /* The pieces of the query as typed: what snippets highlight. */
  function pieces(query) {
    var parts = runs(query), out = [], i, chars;
    for (i = 0; i < parts.length; i++) {
      chars = parts[i].match(CHARS);
      if (chars.length > 1 || !CJK_START.test(parts[i])) {
        out.push(parts[i].toLowerCase());
      }
    }
    return out;
  }

  /* 32-bit FNV-1a over UTF-16 code units, as export.fnv1a. */
  function fnv1a(text) {
    var h = 0x811c9dc5, i;
    for (i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = (h + ((h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24))) >>> 0;
    }
    return h >>> 0;
  }

  function decodeGaps(text) {
    var docs = [], value = 0, previous = -1, i, d;
    for (i = 0; i < text.length; i++) {
      d = DIGIT[text.charAt(i)];
      if (d >= 32) {
        value = value * 32 + (d - 32);
      } else {
        previous = previous + 1 + value * 32 + d;
        docs.push(previous);
        value = 0;
      }
    }
    return docs;
  }

  /* ---- fetching, each file once ---- */

  function Loader(base) {
    this.base = base;
    this.files = {};
    this.waiting = {};
  }

  Loader.prototype.get = function (path, done) {
    var self = this, xhr;
    if (this.files.hasOwnProperty(path)) {
      done(null, this.files[path]);
      return;
    }
    if (this.waiting.hasOwnProperty(path)) {
      this.waiting[path].push(done);
      return;
    }
    this.waiting[path] = [done];
    xhr = new XMLHttpRequest();
    xhr.open('GET', this.base + path, true);
    xhr.onreadystatechange = function () {
      var callbacks, error, i;
      if (xhr.readyState !== 4) {
        return;
      }
      callbacks = self.waiting[path];
      delete self.waiting[path];
      if (xhr.status === 200 || (xhr.status === 0 && xhr.responseText)) {
        self.files[path] = xhr.responseText;
        error = null;
      } else if (xhr.status === 404) {
        self.files[path] = '';  /* an org or type with no documents */
        error = null;
      } else {
        error = new Error('HTTP ' + xhr.status + ' ' + path);
      }
      for (i = 0; i < callbacks.length; i++) {
        callbacks[i](error, self.files[path]);
      }
    };
    xhr.send(null);
  };

  /* Call done(error, results) once every path is loaded. */
  function getAll(loader, paths, done) {
    var left = paths.length, results = [], failed = false, i;
    if (!left) {
      done(null, results);
      return;
    }
    function one(k) {
      loader.get(paths[k], function (error, text) {
        if (failed) {
          return;
        }
        if (error) {
          failed = true;
          done(error);
          return;
        }
        results[k] = text;
        left -= 1;
        if (!left) {
          done(null, results);
        }
      });
    }
    for (i = 0; i < paths.length; i++) {
      one(i);
    }
  }

  /* ---- the index ---- */

  function Index(form) {
    this.loader = new Loader(form.getAttribute('data-base'));
    this.shards = parseInt(form.getAttribute('data-shards'), 10);
    this.perFile = parseInt(form.getAttribute('data-per-file'), 10);
    this.years = {};
    var ranges = (form.getAttribute('data-years') || '').split(','), i, parts;
    for (i = 0; i < ranges.length; i++) {
      parts = ranges[i].split(':');
      if (parts.length === 3) {
        this.years[parts[0]] = [parseInt(parts[1], 10), parseInt(parts[2], 10)];
      }
    }
  }

  /* Postings of one term: {docs: [...], weights: [...]}, empty when the term is absent. */
  function postings(shardText, term) {
    var at = shardText.indexOf(term + '\t'), end, fields, docs, weights, top, i;
    while (at > 0 && shardText.charAt(at - 1) !== '\n') {
      at = shardText.indexOf(term + '\t', at + 1);
    }
    if (at < 0) {
      return {docs: [], weights: []};
    }
    end = shardText.indexOf('\n', at);
    fields = shardText.substring(at, end < 0 ? shardText.length : end).split('\t');
    top = parseFloat(fields[1]);
    docs = decodeGaps(fields[2]);
    weights = [];
    for (i = 0; i < docs.length; i++) {
      weights.push(top * (WEIGHTS.indexOf(fields[3].charAt(i)) + 1) / WEIGHTS.length);
    }
    return {docs: docs, weights: weights};
  }

  /* Documents in every list, with the sum of their weights. */
  function intersect(lists) {
    var docs, scores, i, k, a, b, other, nextDocs, nextScores;
    lists.sort(function (x, y) { return x.docs.length - y.docs.length; });
    docs = lists[0].docs.slice();
    scores = lists[0].weights.slice();
    for (k = 1; k < lists.length; k++) {
      other = lists[k];
      nextDocs = [];
      nextScores = [];
      a = 0;
      b = 0;
      while (a < docs.length && b < other.docs.length) {
        if (docs[a] === other.docs[b]) {
          nextDocs.push(docs[a]);
          nextScores.push(scores[a] + other.weights[b]);
          a++;
          b++;
        } else if (docs[a] < other.docs[b]) {
          a++;
        } else {
          b++;
        }
      }
      docs = nextDocs;
      scores = nextScores;
    }
    return {docs: docs, scores: scores};
  }

  function keepOnly(found, allowed) {
    var docs = [], scores = [], a = 0, b = 0;
    while (a < found.docs.length && b < allowed.length) {
      if (found.docs[a] === allowed[b]) {
        docs.push(found.docs[a]);
        scores.push(found.scores[a]);
        a++;
        b++;
      } else if (found.docs[a] < allowed[b]) {
        a++;
      } else {
        b++;
      }
    }
    return {docs: docs, scores: scores};
  }

  function keepRange(found, range) {
    var docs = [], scores = [], i;
    for (i = 0; i < found.docs.length; i++) {
      if (found.docs[i] >= range[0] && found.docs[i] < range[1]) {
        docs.push(found.docs[i]);
        scores.push(found.scores[i]);
      }
    }
    return {docs: docs, scores: scores};
  }

  /* done(error, docnums best first) for the query and filters {org, type, year}. */
  Index.prototype.search = function (query, filters, done) {
    var self = this, terms = queryTerms(query), paths = [], i;
    if (!terms.length) {
      done(null, []);
      return;
    }
    for (i = 0; i < terms.length; i++) {
      paths.push('t/' + (fnv1a(terms[i]) % this.shards) + '.txt');
    }
    if (filters.org) {
      paths.push('o/' + encodeURIComponent(filters.org) + '.txt');
    }
    if (filters.type) {
      paths.push('k/' + encodeURIComponent(filters.type) + '.txt');
    }
    getAll(this.loader, paths, function (error, texts) {
      var lists = [], found, order, k;
      if (error) {
        done(error);
        return;
      }
      for (k = 0; k < terms.length; k++) {
        lists.push(postings(texts[k], terms[k]));
      }
      found = intersect(lists);
      if (filters.org) {
        found = keepOnly(found, decodeGaps(texts[k++]));
      }
      if (filters.type) {
        found = keepOnly(found, decodeGaps(texts[k++]));
      }
      if (filters.year) {
        found = keepRange(found, self.years[filters.year] || [0, 0]);
      }
      order = [];
      for (k = 0; k < found.docs.length; k++) {
        order.push(k);
      }
      order.sort(function (x, y) {
        return (found.scores[y] - found.scores[x]) || (found.docs[x] - found.docs[y]);
      });
      done(null, order.map(function (k2) { return found.docs[k2]; }));
    });
  };

  /* done(error, rows) with [title, url, org, type, date, text] for each docnum. */
  Index.prototype.documents = function (docnums, done) {
    var self = this, paths = [], i;
    for (i = 0; i < docnums.length; i++) {
      paths.push('d/' + Math.floor(docnums[i] / this.perFile) + '.json');
    }
    getAll(this.loader, paths, function (error, texts) {
      var rows = [], k;
      if (error) {
        done(error);
        return;
      }
      for (k = 0; k < docnums.length; k++) {
        rows.push(JSON.parse(texts[k])[docnums[k] % self.perFile]);
      }
      done(null, rows);
    });
  };

  /* ---- rendering: text nodes and <mark>, never HTML ---- */

  function firstMatch(lower, needles) {
    var best = -1, i, at;
    for (i = 0; i < needles.length; i++) {
      at = lower.indexOf(needles[i]);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  /* Append ``text`` to ``parent`` with every needle wrapped in <mark>. */
  function appendMarked(parent, text, needles) {
    var lower = text.toLowerCase(), start = 0, i = 0, j, hit;
    while (i < text.length) {
      hit = 0;
      for (j = 0; j < needles.length; j++) {
        if (needles[j].length > hit && lower.substr(i, needles[j].length) === needles[j]) {
          hit = needles[j].length;
        }
      }
      if (hit) {
        if (i > start) {
          parent.appendChild(document.createTextNode(text.substring(start, i)));
        }
        parent.appendChild(document.createElement('mark')).appendChild(document.createTextNode(text.substr(i, hit)));
        i += hit;
        start = i;
      } else {
        i += 1;
      }
    }
    if (start < text.length) {
      parent.appendChild(document.createTextNode(text.substring(start)));
    }
  }

  function needlesFor(query, terms, text) {
    var whole = pieces(query), lower = text.toLowerCase(), i;
    for (i = 0; i < whole.length; i++) {
      if (lower.indexOf(whole[i]) >= 0) {
        return whole;
      }
    }
    return terms;  /* the query's pieces are apart in this text: mark its bigrams */
  }

  function snippet(text, needles) {
    var at = firstMatch(text.toLowerCase(), needles), start, piece;
    start = at < 0 ? 0 : Math.max(0, at - 30);
    piece = text.substr(start, SNIPPET);
    return (start > 0 ? '…' : '') + piece + (start + SNIPPET < text.length ? '…' : '');
  }

  function resultItem(row, query, terms) {
    var li = document.createElement('li'), link = document.createElement('a'), meta, text, needles;
    needles = needlesFor(query, terms, row[0] + ' ' + row[5]);
    link.setAttribute('href', row[1]);
    appendMarked(link, row[0], needles);
    li.appendChild(document.createElement('h2')).appendChild(link);
    meta = li.appendChild(document.createElement('p'));
    meta.className = 'meta';
    meta.appendChild(document.createTextNode([row[2], row[3], row[4]].filter(Boolean).join(' · ')));
    text = li.appendChild(document.createElement('p'));
    text.className = 'snippet';
    appendMarked(text, snippet(row[5], needles), needles);
    return li;
  }

  /* ---- the page ---- */

  function readParams(search) {
    var params = {}, parts = search.replace(/^\?/, '').split('&'), i, pair;
    for (i = 0; i < parts.length; i++) {
      if (!parts[i]) {
        continue;
      }
      pair = parts[i].split('=');
      try {
        params[decodeURIComponent(pair[0])] = decodeURIComponent((pair[1] || '').replace(/\+/g, ' '));
      } catch (e) {
        params[pair[0]] = '';
      }
    }
    return params;
  }

  function Page(form) {
    this.form = form;
    this.index = new Index(form);
    this.status = document.getElementById('search-status');
    this.list = document.getElementById('search-results');
    this.help = document.getElementById('search-help');
    this.more = document.getElementById('search-more');
    this.run = 0;
    this.found = [];
    this.shown = 0;
  }

  Page.prototype.fields = ['q', 'org', 'type', 'year'];

  Page.prototype.fill = function (params) {
    var i, name;
    for (i = 0; i < this.fields.length; i++) {
      name = this.fields[i];
      this.form.elements[name].value = params[name] || '';
      if (this.form.elements[name].value !== (params[name] || '')) {
        this.form.elements[name].value = '';  /* an org or year this build does not have */
      }
    }
  };

  Page.prototype.values = function () {
    var values = {}, i;
    for (i = 0; i < this.fields.length; i++) {
      values[this.fields[i]] = this.form.elements[this.fields[i]].value;
    }
    values.q = values.q.replace(/^\s+|\s+$/g, '');
    return values;
  };

  Page.prototype.queryString = function (values) {
    var parts = [], i;
    for (i = 0; i < this.fields.length; i++) {
      if (values[this.fields[i]]) {
        parts.push(this.fields[i] + '=' + encodeURIComponent(values[this.fields[i]]));
      }
    }
    return parts.length ? '?' + parts.join('&') : '';
  };

  Page.prototype.busy = function (busy) {
    this.list.setAttribute('aria-busy', busy ? 'true' : 'false');
  };

  Page.prototype.say = function (text) {
    while (this.status.firstChild) {
      this.status.removeChild(this.status.firstChild);
    }
    this.status.appendChild(document.createTextNode(text));
  };

  Page.prototype.clear = function () {
    while (this.list.firstChild) {
      this.list.removeChild(this.list.firstChild);
    }
    this.help.hidden = true;
    this.more.hidden = true;
  };

  Page.prototype.search = function () {
    var self = this, values = this.values(), run = ++this.run, terms = queryTerms(values.q);
    this.clear();
    this.found = [];
    this.shown = 0;
    this.values_ = values;
    this.terms = terms;
    if (!values.q) {
      this.say('请输入要找的字词，例如人名、村名、“低保”或文号。');
      return;
    }
    if (!terms.length) {
      this.say('请至少输入两个汉字（或一个完整的英文词、数字）再搜索。');
      this.help.hidden = false;
      return;
    }
    this.say('正在搜索…');
    this.busy(true);
    this.index.search(values.q, values, function (error, docnums) {
      if (run !== self.run) {
        return;
      }
      if (error) {
        self.say('搜索索引加载失败，请检查网络后重试。');
        self.busy(false);
        return;
      }
      self.found = docnums;
      if (!docnums.length) {
        self.say('没有找到包含“' + values.q + '”的公开信息。');
        self.help.hidden = false;
        self.busy(false);
        return;
      }
      self.say('找到 ' + docnums.length + ' 条包含“' + values.q + '”的公开信息。');
      self.showMore(run);
    });
  };

  Page.prototype.showMore = function (run) {
    var self = this, next = this.found.slice(this.shown, this.shown + PAGE);
    this.more.hidden = true;
    this.busy(true);
    this.index.documents(next, function (error, rows) {
      var i;
      if (run !== self.run) {
        return;
      }
      self.busy(false);
      if (error) {
        self.say('搜索结果加载失败，请检查网络后重试。');
        return;
      }
      for (i = 0; i < rows.length; i++) {
        self.list.appendChild(resultItem(rows[i], self.values_.q, self.terms));
      }
      self.shown += rows.length;
      self.more.hidden = self.shown >= self.found.length;
    });
  };

  Page.prototype.start = function () {
    var self = this, canPush = !!(window.history && window.history.pushState);
    function submit(event) {
      var query = self.queryString(self.values());
      if (!canPush) {
        return;  /* the form's own GET puts the query in the URL */
      }
      if (event) {
        event.preventDefault();
      }
      if (query !== window.location.search) {
        window.history.pushState(null, '', 'search.html' + query);
      }
      self.search();
    }
    this.form.addEventListener('submit', submit);
    this.form.addEventListener('change', function (event) {
      if (event.target.tagName === 'SELECT') {
        if (canPush) {
          submit(null);
        } else {
          self.form.submit();
        }
      }
    });
    this.more.addEventListener('click', function () {
      self.showMore(self.run);
    });
    window.addEventListener('popstate', function () {
      self.fill(readParams(window.location.search));
      self.search();
    });
    this.fill(readParams(window.location.search));
    this.search();
  };

  var form = document.getElementById('search-form');
  if (form && window.XMLHttpRequest && document.createTextNode) {
    var page = new Page(form);
    window.gongkaiSearch = {terms: queryTerms, fnv1a: fnv1a, index: page.index};
    page.start();
  }
}());
