// Writes dict/t2s.txt, the character table package segment segments
// Traditional Chinese through: each Traditional character (and each Taiwan
// variant) with the Simplified character OpenCC maps it to first, from the
// dictionaries of the npm package opencc-js (OpenCC's data, Apache-2.0):
// TWVariantsRev, then TSCharacters. Only one-character-to-one-character
// pairs that change the character are kept.
//
//	npm install --prefix DIR opencc-js@1.4.2
//	NODE_PATH=DIR/node_modules node internal/gendict/t2s.mjs > dict/t2s.txt
//
// (run from the segment directory).
import { createRequire } from 'module';
import path from 'path';

const require = createRequire(import.meta.url);
const main = require.resolve('opencc-js', { paths: (process.env.NODE_PATH || '').split(':') });
const root = main.slice(0, main.lastIndexOf('opencc-js') + 'opencc-js'.length);
const load = async (name) => (await import(path.join(root, 'dist/esm-lib/dict', name + '.js'))).default;

const parse = (s) => {
  const m = new Map();
  for (const pair of s.split('|')) {
    const [from, to] = pair.split(' ');
    if (from && to && !m.has(from)) m.set(from, to);
  }
  return m;
};
const variants = parse(await load('TWVariantsRev'));
const chars = parse(await load('TSCharacters'));
const out = new Map();
const keys = new Set([...variants.keys(), ...chars.keys()]);
for (const k of keys) {
  if ([...k].length !== 1) continue;
  let v = variants.get(k) ?? k;
  v = chars.get(v) ?? v;
  if ([...v].length === 1 && v !== k) out.set(k, v);
}
const lines = [...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => k + v);
process.stdout.write('# Traditional character, then the Simplified one (OpenCC TWVariantsRev + TSCharacters, Apache-2.0)\n' + lines.join('\n') + '\n');
