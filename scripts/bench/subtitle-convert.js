#!/usr/bin/env node
// SRT -> WebVTT with the npm `subtitle` package: parseSync, then
// stringifySync with format WebVTT. Usage: see cli.js.
import fs from 'node:fs';
import { parseSync, stringifySync } from 'subtitle';
import { main } from './cli.js';

main('subtitle-convert.js', (input, output) => {
  const nodes = parseSync(fs.readFileSync(input, 'utf8'));
  fs.writeFileSync(output, stringifySync(nodes, { format: 'WebVTT' }));
});
