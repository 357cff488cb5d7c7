import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/**
 * Synthetic FOCUS 1.0 exports of any size, following the spec's columns: several billing
 * accounts each in its own currency, hourly usage, monthly commitment purchases amortised into
 * hourly used/unused commitment rows, credits, refunds (ChargeClass Correction), tax and a
 * shared support charge. Deterministic for a seed. The generator sums what it writes in exact
 * integers, independently of the importer, so tests can compare the two.
 */
export interface FocusGeneratorOptions {
  rows: number;
  seed?: number;
  accounts?: number;
  currencies?: readonly string[];
  /** First billing month, `YYYY-MM`. */
  startMonth?: string;
  months?: number;
  /** Service (entity) names used in tags. */
  services?: number;
  /** Share of usage rows without any tag. */
  untaggedShare?: number;
}

export interface GeneratedPeriod {
  currency: string;
  billingPeriodStart: number;
  billed: bigint;
  effective: bigint;
  rows: number;
}

export interface GeneratedTotals {
  rows: number;
  periods: GeneratedPeriod[];
  /** Per commitment: purchase BilledCost and the EffectiveCost of its used + unused rows. */
  commitments: { id: string; currency: string; purchase: bigint; amortised: bigint }[];
  services: string[];
}

export const GENERATED_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PICO = 1e12;

