/** A carrier the business ships with: where it delivers, what it takes, what it costs, its tracking format. */
export interface CarrierRule {
  code: string;
  /** ISO 3166-1 alpha-2 countries served; '*' serves everywhere. */
  countries: string[];
  maxWeightGrams: number;
  baseRateMinor: number;
  perKgRateMinor: number;
  tracking: { prefix: string; digits: number; suffix?: string };
  /** Public tracking page; `{n}` is replaced by the tracking number. */
  trackingUrl?: string;
}

/** The carriers of a deployment without CARRIERS configured: enough to run locally and in tests. */
export const DEFAULT_CARRIERS: CarrierRule[] = [
  {
    code: 'sf-express',
    countries: ['CN', 'HK', 'TW', 'MO'],
    maxWeightGrams: 30_000,
    baseRateMinor: 1_800,
    perKgRateMinor: 400,
    tracking: { prefix: 'SF', digits: 12 },
    trackingUrl: 'https://www.sf-express.com/track?no={n}',
  },
  {
    code: 'yto',
    countries: ['CN'],
    maxWeightGrams: 50_000,
    baseRateMinor: 800,
    perKgRateMinor: 200,
    tracking: { prefix: 'YT', digits: 13 },
  },
  {
    code: 'ems',
    countries: ['*'],
    maxWeightGrams: 30_000,
    baseRateMinor: 6_000,
    perKgRateMinor: 1_500,
    tracking: { prefix: 'E', digits: 9, suffix: 'CN' },
  },
];

export class CarrierRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CarrierRuleError';
  }
}

export function serves(rule: CarrierRule, country: string, weightGrams: number): boolean {
  return (rule.countries.includes('*') || rule.countries.includes(country)) && weightGrams <= rule.maxWeightGrams;
}

/** Price of a parcel in minor units: a base rate plus a rate per started kilogram. */
export function quote(rule: CarrierRule, weightGrams: number): number {
  return rule.baseRateMinor + Math.ceil(weightGrams / 1000) * rule.perKgRateMinor;
}

/** The requested carrier when it serves the parcel, else the cheapest that does (ties: the first listed). */
export function chooseCarrier(
  rules: CarrierRule[],
  parcel: { country: string; weightGrams: number },
  requested?: string,
): { rule: CarrierRule; costMinor: number } {
  if (requested) {
    const rule = rules.find((r) => r.code === requested);
    if (!rule) throw new CarrierRuleError(`unknown carrier ${requested}`);
    if (!serves(rule, parcel.country, parcel.weightGrams)) {
      throw new CarrierRuleError(`${requested} does not take ${parcel.weightGrams} g to ${parcel.country}`);
    }
    return { rule, costMinor: quote(rule, parcel.weightGrams) };
  }
  const eligible = rules.filter((r) => serves(r, parcel.country, parcel.weightGrams));
  if (eligible.length === 0)
    throw new CarrierRuleError(`no carrier takes ${parcel.weightGrams} g to ${parcel.country}`);
  const best = eligible.reduce((a, b) => (quote(b, parcel.weightGrams) < quote(a, parcel.weightGrams) ? b : a));
  return { rule: best, costMinor: quote(best, parcel.weightGrams) };
}

/** A tracking number in the carrier's format from the given random digits. */
export function trackingNumberFor(rule: CarrierRule, randomDigits: string): string {
  if (!/^\d+$/.test(randomDigits) || randomDigits.length < rule.tracking.digits)
    throw new RangeError('not enough random digits');
  return `${rule.tracking.prefix}${randomDigits.slice(0, rule.tracking.digits)}${rule.tracking.suffix ?? ''}`;
}
