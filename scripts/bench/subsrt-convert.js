#!/usr/bin/env node
// SRT -> WebVTT with the npm `subsrt-ts` package: convert with format vtt
// (it parses, then builds). Usage: see cli.js.
import fs from 'node:fs';
import subsrt from 'subsrt-ts';
import { main } from './cli.js';

main('subsrt-convert.js', (input, output) => {
  fs.writeFileSync(output, subsrt.convert(fs.readFileSync(input, 'utf8'), { format: 'vtt' }));
});
