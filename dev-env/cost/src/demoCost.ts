// The demo exchange's bill as FOCUS rows: every hour of the simulator's history, priced from the
// same world the metrics come from. Pods are charged by what they request (so market-data's
// three-fold requests cost three-fold), egress and log ingestion by traffic, and card-issuing's
// load-test pods from the minute the simulator starts them. Amounts are integer micro-dollars
// so every total is exact.

import {
  DEFAULT_SEED,
  WORLD,
  createContext,
  requestRate,
  resourcesAt,
  type ServiceDefinition,
  type SimulationContext,
  type World,
} from '@headroom/demo-simulator';
import {
  CPU_PER_CORE_HOUR,
  DAILY_CREDIT,
  DEFAULT_COMMITMENT_SHARE,
  EBS_PER_GB_MONTH,
  EGRESS_PER_GB,
  HOURS_PER_MONTH,
  MEMORY_PER_GIB_HOUR,
  PLATFORM_CHARGES,
  SAVINGS_PLAN_DISCOUNT,
  SERVICE_COSTS,
  UNTAGGED_CHARGES,
  type PlatformCharge,
  type ServiceCostProfile,
} from './prices';

const HOUR = 3600;
const DAY = 86400;
const GIB = 1024 ** 3;
/** Amounts are integers of this many per dollar. */
export const MICRO = 1_000_000;

export const PAYER_ACCOUNT = { id: '111122223333', name: 'exchange-payer' };
export const PROD_ACCOUNT = { id: '444455556666', name: 'exchange-prod' };
export const SANDBOX_ACCOUNT = { id: '777788889999', name: 'exchange-sandbox' };
export const REGION = 'eu-west-1';
/** Tag that marks the shared platform pool. */
export const PLATFORM_POOL_TAG = { key: 'cost-pool', value: 'platform' } as const;

export interface DemoCostOptions {
  /** The simulator's anchor ("now" of its scenarios), a whole minute. */
  anchor: number;
  /** First hour of the export, a whole hour. */
  from: number;
  /** End of the export (exclusive), a whole hour. */
  to: number;
  /** The simulator's seed: traffic noise, hence egress, follows it. */
  seed?: number;
  world?: World;
  /** Hourly commitment as a share of the steady compute at the discounted price. */
  commitmentShare?: number;
}

/** Where the generator means a row's cost to go; tests compare this with the importer's view. */
export type CostPart =
  | `service:${string}`
  | 'platform'
  | 'untagged'
  | 'credit'
  | 'commitment-purchase'
  | 'commitment-unused';

export interface DemoCostRow {
  chargePeriodStart: number;
  chargePeriodEnd: number;
  category: 'Usage' | 'Purchase' | 'Credit';
  frequency: 'Usage-Based' | 'One-Time';
  account: { id: string; name: string };
  serviceName: string;
  serviceCategory: string;
  resourceId: string;
  resourceType: string;
  skuId: string;
  description: string;
  quantity: number;
  unit: string;
  /** Dollars per unit at list price; null for purchases and credits. */
  listUnitPrice: number | null;
  /** Micro-dollars. */
  list: number;
  billed: number;
  effective: number;
  pricingCategory: 'Standard' | 'Committed' | '';
  commitment: { id: string; name: string; status: 'Used' | 'Unused' | '' } | null;
  tags: Readonly<Record<string, string>>;
  part: CostPart;
}

/** The export's hours for a history of `days` before the anchor: whole UTC days up to its hour. */
export function demoCostRange(anchor: number, days: number): { from: number; to: number } {
  const start = anchor - days * DAY;
  return { from: start - (((start % DAY) + DAY) % DAY), to: anchor - (anchor % HOUR) };
}

export function monthStartOf(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

export function nextMonthStart(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

const micro = (dollars: number): number => Math.round(dollars * MICRO);

/** `amount` split in proportion to `weights` by largest remainders: the parts add up to it. */
export function splitInteger(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0) throw new Error('splitInteger: weights add up to zero');
  const exact = weights.map(w => (amount * w) / total);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, p) => a + p, 0);
  const order = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) parts[order[k % order.length]!.i]! += 1;
  return parts;
}

export function profileOf(service: ServiceDefinition): ServiceCostProfile {
  const profile = SERVICE_COSTS[service.name];
  if (!profile) throw new Error(`no cost profile for service "${service.name}" in the demo prices`);
  return profile;
}

