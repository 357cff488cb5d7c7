// Starts a worker thread from TypeScript sources, as the tests run them (they never need a
// build): `.ts` files are compiled by swc on load, as jest does, and `@headroom/<package>`
// resolves to the package's src folder, as jest's module mapper does. Not part of the build.
'use strict';
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { threadId, workerData } = require('node:worker_threads');
const { transformSync } = require('@swc/core');

const packages = join(__dirname, '..', '..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@headroom\/(core|cost)$/.exec(request);
  return resolveFilename.call(this, m ? join(packages, m[1], 'src') : request, ...rest);
};
// Each thread would compile every module of @headroom/core again: compiled text is kept in
// the temp folder, keyed by the source's contents.
const cache = join(tmpdir(), 'headroom-thread-swc');
mkdirSync(cache, { recursive: true });
Module._extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const key = join(cache, createHash('sha1').update(filename).update(source).digest('hex'));
  let code;
  try {
    code = readFileSync(key, 'utf8');
  } catch {
    code = transformSync(source, {
      filename,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    }).code;
    const tmp = `${key}.${process.pid}.${threadId}`;
    writeFileSync(tmp, code);
    renameSync(tmp, key);
  }
  module._compile(code, filename);
};
require(workerData.sourceEntry);
