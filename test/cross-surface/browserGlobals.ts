/**
 * @grafana/data touches `window` and `document` when it loads (a localStorage store, a CSS
 * helper). This test runs in Node, for the real Prometheus, the CLI and the backend, so it gives
 * the page globals of a real jsdom document, not stubs, and keeps Node's own fetch. jsdom is
 * loaded by Node itself: jest's loader cannot require its ES-module dependencies.
 */
const g = globalThis as unknown as Record<string, unknown>;
if (g.window === undefined) {
  const { JSDOM } = require('jsdom') as typeof import('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'http://localhost/',
  });
  g.window = dom.window;
  g.document = dom.window.document;
  g.localStorage = dom.window.localStorage;
}

export {};