/** CPU and memory of the world's deployments at list price per hour, without any scenario. */
export function steadyComputePerHour(world: World): number {
  let dollars = 0;
  for (const s of world.services) {
    dollars += s.cpu.requestCores * CPU_PER_CORE_HOUR;
    dollars += (s.memory.requestBytes / GIB) * MEMORY_PER_GIB_HOUR;
  }
  return micro(dollars);
}

/** The hourly commitment in micro-dollars, a whole number of cents. */
export function hourlyCommitment(world: World, share: number): number {
  const discounted = steadyComputePerHour(world) * (1 - SAVINGS_PLAN_DISCOUNT) * share;
  return Math.round(discounted / 10_000) * 10_000;
}

export function commitmentOf(month: number): { id: string; name: string } {
  const ym = new Date(month * 1000).toISOString().slice(0, 7);
  return {
    id: `arn:aws:savingsplans::${PAYER_ACCOUNT.id}:savingsplan/sp-compute-${ym}`,
    name: `Compute Savings Plan ${ym}`,
  };
}

/** Requests of a service in [t, t + 1 h): the rate at the middle of every five minutes. */
export function requestsInHour(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): number {
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += requestRate(ctx, service, t + k * 300 + 150) * 300;
  return sum;
}

/** Requested cores and GiB above the service's own deployment (pods left running), hour mean. */
export function extraRequestsInHour(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): { cores: number; gib: number } {
  let cores = 0;
  let bytes = 0;
  for (let m = 0; m < 60; m++) {
    const r = resourcesAt(ctx, service, t + m * 60 + 30);
    cores += r.cpuRequestCores - service.cpu.requestCores;
    bytes += r.memoryRequestBytes - service.memory.requestBytes;
  }
  return { cores: cores / 60, gib: bytes / 60 / GIB };
}

interface ComputeItem {
  service: ServiceDefinition;
  resourceId: string;
  tags: Readonly<Record<string, string>>;
  kind: 'cpu' | 'memory';
  quantity: number;
  list: number;
}

function checkOptions(o: DemoCostOptions): void {
  for (const [name, v, unit] of [
    ['anchor', o.anchor, 60],
    ['from', o.from, HOUR],
    ['to', o.to, HOUR],
  ] as const) {
    if (!Number.isInteger(v) || v % unit !== 0) {
      throw new Error(
        `demo cost: ${name} must be a whole ${unit === 60 ? 'minute' : 'hour'} in Unix seconds, got ${v}`,
      );
    }
  }
  if (o.to <= o.from) throw new Error(`demo cost: to (${o.to}) must be after from (${o.from})`);
  const share = o.commitmentShare;
  if (share !== undefined && !(Number.isFinite(share) && share >= 0)) {
    throw new Error(`demo cost: commitmentShare must be a number >= 0, got ${share}`);
  }
}

