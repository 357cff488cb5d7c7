// What the demo exchange pays for: public AWS on-demand prices (USD, eu-west-1, 2025) and what
// each service holds besides its Kubernetes pods. Kept apart from the generator so the bill can
// be re-priced without touching how rows are written.

/** One vCPU requested for an hour, the node price split by requests (Kubecost's default). */
export const CPU_PER_CORE_HOUR = 0.031611;
/** One GiB of memory requested for an hour. */
export const MEMORY_PER_GIB_HOUR = 0.004237;
/** EBS gp3, per GB-month; an hour is 1/730 of a month in AWS pricing. */
export const EBS_PER_GB_MONTH = 0.08;
export const HOURS_PER_MONTH = 730;
/** Data transfer out to the internet, per GB. */
export const EGRESS_PER_GB = 0.09;
/** Compute Savings Plan discount on CPU and memory. */
export const SAVINGS_PLAN_DISCOUNT = 0.28;
/**
 * The hourly commitment bought, as a share of the cluster's steady compute at the discounted
 * price: below 1 every committed dollar is used every hour.
 */
export const DEFAULT_COMMITMENT_SHARE = 0.8;

/** A resource a service owns outside the cluster, billed by the hour. */
export interface ServiceExtra {
  resourceId: string;
  serviceName: string;
  serviceCategory: string;
  description: string;
  hourly: number;
  /** Its tags; without a `service` tag the catalog's cost-tags annotation has to claim it. */
  tags: Readonly<Record<string, string>>;
}

export interface ServiceCostProfile {
  /** Bytes sent to the internet per successful request. */
  egressBytesPerRequest: number;
  /** EBS volumes of the service's pods, GB. */
  storageGb: number;
  extras: readonly ServiceExtra[];
  /** The catalog's headroom.dev/cost-tags for tags other than `service`, if any. */
  costTags?: string;
}

const GB = 1000;

/** Per service of the simulator's world; a test checks every service has one. */
export const SERVICE_COSTS: Readonly<Record<string, ServiceCostProfile>> = {
  'order-gateway': { egressBytesPerRequest: 600, storageGb: 200, extras: [] },
  'matching-engine': { egressBytesPerRequest: 300, storageGb: 1 * GB, extras: [] },
  // Depth snapshots and candles: the biggest answers of the exchange.
  'market-data': { egressBytesPerRequest: 1000, storageGb: 2 * GB, extras: [] },
  'risk-engine': { egressBytesPerRequest: 400, storageGb: 300, extras: [] },
  'funding-rate': { egressBytesPerRequest: 600, storageGb: 100, extras: [] },
  'liquidation-bot': { egressBytesPerRequest: 500, storageGb: 50, extras: [] },
  'wallet-api': { egressBytesPerRequest: 1000, storageGb: 300, extras: [] },
  'cold-storage': {
    egressBytesPerRequest: 900,
    storageGb: 100,
    extras: [
      {
        resourceId: 'arn:aws:s3:::exchange-cold-vault-journal',
        serviceName: 'Amazon Simple Storage Service',
        serviceCategory: 'Storage',
        description: 'Vault journal bucket, S3 Glacier Instant Retrieval',
        hourly: 0.21,
        tags: { service: 'cold-storage', team: 'team-security' },
      },
    ],
  },
  // The HSMs were tagged by the security team with their own key: the component's cost-tags
  // annotation claims them.
  'withdrawal-signer': {
    egressBytesPerRequest: 700,
    storageGb: 50,
    costTags: 'app=hsm-signing',
    extras: [
      {
        resourceId: 'arn:aws:cloudhsm:eu-west-1:444455556666:cluster/cluster-hsm-signing',
        serviceName: 'AWS CloudHSM',
        serviceCategory: 'Security',
        description: 'CloudHSM cluster, two HSMs',
        hourly: 2 * 1.45,
        tags: { app: 'hsm-signing', team: 'team-security' },
      },
    ],
  },
  ledger: {
    egressBytesPerRequest: 250,
    storageGb: 500,
    extras: [
      {
        resourceId: 'arn:aws:rds:eu-west-1:444455556666:cluster:ledger-prod',
        serviceName: 'Amazon Aurora',
        serviceCategory: 'Databases',
        description: 'Aurora PostgreSQL, two db.r6g.2xlarge instances',
        hourly: 2 * 1.038,
        tags: { service: 'ledger', team: 'team-payments' },
      },
    ],
  },
  'card-issuing': { egressBytesPerRequest: 1200, storageGb: 100, extras: [] },
  'fiat-onramp': { egressBytesPerRequest: 1500, storageGb: 100, extras: [] },
};

/** Shared by every service, split by usage: tagged `cost-pool=platform`. */
export interface PlatformCharge {
  resourceId: string;
  serviceName: string;
  serviceCategory: string;
  description: string;
  hourly: number;
  /** Added per million requests of the whole exchange in that hour (log ingestion). */
  perMillionRequests?: number;
}

export const PLATFORM_CHARGES: readonly PlatformCharge[] = [
  {
    resourceId: 'arn:aws:eks:eu-west-1:444455556666:cluster/exchange-prod',
    serviceName: 'Amazon Elastic Kubernetes Service',
    serviceCategory: 'Compute',
    description: 'EKS control plane',
    hourly: 0.1,
  },
  {
    resourceId: 'eks/exchange-prod/nodegroup/system',
    serviceName: 'Amazon Elastic Compute Cloud',
    serviceCategory: 'Compute',
    description: 'System node group: ingress, CoreDNS, kube-proxy, agents (3 × m6i.xlarge)',
    hourly: 3 * 0.214,
  },
  {
    resourceId: 'arn:aws:aps:eu-west-1:444455556666:workspace/ws-exchange-prod',
    serviceName: 'Amazon Managed Service for Prometheus',
    serviceCategory: 'Management and Governance',
    description: 'Metric samples ingested and stored',
    hourly: 0.45,
  },
  {
    resourceId: 'arn:aws:logs:eu-west-1:444455556666:log-group:/exchange-prod/access',
    serviceName: 'Amazon CloudWatch',
    serviceCategory: 'Management and Governance',
    description: 'Access log ingestion (sampled)',
    hourly: 0.05,
    // 20 bytes per request after sampling, at 0.50 per GB ingested.
    perMillionRequests: 0.01,
  },
];

/** Spend nobody tagged: it stays unallocated, and visible. */
export const UNTAGGED_CHARGES: readonly PlatformCharge[] = [
  {
    resourceId: 'i-0a7d3c2b9e1f40d55',
    serviceName: 'Amazon Elastic Compute Cloud',
    serviceCategory: 'Compute',
    description: 'm6i.2xlarge in the sandbox account, no tags',
    hourly: 0.428,
  },
  {
    resourceId: 'arn:aws:s3:::exchange-exports-archive',
    serviceName: 'Amazon Simple Storage Service',
    serviceCategory: 'Storage',
    description: 'Old exports bucket, 12 TB S3 Standard',
    hourly: (12_000 * 0.023) / HOURS_PER_MONTH,
  },
  {
    resourceId: 'nat-04c1e9f7a2b3d6e80',
    serviceName: 'Amazon Virtual Private Cloud',
    serviceCategory: 'Networking',
    description: 'NAT gateway of a deleted VPC peering test',
    hourly: 0.048,
  },
];

/** A daily promotional credit, shared by usage like the platform. */
export const DAILY_CREDIT = 20;
