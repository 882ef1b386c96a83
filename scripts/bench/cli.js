// Shared command-line handling for the peer converters: one file per
// process (IN OUT), or every *.srt of a folder in one process
// (--batch DIR OUTDIR), so the per-file figures can be told apart from
// Node's start-up cost.
import fs from 'node:fs';
import path from 'node:path';

export function main(name, convertFile) {
  const args = process.argv.slice(2);
  const usage = `usage: node ${name} IN.srt OUT.vtt\n       node ${name} --batch DIR OUTDIR`;
  try {
    if (args[0] === '--batch' && args.length === 3) {
      const [, dir, outdir] = args;
      fs.mkdirSync(outdir, { recursive: true });
      const names = fs.readdirSync(dir).filter((n) => n.endsWith('.srt')).sort();
      for (const n of names) {
        convertFile(path.join(dir, n), path.join(outdir, n.replace(/\.srt$/, '.vtt')));
      }
      process.stderr.write(`${name}: converted ${names.length} files\n`);
    } else if (args.length === 2 && !args[0].startsWith('--')) {
      convertFile(args[0], args[1]);
    } else {
      process.stderr.write(usage + '\n');
      process.exit(2);
    }
  } catch (e) {
    process.stderr.write(`${name}: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
  }
}
