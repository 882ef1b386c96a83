#!/usr/bin/env node
// opencc.js CONFIG FILE — convert each line of FILE with opencc-js
// (https://github.com/nk2028/opencc-js, OpenCC in JavaScript) and print the
// converted lines, one for one. CONFIG is an OpenCC configuration: s2t,
// s2twp, s2hk, t2s, tw2sp or hk2s. Exit status 2 on a usage or read error.
'use strict';

const fs = require('fs');
const OpenCC = require('opencc-js');

const configs = {
  s2t: { from: 'cn', to: 't' },
  s2twp: { from: 'cn', to: 'twp' },
  s2hk: { from: 'cn', to: 'hk' },
  t2s: { from: 't', to: 'cn' },
  tw2sp: { from: 'twp', to: 'cn' },
  hk2s: { from: 'hk', to: 'cn' },
};

const [config, file] = process.argv.slice(2);
if (!configs[config] || !file) {
  process.stderr.write(`usage: opencc.js ${Object.keys(configs).join('|')} FILE\n`);
  process.exit(2);
}
let text;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (e) {
  process.stderr.write(`opencc.js: ${e.message}\n`);
  process.exit(2);
}
const convert = OpenCC.Converter(configs[config]);
const lines = text.split('\n');
if (lines[lines.length - 1] === '') lines.pop();
process.stdout.write(lines.map((l) => convert(l) + '\n').join(''));
