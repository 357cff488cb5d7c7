// The harness's HTTP server: the host page, the built plugins under public/plugins/<id>/ (where
// Grafana serves them), and Grafana's data proxy for the datasources the tests configure:
// /api/datasources/proxy/uid/<uid>/<route path>/... to the route's URL with its headers, the
// way Grafana applies a plugin.json route, and /api/datasources/proxy/uid/<uid>/... to a
// datasource URL (Prometheus).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');

export const PLUGIN_DIRS = {
  'headroom-slo-datasource': join(repo, 'plugins/grafana-datasource/dist'),
  'headroom-errorbudget-panel': join(repo, 'plugins/grafana-errorbudget-panel/dist'),
  'headroom-unitcost-panel': join(repo, 'plugins/grafana-unitcost-panel/dist'),
};

const TYPES = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown',
  '.map': 'application/json',
  '.css': 'text/css',
};

function sendFile(res, file) {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`not found: ${file}`);
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

/** `{{ .JsonData.x }}` and `{{ .SecureJsonData.y }}` as Grafana's data proxy fills them. */
function fill(template, ds) {
  return template.replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_, where, key) =>
    String((where === 'JsonData' ? ds.jsonData : ds.secureJsonData)?.[key] ?? ''),
  );
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

async function forward(req, res, target, headers) {
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
  const h = { ...headers };
  if (req.headers['content-type']) h['content-type'] = req.headers['content-type'];
  h.accept = req.headers.accept ?? '*/*';
  try {
    const r = await fetch(target, { method: req.method, headers: h, body });
    const buf = Buffer.from(await r.arrayBuffer());
    res.writeHead(r.status, {
      'Content-Type': r.headers.get('content-type') ?? 'application/octet-stream',
    });
    res.end(buf);
  } catch (e) {
    // Grafana answers 502 when the proxied server is unreachable.
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: `Bad Gateway: ${e.cause?.message ?? e.message}` }));
  }
}

/**
 * datasources: { [uid]: { type, url?, jsonData?, secureJsonData? } }. Starts on 127.0.0.1 and a
 * free port; resolves to { url, close }.
 */
export async function startHarnessServer({ datasources }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://harness');
    const path = url.pathname;
    if (path === '/' || path === '/index.html') return sendFile(res, join(here, 'src/index.html'));
    if (path === '/host.js') return sendFile(res, join(here, 'dist/host.js'));
    const plugin = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(path);
    if (plugin) {
      const dir = PLUGIN_DIRS[plugin[1]];
      const file = dir && normalize(join(dir, plugin[2]));
      if (!file || !file.startsWith(dir)) return sendFile(res, '/nonexistent');
      return sendFile(res, file);
    }
    const proxy = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/(.*)$/.exec(path);
    if (proxy) {
      const ds = datasources[proxy[1]];
      if (!ds) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ message: `Data source not found: ${proxy[1]}` }));
      }
      const rest = proxy[2];
      const pluginDir = PLUGIN_DIRS[ds.type];
      if (pluginDir) {
        const meta = JSON.parse(readFileSync(join(pluginDir, 'plugin.json'), 'utf8'));
        const route = (meta.routes ?? []).find(
          r => rest === r.path || rest.startsWith(`${r.path}/`),
        );
        if (!route) {
          res.writeHead(404, { 'Content-Type': 'application/json' });
          return res.end(JSON.stringify({ message: `no plugin route for ${rest}` }));
        }
        const base = fill(route.url, ds).replace(/\/+$/, '');
        const headers = Object.fromEntries(
          (route.headers ?? []).map(h => [h.name, fill(h.content, ds)]),
        );
        return forward(req, res, `${base}${rest.slice(route.path.length)}${url.search}`, headers);
      }
      return forward(req, res, `${ds.url.replace(/\/+$/, '')}/${rest}${url.search}`, {});
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`not found: ${path}`);
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise(r => server.close(r)) };
}
