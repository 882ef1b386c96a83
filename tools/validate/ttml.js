#!/usr/bin/env node
// ttml.js FILE... — read each TTML file with imscJS (https://github.com/sandflow/imscJS),
// the renderer dash.js and other players use, and print one JSON object a
// line per file:
//
//   {"file": "...", "lang": "zh-Hans", "events": [ms...],
//    "isds": [{"timeMs": 1580, "paragraphs": [{"id", "lang", "text"}]}],
//    "texts": ["..."], "errors": [...], "warnings": [...], "infos": [...]}
//
// events are the document's time events (imsc.getMediaTimeEvents), in
// milliseconds. For each event imsc.generateISD builds the intermediate
// synchronic document, what a player shows from that time on; "paragraphs"
// are its <p> elements in order, each with the text imsc would render: the
// spans' text after imsc's white-space handling, a <br/> as "\n" (imsc
// 1.1.5 keeps no xml:id on paragraphs, so "id" is mostly ""). "texts" are
// the paragraphs' texts as they appear: each paragraph of each ISD that was
// not already shown at the previous event.
//
// The file is decoded as UTF-8 (a leading byte-order mark is the encoding's
// signature, not text, and is dropped as an XML parser does). errors are what
// imsc reported through its error handler as error or fatal (or threw),
// warnings and infos the rest. Exit status: 0 when no file has an error or a
// warning, 1 when some file has one, 2 on a usage or read error.
'use strict';

const fs = require('fs');
const { run } = require('./run');

// imsc's entry point (require('imsc')) also loads its HTML renderer, which
// needs a browser's window and navigator as soon as it is loaded. Parsing and
// ISD generation need neither, as imsc's README says: load just those two
// modules, the same code imsc.fromXML and imsc.generateISD are.
const imsc = {
  fromXML: require('imsc/src/main/js/doc').fromXML,
  generateISD: require('imsc/src/main/js/isd').generateISD,
};

function collect(list) {
  return (msg) => {
    list.push(String(msg));
    return false; // go on: report everything, not just the first problem
  };
}

function paragraphText(el) {
  if (el.kind === 'br') return '\n';
  if (typeof el.text === 'string') return el.text;
  if (!el.contents) return '';
  return el.contents.map(paragraphText).join('');
}

function findParagraphs(el, out) {
  if (el.kind === 'p') {
    out.push({ id: el.id || '', lang: el.lang || '', text: paragraphText(el) });
    return;
  }
  for (const c of el.contents || []) findParagraphs(c, out);
}

function check(file) {
  const bytes = fs.readFileSync(file);
  const errors = [];
  const warnings = [];
  const infos = [];
  const handler = {
    info: collect(infos),
    warn: collect(warnings),
    error: collect(errors),
    fatal: collect(errors),
  };
  const r = { file, lang: '', events: [], isds: [], texts: [], errors, warnings, infos };
  let xml;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    errors.push('invalid UTF-8: ' + e.message);
    return r;
  }
  let tt;
  try {
    tt = imsc.fromXML(xml, handler);
  } catch (e) {
    errors.push('fromXML: ' + (e && e.message ? e.message : String(e)));
    return r;
  }
  if (!tt) {
    errors.push('fromXML returned no document');
    return r;
  }
  r.lang = tt.lang || '';
  let previous = new Set();
  for (const t of tt.getMediaTimeEvents()) {
    const timeMs = Math.round(t * 1000);
    r.events.push(timeMs);
    let isd;
    try {
      isd = imsc.generateISD(tt, t, handler);
    } catch (e) {
      errors.push(`generateISD(${t}): ` + (e && e.message ? e.message : String(e)));
      continue;
    }
    const paragraphs = [];
    for (const region of isd.contents) findParagraphs(region, paragraphs);
    r.isds.push({ timeMs, paragraphs });
    // A paragraph still shown from the previous event is not new.
    const current = new Set();
    for (const p of paragraphs) {
      const key = p.id ? 'id:' + p.id : 'text:' + p.text;
      current.add(key);
      if (!previous.has(key)) r.texts.push(p.text);
    }
    previous = current;
  }
  return r;
}

process.exitCode = run('ttml.js', process.argv.slice(2), check, (r) => r.errors.length === 0 && r.warnings.length === 0);
