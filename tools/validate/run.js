'use strict';
// The command-line loop both validators share: check each file, print its
// result as one JSON line, exit 0 when all are clean, 1 when one is not,
// 2 on usage or a file that cannot be read.

function run(name, files, check, clean) {
  if (files.length === 0) {
    process.stderr.write(`usage: ${name} FILE...\n`);
    return 2;
  }
  let status = 0;
  for (const file of files) {
    let r;
    try {
      r = check(file);
    } catch (e) {
      process.stderr.write(`${name}: ${file}: ${e.message}\n`);
      return 2;
    }
    process.stdout.write(JSON.stringify(r) + '\n');
    if (!clean(r)) status = 1;
  }
  return status;
}

module.exports = { run };
