/**
 * Inputs and outputs of the capacity model: resource use as a function of a business driver
 * (QPS, TPS, users), the driver's forecast peak, and the capacity needed to serve it.
 * Times are unix seconds; series are Float64Arrays in time order, NaN for a missing sample.
 */

export type FitQuality = 'good' | 'poor' | 'insufficient';

export interface FitOptions {
  /** Fewer valid (driver, usage) pairs than this: quality 'insufficient'. Default 30. */
  minPoints?: number;
  /** Robust R² below this is a poor fit, unless usage is flat (see `flatSpread`). Default 0.6. */
  minRSquared?: number;
  /**
   * Usage whose residual sigma is below this fraction of its median is flat: a low R² then
   * means the driver does not matter, not that the model is wrong. Default 0.05.
   */
  flatSpread?: number;
  /** (p95 - p5) of the driver below this fraction of its median: too narrow. Default 0.2. */
  minDriverRange?: number;
  /** Residual sigma at high vs low driver beyond this ratio (either way): heteroscedastic. Default 2. */
  maxSpreadRatio?: number;
  /**
   * A single break in time is reported when fitting the two sides separately removes at least
   * this share of the squared (winsorised) residuals... Default 0.25.
   */
  minBreakGain?: number;
  /** ...and the two sides' lines differ by at least this fraction of median usage. Default 0.05. */
  minBreakShift?: number;
}

export interface ResidualSummary {
  /** Number of residuals summarised. */
  n: number;
  /** Robust sigma: MAD * 1.4826. */
  sigma: number;
  p50: number;
  p95: number;
  p99: number;
  /**
   * Quantiles of the bulk: residuals within `SPIKE_SIGMAS` robust sigmas of the median. The
   * margin reads these (when present), so a few short spikes cannot move it.
   */
  bulk?: { p95: number; p99: number };
  /** Residuals above the bulk: short spikes, a finding for limits (burst), not for requests. */
  spikes?: { n: number; share: number; p50: number; p95: number; max: number };
}

export interface StructuralBreak {
  /** Index (into the input arrays) of the first sample after the break. */
  index: number;
  /** Share of the squared winsorised residuals removed by fitting the two sides apart. */
  gain: number;
  /** Largest difference between the two sides' lines over the driver range both cover. */
  shift: number;
  before: { baseline: number; perUnit: number };
  after: { baseline: number; perUnit: number };
}

export interface ResourceFit {
  /** Usage at zero driver (cores, GiB, …: the usage series' unit). */
  baseline: number;
  /** Usage per unit of driver. */
  perUnit: number;
  /** Valid pairs used (NaN and infinite pairs are skipped). */
  n: number;
  /** Ordinary R² of the robust line over all valid points (outliers count fully). */
  rSquared: number;
  /** R² weighted by the final Huber weights: outliers count as much as the fit trusts them. */
  robustRSquared: number;
  /** Residuals (usage - fitted) over all valid points. */
  residuals: ResidualSummary;
  /** Residuals over the top quarter of driver values: the spread that matters at the peak. */
  highDriverResiduals: ResidualSummary;
  /** Residual sigma over the top third of driver values / over the bottom third. */
  spreadRatio: number;
  driver: { min: number; p5: number; median: number; p95: number; max: number; mean: number };
  usage: { min: number; median: number; max: number; mean: number };
  /** The most likely single break in the relation, when one is significant; else null. */
  structuralBreak: StructuralBreak | null;
  quality: FitQuality;
  /** Why the quality is not 'good', one sentence each. Empty when good. */
  reasons: string[];
  /** Findings that do not lower the quality but matter to a reader (flat usage, negative baseline…). */
  notes: string[];
}

export type PeakSeasonality = 'daily' | 'weekly' | 'none';

export interface ForecastOptions {
  /** How far ahead of the last sample the peak is sought, in seconds. */
  horizonSeconds: number;
  /** Default 'auto': weekly with ≥ 14 days of history if it explains clearly more than daily. */
  seasonality?: 'auto' | PeakSeasonality;
  /** Default 'linear' (Theil–Sen on daily means of the deseasonalised series). */
  trend?: 'linear' | 'none';
  /** Quantile of historical daily-peak residuals used for the upper band. Default 0.95. */
  peakQuantile?: number;
}