/** Every row of the export, hour by hour; deterministic for (world, seed, anchor, from, to). */
export function* demoCostRows(options: DemoCostOptions): Generator<DemoCostRow> {
  checkOptions(options);
  const world = options.world ?? WORLD;
  const ctx = createContext(world, options.seed ?? DEFAULT_SEED, options.anchor);
  for (const s of world.services) profileOf(s);
  const hourly = hourlyCommitment(world, options.commitmentShare ?? DEFAULT_COMMITMENT_SHARE);
  const committedRate = 1 - SAVINGS_PLAN_DISCOUNT;

  for (let t = options.from; t < options.to; t += HOUR) {
    const month = monthStartOf(t);
    const commitment = commitmentOf(month);
    const base = { chargePeriodStart: t, chargePeriodEnd: t + HOUR, account: PROD_ACCOUNT };

    if (t === month) {
      const purchase = hourly * ((nextMonthStart(t) - month) / HOUR);
      yield {
        ...base,
        chargePeriodEnd: nextMonthStart(t),
        account: PAYER_ACCOUNT,
        category: 'Purchase',
        frequency: 'One-Time',
        serviceName: 'Savings Plans for AWS Compute usage',
        serviceCategory: 'Compute',
        resourceId: commitment.id,
        resourceType: 'Savings Plan',
        skuId: 'ComputeSP:1mo:AllUpfront',
        description: `${commitment.name}, all upfront`,
        quantity: 1,
        unit: 'Commitment',
        listUnitPrice: null,
        list: purchase,
        billed: purchase,
        effective: 0,
        pricingCategory: 'Committed',
        commitment: { ...commitment, status: '' },
        tags: {},
        part: 'commitment-purchase',
      };
    }
    if (t % DAY === 0) {
      yield {
        ...base,
        chargePeriodEnd: t + DAY,
        account: PAYER_ACCOUNT,
        category: 'Credit',
        frequency: 'One-Time',
        serviceName: 'AWS Credits',
        serviceCategory: 'Other',
        resourceId: '',
        resourceType: '',
        skuId: 'Credit:Promotional',
        description: 'Promotional credit (migration programme)',
        quantity: 1,
        unit: 'Credit',
        listUnitPrice: null,
        list: 0,
        billed: -micro(DAILY_CREDIT),
        effective: -micro(DAILY_CREDIT),
        pricingCategory: '',
        commitment: null,
        tags: {},
        part: 'credit',
      };
    }

    // --- pods: CPU and memory by request, covered by the commitment first --------------------
    const items: ComputeItem[] = [];
    let requests = 0;
    const perService: { service: ServiceDefinition; requests: number }[] = [];
    for (const service of world.services) {
      const tags = { service: service.name, team: service.team };
      const resourceId = `eks/exchange-prod/${service.name}`;
      const gib = service.memory.requestBytes / GIB;
      items.push(
        {
          service,
          resourceId,
          tags,
          kind: 'cpu',
          quantity: service.cpu.requestCores,
          list: micro(service.cpu.requestCores * CPU_PER_CORE_HOUR),
        },
        {
          service,
          resourceId,
          tags,
          kind: 'memory',
          quantity: gib,
          list: micro(gib * MEMORY_PER_GIB_HOUR),
        },
      );
      const extra = extraRequestsInHour(ctx, service, t);
      if (extra.cores > 0 || extra.gib > 0) {
        const id = `${resourceId}-load-test`;
        const extraTags = { ...tags, purpose: 'load-test' };
        items.push(
          {
            service,
            resourceId: id,
            tags: extraTags,
            kind: 'cpu',
            quantity: extra.cores,
            list: micro(extra.cores * CPU_PER_CORE_HOUR),
          },
          {
            service,
            resourceId: id,
            tags: extraTags,
            kind: 'memory',
            quantity: extra.gib,
            list: micro(extra.gib * MEMORY_PER_GIB_HOUR),
          },
        );
      }
      const n = requestsInHour(ctx, service, t);
      requests += n;
      perService.push({ service, requests: n });
    }
    const demand = items.reduce((a, i) => a + i.list * committedRate, 0);
    const covered =
      demand >= hourly
        ? splitInteger(
            hourly,
            items.map(i => i.list),
          )
        : items.map(i => Math.round(i.list * committedRate));
    const unused = hourly - covered.reduce((a, c) => a + c, 0);
    for (const [k, item] of items.entries()) {
      const coveredList = Math.min(item.list, Math.round(covered[k]! / committedRate));
      const onDemand = item.list - coveredList;
      const coveredShare = item.list === 0 ? 0 : coveredList / item.list;
      const cpu = item.kind === 'cpu';
      const common = {
        ...base,
        category: 'Usage' as const,
        frequency: 'Usage-Based' as const,
        serviceName: 'Amazon Elastic Compute Cloud',
        serviceCategory: 'Compute',
        resourceId: item.resourceId,
        resourceType: 'Kubernetes Deployment',
        skuId: cpu ? 'EKS:SplitCost:vCPU' : 'EKS:SplitCost:Memory',
        unit: cpu ? 'vCPU-Hours' : 'GiB-Hours',
        listUnitPrice: cpu ? CPU_PER_CORE_HOUR : MEMORY_PER_GIB_HOUR,
        tags: item.tags,
        part: `service:${item.service.name}` as const,
      };
      if (covered[k]! > 0) {
        yield {
          ...common,
          description: `${item.service.name} ${cpu ? 'vCPU' : 'memory'} requests, covered by ${commitment.name}`,
          quantity: item.quantity * coveredShare,
          list: coveredList,
          billed: 0,
          effective: covered[k]!,
          pricingCategory: 'Committed',
          commitment: { ...commitment, status: 'Used' },
        };
      }
      if (onDemand > 0) {
        yield {
          ...common,
          description: `${item.service.name} ${cpu ? 'vCPU' : 'memory'} requests, on demand`,
          quantity: item.quantity * (1 - coveredShare),
          list: onDemand,
          billed: onDemand,
          effective: onDemand,
          pricingCategory: 'Standard',
          commitment: null,
        };
      }
    }
    if (unused > 0) {
      yield {
        ...base,
        account: PAYER_ACCOUNT,
        category: 'Usage',
        frequency: 'Usage-Based',
        serviceName: 'Savings Plans for AWS Compute usage',
        serviceCategory: 'Compute',
        resourceId: commitment.id,
        resourceType: 'Savings Plan',
        skuId: 'ComputeSP:1mo:AllUpfront',
        description: `${commitment.name}, unused commitment`,
        quantity: unused / MICRO,
        unit: 'Commitment',
        listUnitPrice: null,
        list: 0,
        billed: 0,
        effective: unused,
        pricingCategory: 'Committed',
        commitment: { ...commitment, status: 'Unused' },
        tags: {},
        part: 'commitment-unused',
      };
    }

    // --- per service: volumes, egress, what it holds outside the cluster ----------------------
    for (const { service, requests: n } of perService) {
      const profile = profileOf(service);
      const tags = { service: service.name, team: service.team };
      const part = `service:${service.name}` as const;
      const usage = {
        ...base,
        category: 'Usage' as const,
        frequency: 'Usage-Based' as const,
        pricingCategory: 'Standard' as const,
        commitment: null,
        part,
      };
      const storage = micro((profile.storageGb * EBS_PER_GB_MONTH) / HOURS_PER_MONTH);
      yield {
        ...usage,
        serviceName: 'Amazon Elastic Block Store',
        serviceCategory: 'Storage',
        resourceId: `ebs/exchange-prod/${service.name}`,
        resourceType: 'Volume',
        skuId: 'EBS:VolumeUsage.gp3',
        description: `${service.name} volumes, gp3`,
        quantity: profile.storageGb / HOURS_PER_MONTH,
        unit: 'GB-Mo',
        listUnitPrice: EBS_PER_GB_MONTH,
        list: storage,
        billed: storage,
        effective: storage,
        tags,
      };
      const gb = (n * profile.egressBytesPerRequest) / 1e9;
      const egress = micro(gb * EGRESS_PER_GB);
      yield {
        ...usage,
        serviceName: 'AWS Data Transfer',
        serviceCategory: 'Networking',
        resourceId: `elb/exchange-prod/${service.name}`,
        resourceType: 'Load Balancer',
        skuId: 'DataTransfer-Out-Bytes',
        description: `${service.name} data transfer out to the internet`,
        quantity: gb,
        unit: 'GB',
        listUnitPrice: EGRESS_PER_GB,
        list: egress,
        billed: egress,
        effective: egress,
        tags,
      };
      for (const extra of profile.extras) {
        const cost = micro(extra.hourly);
        yield {
          ...usage,
          serviceName: extra.serviceName,
          serviceCategory: extra.serviceCategory,
          resourceId: extra.resourceId,
          resourceType: extra.serviceName,
          skuId: extra.serviceName.replace(/\s+/g, ''),
          description: extra.description,
          quantity: 1,
          unit: 'Hours',
          listUnitPrice: extra.hourly,
          list: cost,
          billed: cost,
          effective: cost,
          tags: extra.tags,
        };
      }
    }

    // --- shared and untagged ------------------------------------------------------------------
    const charge = (c: PlatformCharge, part: 'platform' | 'untagged'): DemoCostRow => {
      const cost = micro(c.hourly + ((c.perMillionRequests ?? 0) * requests) / 1e6);
      return {
        ...base,
        account:
          part === 'untagged' && c.serviceCategory === 'Compute' ? SANDBOX_ACCOUNT : PROD_ACCOUNT,
        category: 'Usage',
        frequency: 'Usage-Based',
        serviceName: c.serviceName,
        serviceCategory: c.serviceCategory,
        resourceId: c.resourceId,
        resourceType: c.serviceName,
        skuId: c.serviceName.replace(/\s+/g, ''),
        description: c.description,
        quantity: 1,
        unit: 'Hours',
        listUnitPrice: null,
        list: cost,
        billed: cost,
        effective: cost,
        pricingCategory: 'Standard',
        commitment: null,
        tags:
          part === 'platform'
            ? { [PLATFORM_POOL_TAG.key]: PLATFORM_POOL_TAG.value, team: 'team-platform' }
            : {},
        part,
      };
    };
    for (const c of PLATFORM_CHARGES) yield charge(c, 'platform');
    for (const c of UNTAGGED_CHARGES) yield charge(c, 'untagged');
  }
}
