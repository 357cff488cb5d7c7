import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { defaultAlertWindows, parseAlertWindows, resolveAlertWindows } from './alertWindows';
import { formatIssue } from './issues';

// The locator lives outside this package's rootDir: a plain require keeps it out of the tsc build.
const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

const DAY = 86_400;

function summary(windows: ReturnType<typeof defaultAlertWindows>) {
  return windows.map(w => [
    w.severity,
    w.speed,
    w.errorBudgetPercent,
    w.longWindowSeconds,
    w.shortWindowSeconds,
    Number(w.factor.toFixed(4)),
  ]);
}

function slothWindows(file: string) {
  const doc: unknown = parse(readFileSync(join(referenceDir('sloth'), file), 'utf8'));
  const result = parseAlertWindows(doc, file);
  expect(result.issues).toEqual([]);
  return result.spec!;
}

describe('defaultAlertWindows', () => {
  it('uses the SRE workbook windows for 30 days (factors 14.4, 6, 3, 1)', () => {
    expect(summary(defaultAlertWindows(30 * DAY))).toEqual([
      ['page', 'quick', 2, 3_600, 300, 14.4],
      ['page', 'slow', 5, 21_600, 1_800, 6],
      ['ticket', 'quick', 10, DAY, 7_200, 3],
      ['ticket', 'slow', 10, 3 * DAY, 21_600, 1],
    ]);
  });

  it('keeps the windows for 28 days (factors 13.44, 5.6, 2.8, 0.9333)', () => {
    expect(summary(defaultAlertWindows(28 * DAY))).toEqual([
      ['page', 'quick', 2, 3_600, 300, 13.44],
      ['page', 'slow', 5, 21_600, 1_800, 5.6],
      ['ticket', 'quick', 10, DAY, 7_200, 2.8],
      ['ticket', 'slow', 10, 3 * DAY, 21_600, 0.9333],
    ]);
  });

  it('scales the windows by period/30d for other periods, keeping the 30-day factors', () => {
    // 7d/30d = 7/30: 1h → 14m, 5m → 70s, 6h → 84m, 30m → 7m, 1d → 5.6h, 2h → 28m, 3d → 16.8h, 6h → 84m.
    expect(summary(defaultAlertWindows(7 * DAY))).toEqual([
      ['page', 'quick', 2, 840, 70, 14.4],
      ['page', 'slow', 5, 5_040, 420, 6],
      ['ticket', 'quick', 10, 20_160, 1_680, 3],
      ['ticket', 'slow', 10, 60_480, 5_040, 1],
    ]);
  });

  it("matches Sloth's built-in google-30d and google-28d AlertWindows files", () => {
    expect(slothWindows('google-30d-windows.yaml').windows).toEqual(defaultAlertWindows(30 * DAY));
    expect(slothWindows('google-28d-windows.yaml').windows).toEqual(defaultAlertWindows(28 * DAY));
  });
});

describe('parseAlertWindows', () => {
  it("reads Sloth's 7-day windows with factors 13.44, 3.5, 1.4, 0.98", () => {
    const spec = slothWindows('windows-7d.yaml');
    expect(spec.sloPeriod).toBe('7d');
    expect(spec.periodSeconds).toBe(7 * DAY);
    expect(summary(spec.windows)).toEqual([
      ['page', 'quick', 8, 3_600, 300, 13.44],
      ['page', 'slow', 12.5, 21_600, 1_800, 3.5],
      ['ticket', 'quick', 20, DAY, 7_200, 1.4],
      ['ticket', 'slow', 42, 3 * DAY, 21_600, 0.98],
    ]);
  });

  it('is used by resolveAlertWindows for SLOs of the same period only', () => {
    const spec = slothWindows('windows-7d.yaml');
    expect(resolveAlertWindows(7 * DAY, [spec])).toEqual(spec.windows);
    expect(resolveAlertWindows(30 * DAY, [spec])).toEqual(defaultAlertWindows(30 * DAY));
  });

  it('reports bad windows by field', () => {
    const doc = {
      apiVersion: 'sloth.slok.dev/v1',
      kind: 'AlertWindows',
      spec: {
        sloPeriod: '7x',
        page: {
          quick: { errorBudgetPercent: 0, shortWindow: '5m', longWindow: '1h' },
          slow: { errorBudgetPercent: 5, shortWindow: '30m', longWindow: '6h' },
        },
        ticket: {
          quick: { errorBudgetPercent: 10, shortWindow: '2h', longWindow: '1d' },
          slow: { errorBudgetPercent: 10, shortWindow: '6h', longWindow: '3d' },
        },
      },
    };
    expect(parseAlertWindows(doc, 'w.yaml').issues.map(formatIssue)).toEqual([
      'w.yaml (document 1) spec.sloPeriod: must be a duration like 5m, 1h, 30d',
      'w.yaml (document 1) spec.page.quick.errorBudgetPercent: must be > 0',
    ]);
    const swapped = structuredClone(doc);
    swapped.spec.sloPeriod = '7d';
    swapped.spec.page.quick = { errorBudgetPercent: 2, shortWindow: '1h', longWindow: '5m' };
    swapped.spec.ticket.slow.longWindow = '8d';
    expect(parseAlertWindows(swapped, 'w.yaml').issues.map(formatIssue)).toEqual([
      'w.yaml (document 1) spec.page.quick.shortWindow: must be shorter than longWindow',
      'w.yaml (document 1) spec.ticket.slow.longWindow: must not be longer than the SLO period',
    ]);
  });
});
