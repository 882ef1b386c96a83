// Writes the OpenCC dictionaries package zhtext converts scripts with,
// one file per dictionary under dict/, from the npm package opencc-js
// (OpenCC's data, Apache-2.0; see dict/LICENSE):
//
//	npm install --prefix DIR opencc-js@1.4.2
//	NODE_PATH=DIR/node_modules node internal/gendict/gen.mjs
//
// (run from the zhtext directory; `go generate` does it when NODE_PATH is
// set). Each file is "key<TAB>value" lines sorted bytewise by key,
// gzipped (the phrase table is 1 MB as text, 0.3 MB gzipped). Where a
// dictionary names a key twice the later entry is kept, as OpenCC's trie
// keeps it.
import { createRequire } from 'module';
import fs from 'fs';
import zlib from 'zlib';
import path from 'path';

const require = createRequire(import.meta.url);
const main = require.resolve('opencc-js', { paths: (process.env.NODE_PATH || '').split(':') });
const root = main.slice(0, main.lastIndexOf('opencc-js') + 'opencc-js'.length);
const load = async (name) => (await import(path.join(root, 'dist/esm-lib/dict', name + '.js'))).default;

const names = [
  'CJK_Compatibility_Ideographs',
  'STPhrases', 'STPhrases_GeneratedFromRegionalPhrases', 'STCharacters',
  'TWPhrases', 'TWVariantsPhrases', 'TWVariants',
  'HKVariantsPhrases', 'HKVariants',
  'TSPhrases', 'TSCharacters',
  'TWPhrasesRev', 'TWVariantsRevPhrases', 'TWVariantsRev',
  'HKVariantsRevPhrases', 'HKVariantsRev',
];
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
for (const name of names) {
  const m = new Map();
  for (const pair of (await load(name)).split('|')) {
    const [from, to] = pair.split(' ');
    if (from && to !== undefined) m.set(from, to);
  }
  const keys = [...m.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const text = keys.map((k) => k + '\t' + m.get(k) + '\n').join('');
  fs.writeFileSync(path.join('dict', name + '.txt.gz'), zlib.gzipSync(Buffer.from(text), { level: 9 }));
}
fs.writeFileSync(path.join('dict', 'VERSION'), `opencc-js ${version}\n`);