export interface PeakForecast {
  /** Expected peak over (last sample, last sample + horizon]: model peak + median daily-peak excess. */
  peak: number;
  /** Upper band: model peak + the `peakQuantile` of the daily-peak excesses. */
  upper: number;
  /** When the model's peak falls (unix seconds). */
  peakAt: number;
  /** The model's own peak over the horizon, before adding the daily-peak excess. */
  modelPeak: number;
  /** Largest observed value in the history. */
  historicalPeak: number;
  from: number;
  to: number;
  seasonality: PeakSeasonality;
  /** 'multiplicative' (profile scales with the trend) for non-negative series, else 'additive'. */
  mode: 'multiplicative' | 'additive';
  /** Trend level at the last sample and its slope per day, in driver units. */
  trend: { levelAtEnd: number; slopePerDay: number };
  /** Daily-peak excess over the model: actual daily max vs the model's max that day. */
  peakResiduals: {
    days: number;
    /** Ratios (actual / model - 1) when multiplicative, differences when additive. */
    p50: number;
    p95: number;
    quantile: number;
    atQuantile: number;
  };
  /** Fraction of the detrended variance the seasonal profile explains. */
  seasonalStrength: number;
  /** The model over the horizon at the profile's resolution (no peak excess added). */
  curve: { timestamps: Float64Array; values: Float64Array };
  quality: FitQuality;
  reasons: string[];
  explanation: string[];
}

export type CapacityUnit = 'cores' | 'GiB';

/**
 * What the latency objective allows. Modelled as an M/M/1 queue, whose response time is
 * exponential with mean S / (1 - ρ): the mean objective gives ρ ≤ 1 - S / L, a percentile q
 * gives ρ ≤ 1 - S ln(1 / (1 - q)) / L. Conservative for many cores (M/M/c queues less).
 */
export interface LatencyHeadroom {
  /** Latency at low load (the work itself, no queueing), seconds. */
  serviceTimeSeconds: number;
  /** The latency SLO's threshold, seconds. */
  objectiveSeconds: number;
  /** The percentile the objective applies to, e.g. 0.99; omitted: the mean. */
  percentile?: number;
}

export interface CurrentAllocation {
  /** Requests per replica, in the recommendation's unit. */
  requests: number;
  /** Limits per replica; omitted or Infinity when unlimited. */
  limits?: number;
  replicas: number;
}

export interface CapacityInput {
  fit: ResourceFit;
  forecast: PeakForecast;
  unit: CapacityUnit;
  /** Utilisation of the provisioned capacity aimed for at the peak, in (0, 1]. */
  targetUtilisation: number;
  latency?: LatencyHeadroom;
  current?: CurrentAllocation;
  /** The practice this replaces: reserve N × average use. */
  nFold?: number;
  /** Price of one unit (core or GiB) for one hour, from cost data. */
  pricePerUnitHour?: number;
  currency?: string;
  /** Residual quantile used for the usage margin: 0.95 (default) or 0.99. */
  marginQuantile?: 0.95 | 0.99;
  /** Relative difference within which the allocation counts as right-sized. Default 0.1. */
  tolerance?: number;
}

export type CapacityVerdict = 'over-provisioned' | 'under-provisioned' | 'right-sized';

export interface CapacityComparison {
  /** Total provisioned (all replicas), in the unit. */
  provisioned: number;
  /** provisioned - needed: positive is spare, negative is a shortfall. */
  difference: number;
  /** difference / needed. */
  relative: number;
  verdict: CapacityVerdict;
  /** difference × price × 730 h, when a price is given; positive is money spent on spare. */
  monthlyCost: number | null;
}

export interface CapacityRecommendation {
  unit: CapacityUnit;
  /** Capacity to provision in total (all replicas). */
  needed: number;
  /** needed / current replicas, when current is given: the request per replica. */
  neededPerReplica: number | null;
  components: {
    driverPeak: number;
    /** baseline + perUnit × driverPeak. */
    usageAtPeak: number;
    /** Usage residual quantile (at high driver) at `marginQuantile`, short spikes left out. */
    usageMargin: number;
    /** perUnit × (forecast upper - forecast peak). */
    forecastMargin: number;
    /** √(usageMargin² + forecastMargin²): the two uncertainties taken as independent. */
    margin: number;
    /** min(targetUtilisation, latency cap). */
    utilisation: number;
    latencyUtilisationCap: number | null;
  };
  /**
   * Short spikes above the fit (from the fit's residuals), or null when there are none: requests
   * leave them out; limits should allow `burst` = usage at peak + `height` (their p95). Absent
   * from recommendations stored before spikes were reported.
   */
  spikes?: { samples: number; share: number; height: number; burst: number } | null;
  /** Against current requests (and limits); null without `current`. */
  current: (CapacityComparison & { limitsProvisioned: number; limitsShortfall: number }) | null;
  /** Against an N-fold reservation of average use; null without `nFold`. */
  nFold: (CapacityComparison & { n: number; averageUse: number }) | null;
  quality: FitQuality;
  reasons: string[];
  explanation: string[];
}
