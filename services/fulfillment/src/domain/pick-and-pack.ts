import type { PickListStatus } from './pick-list';

export class FulfillmentRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FulfillmentRuleError';
  }
}

export class PickListStateError extends Error {
  constructor(
    readonly status: PickListStatus,
    action: string,
  ) {
    super(`a pick list that is ${status} cannot be ${action}`);
    this.name = 'PickListStateError';
  }
}

export interface PickResult {
  lines: Array<{ sku: string; requested: number; picked: number }>;
  /** What the picker could not find: reported so that the saga can backorder or reship it. */
  shortPicks: Array<{ sku: string; quantity: number }>;
}

/** Records what was picked against what was asked; a SKU not reported was not found (picked 0). */
export function recordPick(
  status: PickListStatus,
  requested: Array<{ sku: string; quantity: number }>,
  picked: Array<{ sku: string; quantity: number }>,
): PickResult {
  if (status !== 'OPEN' && status !== 'PICKING') throw new PickListStateError(status, 'picked');
  const reported = new Map<string, number>();
  for (const line of picked) {
    if (reported.has(line.sku)) throw new FulfillmentRuleError(`sku ${line.sku} is reported twice`, 'lines');
    reported.set(line.sku, line.quantity);
  }
  for (const sku of reported.keys()) {
    if (!requested.some((r) => r.sku === sku))
      throw new FulfillmentRuleError(`sku ${sku} is not on this pick list`, 'lines');
  }
  const lines = requested.map((r) => {
    const count = reported.get(r.sku) ?? 0;
    if (count > r.quantity)
      throw new FulfillmentRuleError(`picked ${count} of ${r.sku} but only ${r.quantity} were asked for`, 'lines');
    return { sku: r.sku, requested: r.quantity, picked: count };
  });
  const shortPicks = lines
    .filter((l) => l.picked < l.requested)
    .map((l) => ({ sku: l.sku, quantity: l.requested - l.picked }));
  return { lines, shortPicks };
}

export interface PackedPackage {
  packageId: string;
  weightGrams: number;
  lines: Array<{ orderId: string; sku: string; quantity: number }>;
}

/**
 * Checks the packages hold exactly what was picked, and says which order each packed unit belongs to (a
 * merged pick list serves several orders: units go to orders in the order of the pick list's lines).
 */
export function planPackages(
  status: PickListStatus,
  picked: Array<{ sku: string; picked: number }>,
  orderLines: Array<{ orderId: string; sku: string; quantity: number }>,
  packages: Array<{ packageId: string; weightGrams: number; lines: Array<{ sku: string; quantity: number }> }>,
): PackedPackage[] {
  if (status !== 'PICKED') throw new PickListStateError(status, 'packed');
  const packedPerSku = new Map<string, number>();
  for (const pkg of packages) {
    for (const line of pkg.lines) packedPerSku.set(line.sku, (packedPerSku.get(line.sku) ?? 0) + line.quantity);
  }
  for (const line of picked) {
    if ((packedPerSku.get(line.sku) ?? 0) !== line.picked) {
      throw new FulfillmentRuleError(
        `${line.picked} of ${line.sku} were picked but ${packedPerSku.get(line.sku) ?? 0} are packed`,
        'packages',
      );
    }
  }
  for (const sku of packedPerSku.keys()) {
    if (!picked.some((p) => p.sku === sku && p.picked > 0))
      throw new FulfillmentRuleError(`sku ${sku} was not picked`, 'packages');
  }
  const remaining = orderLines.map((l) => ({ ...l }));
  return packages.map((pkg) => ({
    packageId: pkg.packageId,
    weightGrams: pkg.weightGrams,
    lines: pkg.lines.flatMap((line) => {
      const out: Array<{ orderId: string; sku: string; quantity: number }> = [];
      let left = line.quantity;
      for (const owner of remaining) {
        if (left === 0) break;
        if (owner.sku !== line.sku || owner.quantity === 0) continue;
        const take = Math.min(left, owner.quantity);
        owner.quantity -= take;
        left -= take;
        out.push({ orderId: owner.orderId, sku: line.sku, quantity: take });
      }
      return out;
    }),
  }));
}
