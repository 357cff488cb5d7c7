#!/usr/bin/env node
/*
 * Serves the built app (packages/app/dist, or the dist folder given) on one address: files as
 * they are, every other path as index.html so that the app's router handles it.
 * Usage: serve.js <host> <port> [<dist folder>]
 */
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const [host = '127.0.0.1', portText = '3000', distFolder] = process.argv.slice(2);
const port = Number(portText);
const root = distFolder ? path.resolve(distFolder) : path.resolve(__dirname, '..', 'dist');
const index = path.join(root, 'index.html');
if (!fs.existsSync(index)) {
  console.error(`serve.js: ${index} is missing; build the app first (backstage-cli package build)`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const server = http.createServer((req, res) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad request path');
    return;
  }
  const file = path.join(root, pathname);
  const inside = file.startsWith(root + path.sep);
  const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : index;
  const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Cache-Control': target === index ? 'no-cache' : 'public, max-age=3600',
  });
  fs.createReadStream(target).pipe(res);
});

server.listen(port, host, () => {
  console.log(`serving ${root} at http://${host}:${port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
