#!/usr/bin/env node
// vtt.js FILE... — parse each WebVTT file with the W3C webvtt-parser
// (https://github.com/w3c/webvtt.js), strictly, and print one JSON object a
// line per file:
//
//   {"file": "...", "cues": [{"id", "start", "end", "startMs", "endMs",
//     "raw", "text"}], "errors": [{"message", "line", "col"}]}
//
// start/end are seconds as the parser returns them, startMs/endMs the same
// rounded to milliseconds. "raw" is the cue text as written (escapes and
// all), "text" the text of the parsed cue tree: escapes decoded, tags
// dropped, lines joined with "\n".
//
// Strict means: the parser runs in its default (captions/subtitles) mode,
// which reports cue text errors such as a bad escape — the "metadata" mode
// silently accepts those — with the full HTML entity table the spec uses,
// and the file is decoded as UTF-8 with invalid bytes reported as an error.
// Exit status: 0 when no file has an error, 1 when some file has one, 2 on
// a usage or read error.
'use strict';

const fs = require('fs');
const { run } = require('./run');
const { WebVTTParser } = require('webvtt-parser');
const entities = require('webvtt-parser/html-entities.json');

function plainText(node) {
  if (node.type === 'text') return node.value;
  if (!node.children) return '';
  return node.children.map(plainText).join('');
}

function check(file) {
  const errors = [];
  const bytes = fs.readFileSync(file);
  let text;
  try {
    // ignoreBOM keeps a leading U+FEFF in the text, so the parser's own
    // byte-order-mark handling is what gets tested.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    errors.push({ message: 'invalid UTF-8: ' + e.message, line: 0, col: 0 });
    text = bytes.toString('utf8');
  }
  const tree = new WebVTTParser(entities).parse(text);
  for (const e of tree.errors) {
    errors.push({ message: e.message, line: e.line, col: e.col === undefined ? 0 : e.col });
  }
  const cues = tree.cues.map((c) => ({
    id: c.id,
    start: c.startTime,
    end: c.endTime,
    startMs: Math.round(c.startTime * 1000),
    endMs: Math.round(c.endTime * 1000),
    raw: c.text,
    text: plainText(c.tree),
  }));
  return { file, cues, errors };
}

process.exitCode = run('vtt.js', process.argv.slice(2), check, (r) => r.errors.length === 0);
