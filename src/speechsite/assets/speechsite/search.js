/* Exact-substring search in the header search box.
 *
 * The index format and the query semantics are documented in src/speechsite/search/
 * (__init__.py, index.py, files.py); search/query.py is the Python twin of the engine below.
 * Index files are scripts that call window.__speechsiteSearch(kind, number, payload), loaded
 * by <script> injection on demand, so the same code works served and from file://.
 * Everything shown is built with text nodes: source text and queries are never HTML.
 */
(function () {
  "use strict";
  var BASE = new URL("../../", document.currentScript.src).href;
  var WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;
  var SPACES = new Set(Array.from("\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff", function (ch) { return ch.codePointAt(0); }));
  var BIGRAM = 0x110000;
  var EXTRA_BASE = 0x12100000000, SPAN = 0x220001; // BIGRAM², 2 BIGRAM + 1: keys of the frequent bigrams (search/frequent.py)
  var MAX_SHARDS = 6; // a longer query fetches these many shards and verifies candidates on text
  var FORMAT = 6; // the index format this engine reads (search/files.py FORMAT)
  var pending = {};
  var loads = {};

  window.__speechsiteSearch = function (kind, number, payload) {
    var waiting = pending[kind + ":" + number];
    if (waiting) waiting(payload);
  };

  function load(kind, number, path) {
    var key = kind + ":" + number;
    if (!loads[key]) {
      loads[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        pending[key] = function (payload) { delete pending[key]; resolve(payload); };
        script.charset = "utf-8";
        script.src = BASE + path;
        script.onload = script.onerror = function () {
          script.remove();
          if (pending[key]) { delete pending[key]; delete loads[key]; reject(new Error(path)); }
        };
        document.head.appendChild(script);
      });
    }
    return loads[key];
  }

  function sums(deltas) {
    var out = [], total = 0;
    for (var i = 0; i < deltas.length; i++) out.push(total += deltas[i]);
    return out;
  }

  function lastAtMost(sorted, value) { // index of the last element <= value, or -1
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] <= value) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }

  // Slot counts (index.py) as varint(count - 1) → first slot of each unit, then the end.
  function firstSlots(bytes, units) {
    var out = new Float64Array(units + 1), at = 0;
    for (var u = 0; u < units; u++) { var r = varint(bytes, at); out[u + 1] = out[u] + r[0] + 1; at = r[1]; }
    return out;
  }

  function Engine(manifest, slots) {
    var m = manifest, sources = Array.from(m.map[0]), targets = Array.from(m.map[1]);
    this.m = m;
    this.map = new Map();
    for (var i = 0; i < sources.length; i++) this.map.set(sources[i].codePointAt(0), targets[i].codePointAt(0));
    this.firstKeys = sums(m.shardKeys);
    this.frequent = new Map(sums(m.frequent).map(function (key, rank) { return [key, rank]; }));
    this.speechStarts = sums(m.speechStarts);
    this.speechYears = m.speechYears; // per speech of speechStarts: year, 0 when undated
    this.speechLevels = m.speechLevels; // per speech: index in m.levels + 1, 0 when not given
    this.slotSize = Math.pow(2, m.shift);
    this.firstSlots = firstSlots(slots, m.units);
    this.shards = {};
    this.ranks = Array.from(m.ranks || "", function (ch) { return codeUnits(ch.codePointAt(0)); });
  }

  Engine.prototype.normalise = function (text) {
    var map = this.map;
    return Array.from(text, function (ch) { var c = ch.codePointAt(0), t = map.get(c); return t === undefined ? c : t; });
  };

  // Normalised terms, unique, in order; whitespace (also after normalising) separates them.
  Engine.prototype.terms = function (query) {
    var seen = new Set(), terms = [], term = [];
    this.normalise(query).concat([32]).forEach(function (c) {
      if (!SPACES.has(c)) { term.push(c); return; }
      var key = term.join(",");
      if (term.length && !seen.has(key)) { seen.add(key); terms.push(term); }
      term = [];
    });
    return terms;
  };

  Engine.prototype.shardOf = function (key) { return Math.max(lastAtMost(this.firstKeys, key), 0); };

  Engine.prototype.shard = function (number) {
    var self = this;
    return load("shard", number, "search/s/" + number + ".js").then(inflate).then(function (bytes) {
      if (!self.shards[number]) self.shards[number] = decodeShard(bytes, self.firstKeys[number]);
      return self.shards[number];
    });
  };

  Engine.prototype.postings = function (key) {
    if (!this.firstKeys.length) return Promise.resolve([]);
    return this.shard(this.shardOf(key)).then(function (entries) { return entries.list(key); });
  };

  function varint(bytes, at) { // [value, next offset]; numbers stay exact up to 2^53
    var value = 0, scale = 1, b;
    do { b = bytes[at++]; value += (b & 127) * scale; scale *= 128; } while (b >= 128);
    return [value, at];
  }

  // Payload → bytes (search/codec.py): a parity flag, then a big-endian word per code unit;
  // "!" (0x21) marks a word that was XORed with 0x8000.
  function bytesOf(text) {
    var bytes = new Uint8Array(2 * text.length), n = 0;
    for (var i = 1; i < text.length; i++) {
      var w = text.charCodeAt(i);
      if (w === 0x21) w = text.charCodeAt(++i) ^ 0x8000;
      bytes[n++] = w >> 8; bytes[n++] = w & 255;
    }
    return bytes.subarray(0, n - (text.charAt(0) === "1" ? 1 : 0));
  }

  function inflated(packed) { // raw deflate (files.py `_deflated`) → Response
    return new Response(new Blob([bytesOf(packed)]).stream().pipeThrough(new DecompressionStream("deflate-raw")));
  }

  // A shard: deflated binary (index.py); the manifest: deflated JSON; a display block: deflated
  // JSON coded by character rank (codec.py).
  function inflate(packed) { return inflated(packed).arrayBuffer().then(function (b) { return new Uint8Array(b); }); }
  function unpack(packed) { return inflated(packed).text().then(JSON.parse); }

  var ONE_BYTE = 0xE0, ESCAPE = 0xFF;

  function ranked(bytes, table) { // table: UTF-16 code units of each rank (one or two)
    var out = new Uint16Array(2 * bytes.length), n = 0, at = 0;
    while (at < bytes.length) {
      var lead = bytes[at], units;
      if (lead < ONE_BYTE) { units = table[lead]; at += 1; }
      else if (lead < ESCAPE) { units = table[ONE_BYTE + ((lead - ONE_BYTE) << 8 | bytes[at + 1])]; at += 2; }
      else { units = codeUnits(bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]); at += 4; }
      out[n++] = units[0];
      if (units.length > 1) out[n++] = units[1];
    }
    var text = "";
    for (var i = 0; i < n; i += 8192) text += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)));
    return text;
  }

  function codeUnits(code) {
    var ch = String.fromCodePoint(code);
    return ch.length > 1 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [ch.charCodeAt(0)];
  }

  function decodeShard(bytes, firstKey) {
    var r = varint(bytes, 0), count = r[0], at = r[1], key = firstKey, header = [];
    for (var n = 0; n < count; n++) {
      r = varint(bytes, at); key += r[0]; r = varint(bytes, r[1]); at = r[1];
      header.push([key, r[0]]);
    }
    var ranges = new Map(), cache = new Map();
    header.forEach(function (h) { ranges.set(h[0], [at, at + h[1]]); at += h[1]; });
    return {
      list: function (k) {
        if (cache.has(k)) return cache.get(k);
        var range = ranges.get(k), out = [], total = 0, p = range ? range[0] : 0, end = range ? range[1] : 0;
        while (p < end) { var v = varint(bytes, p); total += v[0]; p = v[1]; out.push(total); }
        cache.set(k, out);
        return out;
      }
    };
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  function shifted(list, offset) { return offset ? list.map(function (p) { return p - offset; }) : list; }

  // What may cover a term (query.py `items`): the bigram at each offset i and, for a frequent
  // bigram, the trigrams with the character before (at i - 1) and after (at i); by last character.
  Engine.prototype.items = function (codes) {
    var found = [], frequent = this.frequent;
    for (var last = 1; last < codes.length; last++) {
      var i = last - 1, key = codes[i] * BIGRAM + codes[last];
      found.push({ key: key, first: i, last: last });
      if (i < 1) continue;
      var rank = frequent.get(key); // this bigram frequent: the trigram with the character before
      if (rank !== undefined) found.push({ key: EXTRA_BASE + rank * SPAN + 1 + codes[i - 1], first: i - 1, last: last });
      rank = frequent.get(codes[i - 1] * BIGRAM + codes[i]); // the one before: with this character after
      if (rank !== undefined) found.push({ key: EXTRA_BASE + rank * SPAN + 1 + BIGRAM + codes[last], first: i - 1, last: last });
    }
    return found;
  };

  // The cheapest items covering every character by shard cost, in order (query.py `cover`).
  Engine.prototype.cover = function (items) {
    var length = items[items.length - 1].last + 1, best = [], back = [], costs = this.m.shardCosts, self = this;
    items.forEach(function (item, n) {
      var before = -1;
      for (var e = item.first - 1; e >= 0 && e < item.last; e++) {
        if (best[e] !== undefined && (before < 0 || best[e] < best[before])) before = e;
      }
      var total = (before >= 0 ? best[before] : 0) + shardBytes(costs[self.shardOf(item.key)]);
      if (best[item.last] === undefined || total < best[item.last]) { best[item.last] = total; back[item.last] = [n, before]; }
    });
    var chosen = [], end = length - 1;
    while (end >= 0) { chosen.push(items[back[end][0]]); end = back[end][1]; }
    return chosen.reverse();
  };

  Engine.prototype.unitOf = function (position) { // -1 before the first unit, units after the last
    return lastAtMost(this.firstSlots, Math.floor(position / this.slotSize));
  };

  Engine.prototype.firstSlot = function (unit) { return this.firstSlots[unit]; };

  Engine.prototype.termUnits = function (codes) {
    var self = this;
    if (!this.firstKeys.length) return Promise.resolve([]);
    if (codes.length === 1) return this.postings(codes[0]);
    var rank = this.frequent.get(codes[0] * BIGRAM + codes[1]);
    if (codes.length === 2 && rank !== undefined) return this.postings(EXTRA_BASE + rank * SPAN); // its units
    var chosen = this.cover(this.items(codes)), verify = false;
    if (new Set(chosen.map(function (item) { return self.shardOf(item.key); })).size > MAX_SHARDS) {
      chosen = cheapest(chosen, this);
      verify = true;
    }
    return Promise.all(chosen.map(function (item) { return self.postings(item.key); })).then(function (lists) {
      var order = lists.map(function (_, n) { return n; }).sort(function (a, b) { return lists[a].length - lists[b].length; });
      var starts = shifted(lists[order[0]], chosen[order[0]].first);
      for (var n = 1; n < order.length && starts.length; n++) starts = intersect(starts, shifted(lists[order[n]], chosen[order[n]].first));
      return verify ? self.verified(starts, codes) : self.units(starts);
    });
  };

  // About the bytes of a shard from its cost (files.py `shard_bytes`): exact in floating point.
  function shardBytes(cost) { return (4 + (cost & 3)) * Math.pow(2, cost >> 2) / 4; }

  function cheapest(chosen, engine) { // the items in the MAX_SHARDS cheapest shards, in order
    var seen = new Set(), kept = new Set(), costs = engine.m.shardCosts;
    var cost = function (n) { return costs[engine.shardOf(chosen[n].key)]; };
    chosen.map(function (_, n) { return n; }).sort(function (a, b) { return cost(a) - cost(b) || a - b; }).forEach(function (n) {
      var s = engine.shardOf(chosen[n].key);
      if (seen.has(s) || seen.size < MAX_SHARDS) { seen.add(s); kept.add(n); }
    });
    return chosen.filter(function (_, n) { return kept.has(n); });
  }

  Engine.prototype.units = function (starts) {
    var units = [];
    for (var i = 0; i < starts.length; i++) {
      var u = this.unitOf(starts[i]);
      if (units[units.length - 1] !== u) units.push(u);
    }
    return units;
  };

  Engine.prototype.verified = function (starts, codes) {
    var self = this, candidates = this.units(starts);
    return this.blocksOf(candidates).then(function () {
      var units = [];
      starts.forEach(function (p) {
        var u = self.unitOf(p), offset = p - self.firstSlot(u) * self.slotSize;
        if (p < 0 || u >= self.m.units) return;
        var text = self.normalise(self.unit(u).text).slice(offset, offset + codes.length);
        if (units[units.length - 1] !== u && text.join(",") === codes.join(",")) units.push(u);
      });
      return units;
    });
  };

  Engine.prototype.search = function (query) {
    var self = this, terms = this.terms(query);
    if (!terms.length) return Promise.resolve({ terms: terms, units: [] });
    return Promise.all(terms.map(function (t) { return self.termUnits(t); })).then(function (lists) {
      var units = lists.reduce(function (a, b) { return intersect(a, b); });
      return { terms: terms, units: units };
    });
  };

  Engine.prototype.blocksOf = function (units) {
    var self = this, size = this.m.block, numbers = new Set(units.map(function (u) { return Math.floor(u / size); }));
    this.blocks = this.blocks || {};
    return Promise.all(Array.from(numbers).map(function (n) {
      if (self.blocks[n]) return null;
      return load("units", n, "search/u/" + n + ".js").then(inflate).then(function (bytes) {
        self.blocks[n] = JSON.parse(ranked(bytes, self.ranks));
      });
    }));
  };

  Engine.prototype.unit = function (u) {
    var block = this.blocks[Math.floor(u / this.m.block)], row = block.units[u % this.m.block];
    var speech = block.speeches[row[0]];
    return { speech: row[0], url: speech[0], title: speech[1], anchor: row[1], kind: row[2], heading: row[3], citation: row[4], text: row[5] };
  };

  Engine.prototype.speechCount = function (units) {
    var count = 0, last = -1;
    for (var i = 0; i < units.length; i++) {
      var s = lastAtMost(this.speechStarts, units[i]);
      if (s !== last) { count++; last = s; }
    }
    return count;
  };

  // How hits spread over years and levels, from the manifest alone (query.py `spread`):
  // per year of the corpus (undated last) and per level (not given last), the hit units,
  // the speeches with hits and the speeches there in the whole corpus (n).
  Engine.prototype.spread = function (units) {
    var hits = new Map(), years = this.speechYears, levels = this.speechLevels, names = [""].concat(this.m.levels);
    for (var i = 0; i < units.length; i++) {
      var s = lastAtMost(this.speechStarts, units[i]);
      hits.set(s, (hits.get(s) || 0) + 1);
    }
    function tally(key, values, value) {
      var row = { key: key, units: 0, speeches: 0, total: 0 };
      values.forEach(function (v, speech) {
        if (v !== value) return;
        row.total++;
        if (hits.has(speech)) { row.speeches++; row.units += hits.get(speech); }
      });
      return row;
    }
    var dated = Array.from(new Set(years.filter(function (y) { return y; }))).sort(function (a, b) { return a - b; });
    if (years.indexOf(0) >= 0) dated.push(0);
    var levelKeys = names.slice(1).map(function (_, n) { return n + 1; });
    if (levels.indexOf(0) >= 0) levelKeys.push(0);
    return {
      years: dated.map(function (y) { return tally(y ? String(y) : "undated", years, y); }),
      levels: levelKeys.map(function (n) { return tally(names[n], levels, n); })
    };
  };

  Engine.prototype.pages = function (terms) { // glossary and topic pages named by the query
    var self = this, found = [];
    this.m.pages.forEach(function (page) {
      var names = [page[2]].concat(page[3]).map(function (n) { return self.normalise(n).join(","); });
      var one = terms.length === 1 ? terms[0].join(",") : null;
      var exact = one !== null && names.indexOf(one) >= 0;
      var prefix = one !== null && names.some(function (n) { return (n + ",").indexOf(one + ",") === 0; });
      var all = terms.every(function (t) { var k = "," + t.join(",") + ","; return names.some(function (n) { return ("," + n + ",").indexOf(k) >= 0; }); });
      // Ranked by how well the name matches: the exact name, then a name it begins, then one it is in.
      if (exact || all) found.push({ rank: exact ? 0 : prefix ? 1 : 2, exact: exact, kind: page[0], url: page[1], name: page[2] });
    });
    return found.sort(function (a, b) { return (a.rank - b.rank) || (a.name.length - b.name.length) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); }).slice(0, 8);
  };

  // The engine of the site: the manifest (deflated JSON) and the slot counts, loaded together.
  function open() {
    return Promise.all([
      load("manifest", 0, "search/manifest.js").then(unpack),
      load("slots", 0, "search/slots.js").then(inflate)
    ]).then(function (both) {
      if (both[0].format !== FORMAT) throw new Error("索引格式为 " + both[0].format + "，本页需要格式 " + FORMAT + "，请重新构建网站");
      return new Engine(both[0], both[1]);
    });
  }

  window.speechsiteSearchEngine = { Engine: Engine, open: open, unpack: unpack, load: load, base: BASE, whitespace: WHITESPACE };
}());
