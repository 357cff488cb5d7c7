// What jsdom lacks for @grafana/ui and uPlot in the Grafana plugins' jest runs (their jest-setup.js
// files import this after create-plugin's own setup).
// jsdom has no canvas: a 2D context that records what is drawn, with the text metrics uPlot and
// @grafana/ui measure with.
function recordingContext(canvas) {
  const calls = [];
  const record =
    name =>
    (...args) =>
      calls.push([name, ...args]);
  const ctx = new Proxy(
    {
      canvas,
      calls,
      measureText: text => ({
        width: String(text).length * 6,
        actualBoundingBoxAscent: 8,
        actualBoundingBoxDescent: 2,
      }),
    },
    {
      get(target, prop) {
        if (prop in target) return target[prop];
        return record(String(prop));
      },
      set(target, prop, value) {
        target[prop] = value;
        return true;
      },
    },
  );
  return ctx;
}
HTMLCanvasElement.prototype.getContext = function () {
  if (!this.__ctx) this.__ctx = recordingContext(this);
  return this.__ctx;
};
global.Path2D = class Path2D {
  constructor() {
    this.ops = [];
  }
  moveTo(...a) {
    this.ops.push(['moveTo', ...a]);
  }
  lineTo(...a) {
    this.ops.push(['lineTo', ...a]);
  }
  rect(...a) {
    this.ops.push(['rect', ...a]);
  }
  arc(...a) {
    this.ops.push(['arc', ...a]);
  }
  closePath() {
    this.ops.push(['closePath']);
  }
};
// Fires once on observe, as a browser does after the first layout.
global.ResizeObserver = class ResizeObserver {
  constructor(cb) {
    this.cb = cb;
  }
  observe(target) {
    this.cb([{ target, contentRect: { width: 800, height: 400 } }], this);
  }
  unobserve() {}
  disconnect() {}
};

// jsdom 20 predates AbortSignal.timeout (every browser Grafana supports has it).
if (typeof AbortSignal.timeout !== 'function') {
  AbortSignal.timeout = ms => {
    const controller = new AbortController();
    setTimeout(
      () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
      ms,
    );
    return controller.signal;
  };
}