/** Pico-units (a safe integer, a multiple of 100) as a 10-decimal string. */
function money(pico: number): string {
  const neg = pico < 0;
  const abs = neg ? -pico : pico;
  const whole = Math.floor(abs / PICO);
  const frac = String((abs - whole * PICO) / 100).padStart(10, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1', 'us-west-2'];
const SERVICES = [
  ['Amazon Elastic Compute Cloud', 'Compute', 'Hours'],
  ['Amazon Simple Storage Service', 'Storage', 'GB-Mo'],
  ['Amazon Relational Database Service', 'Databases', 'Hours'],
  ['Amazon Elastic Kubernetes Service', 'Compute', 'Hours'],
  ['AWS Data Transfer', 'Networking', 'GB'],
] as const;
const KEY_VARIANTS = ['service', ' Service', 'SERVICE ', 'service'];

/** Adds safe-integer amounts into a bigint without a bigint per row. */
class Sum {
  big = 0n;
  small = 0;
  add(v: number): void {
    this.small += v;
    if (this.small > 4e15 || this.small < -4e15) this.flush();
  }
  flush(): bigint {
    this.big += BigInt(this.small);
    this.small = 0;
    return this.big;
  }
}

/** Yields the CSV text in chunks of about 1 MB; `totals` is filled as the text is produced. */
export function* focusCsvChunks(
  options: FocusGeneratorOptions,
  totals: GeneratedTotals,
): Generator<string> {
  const rnd = random(options.seed ?? 1);
  const accounts = options.accounts ?? 4;
  const currencies = options.currencies ?? ['USD', 'EUR', 'JPY'];
  const months = options.months ?? 2;
  const serviceCount = options.services ?? 40;
  const untagged = options.untaggedShare ?? 0.05;
  const [y, m] = (options.startMonth ?? '2024-08').split('-').map(Number) as [number, number];
  const monthStarts: number[] = [];
  for (let k = 0; k <= months; k++) monthStarts.push(Date.UTC(y, m - 1 + k, 1) / 1000);
  const start = monthStarts[0]!;
  const hours = (monthStarts[months]! - start) / 3600;
  const fixedPerHour = accounts * 2;
  if (options.rows < hours * (fixedPerHour + 1) + months * accounts) {
    throw new RangeError(
      `rows: ${options.rows} is too few for ${months} month(s) of hourly commitment rows (need ${hours * (fixedPerHour + 1) + months * accounts})`,
    );
  }
  const services = Array.from(
    { length: serviceCount },
    (_, i) => `svc-${String(i).padStart(3, '0')}`,
  );
  totals.services = services;
  const tagCells = services.map((s, i) =>
    KEY_VARIANTS.map(
      k => `"{""${k}"": ""${s}"", ""team"": ""team-${i % 7}"", ""namespace"": ""${s}""}"`,
    ),
  );
  const currencyOf = (a: number) => currencies[a % currencies.length]!;
  // Hourly commitment per account, in pico-units (a multiple of 100 so 10 decimals are exact).
  const hourly = Array.from({ length: accounts }, (_, a) => (1 + a) * 1_250_000_000_000);

  const sums = new Map<
    string,
    { currency: string; bp: number; billed: Sum; effective: Sum; rows: number }
  >();
  const sumFor = (currency: string, bp: number) => {
    const k = `${currency}\t${bp}`;
    let s = sums.get(k);
    if (!s) sums.set(k, (s = { currency, bp, billed: new Sum(), effective: new Sum(), rows: 0 }));
    return s;
  };
  const commitments = new Map<
    string,
    { id: string; currency: string; purchase: Sum; amortised: Sum }
  >();

  let out = GENERATED_COLUMNS.join(',') + '\n';
  let written = 0;
  let monthIndex = 0;
  for (let h = 0; h < hours; h++) {
    const t = start + h * 3600;
    while (t >= monthStarts[monthIndex + 1]!) monthIndex++;
    const bp = monthStarts[monthIndex]!;
    const bpEnd = monthStarts[monthIndex + 1]!;
    const bpText = iso(bp);
    const bpEndText = iso(bpEnd);
    const cps = iso(t);
    const cpe = iso(t + 3600);
    const month = bpText.slice(0, 7);
    const target = Math.round(((h + 1) * options.rows) / hours);

    const row = (
      a: number,
      category: string,
      cls: string,
      frequency: string,
      cpStart: string,
      cpEnd: string,
      billed: number,
      effective: number,
      list: number,
      commitment: string,
      status: string,
      pricing: string,
      service: readonly [string, string, string],
      region: string,
      resource: string,
      tags: string,
      description: string,
    ) => {
      const currency = currencyOf(a);
      const s = sumFor(currency, bp);
      s.billed.add(billed);
      s.effective.add(effective);
      s.rows++;
      written++;
      const cd = commitment ? `Spend,${commitment},${commitment},${status},Savings Plan` : ',,,,';
      out +=
        `${region}a,${money(billed)},acct-${a},Account ${a},${currency},${bpEndText},${bpText},${category},${cls},` +
        `${description},${frequency},${cpEnd},${cpStart},${cd},1.0,${service[2]},${money(billed)},0.1,${money(effective)},` +
        `Amazon Web Services,${money(list)},0.1,${pricing},1.0,${service[2]},AWS,Amazon Web Services,${region},${region},` +
        `${resource},${resource},Instance,${service[1]},${service[0]},SKU${service[0].length},SKU${service[0].length}-1,` +
        `sub-${a}-${resource.length % 3},Sub ${a},${tags}\n`;
    };

    for (let a = 0; a < accounts; a++) {
      const id = `cd-${a}-${month}`;
      let c = commitments.get(id);
      if (!c) {
        c = { id, currency: currencyOf(a), purchase: new Sum(), amortised: new Sum() };
        commitments.set(id, c);
        const purchase = hourly[a]! * ((bpEnd - bp) / 3600);
        c.purchase.add(purchase);
        row(
          a,
          'Purchase',
          '',
          'One-Time',
          bpText,
          bpEndText,
          purchase,
          0,
          purchase,
          id,
          '',
          'Committed',
          SERVICES[0],
          REGIONS[0]!,
          id,
          '',
          'Savings plan purchase',
        );
      }
      const used = Math.round((hourly[a]! * (0.6 + 0.4 * rnd())) / 100) * 100;
      const unused = hourly[a]! - used;
      c.amortised.add(used + unused);
      const svc = Math.floor(rnd() * serviceCount);
      row(
        a,
        'Usage',
        '',
        'Usage-Based',
        cps,
        cpe,
        0,
        used,
        used,
        id,
        'Used',
        'Committed',
        SERVICES[0],
        REGIONS[a % 4]!,
        `i-${svc}`,
        tagCells[svc]![0]!,
        'Covered by savings plan',
      );
      row(
        a,
        'Usage',
        '',
        'Usage-Based',
        cps,
        cpe,
        0,
        unused,
        0,
        id,
        'Unused',
        'Committed',
        SERVICES[0],
        REGIONS[a % 4]!,
        id,
        '',
        'Unused savings plan',
      );
    }

    while (written < target) {
      const a = Math.floor(rnd() * accounts);
      const r = rnd();
      const svc = Math.floor(rnd() * serviceCount);
      const service = SERVICES[svc % SERVICES.length]!;
      const region = REGIONS[svc % REGIONS.length]!;
      const amount = Math.floor(rnd() * 5e9) * 1000; // up to 5.00, nine decimals; tenths and fifths stay exact
      const tags = rnd() < untagged ? '' : tagCells[svc]![Math.floor(rnd() * KEY_VARIANTS.length)]!;
      if (r < 0.92) {
        row(
          a,
          'Usage',
          '',
          'Usage-Based',
          cps,
          cpe,
          amount,
          amount,
          amount + amount / 10,
          '',
          '',
          'Standard',
          service,
          region,
          `r-${svc}`,
          tags,
          'On-demand usage',
        );
      } else if (r < 0.95) {
        row(
          a,
          'Credit',
          '',
          'One-Time',
          cps,
          cpe,
          -amount / 10,
          -amount / 10,
          0,
          '',
          '',
          '',
          service,
          region,
          `r-${svc}`,
          tags,
          'Promotional credit',
        );
      } else if (r < 0.96) {
        row(
          a,
          'Usage',
          'Correction',
          'One-Time',
          cps,
          cpe,
          -amount,
          -amount,
          -amount,
          '',
          '',
          'Standard',
          service,
          region,
          `r-${svc}`,
          tags,
          'Refund of overcharge',
        );
      } else if (r < 0.98) {
        row(
          a,
          'Tax',
          '',
          'Usage-Based',
          cps,
          cpe,
          amount / 5,
          amount / 5,
          0,
          '',
          '',
          '',
          service,
          region,
          '',
          '',
          'Sales tax',
        );
      } else {
        row(
          a,
          'Usage',
          '',
          'Recurring',
          cps,
          cpe,
          amount,
          amount,
          amount,
          '',
          '',
          'Standard',
          ['AWS Support (Business)', 'Management and Governance', 'Dollars'],
          region,
          '',
          '',
          'Support plan',
        );
      }
    }
    if (out.length > 1 << 20) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
  totals.rows = written;
  totals.periods = [...sums.values()]
    .map(s => ({
      currency: s.currency,
      billingPeriodStart: s.bp,
      billed: s.billed.flush(),
      effective: s.effective.flush(),
      rows: s.rows,
    }))
    .sort(
      (p, q) => p.billingPeriodStart - q.billingPeriodStart || p.currency.localeCompare(q.currency),
    );
  totals.commitments = [...commitments.values()].map(c => ({
    id: c.id,
    currency: c.currency,
    purchase: c.purchase.flush(),
    amortised: c.amortised.flush(),
  }));
}

/** Writes a generated export to `path` (gzip when it ends in `.gz`) and returns its totals. */
export async function writeFocusFile(
  path: string,
  options: FocusGeneratorOptions,
): Promise<GeneratedTotals> {
  const totals: GeneratedTotals = { rows: 0, periods: [], commitments: [], services: [] };
  const chunks = focusCsvChunks(options, totals);
  // The first chunk checks the options: bad options throw here, before any file is created.
  const first = chunks.next();
  const source = Readable.from(
    (function* () {
      if (!first.done) yield first.value;
      yield* chunks;
    })(),
  );
  const sink = createWriteStream(path, { highWaterMark: 1 << 20 });
  if (path.endsWith('.gz')) await pipeline(source, createGzip({ level: 1 }), sink);
  else await pipeline(source, sink);
  return totals;
}
