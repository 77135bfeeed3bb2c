/** The statuses of a shipment (the delivery note handed to a carrier). */
export const SHIPMENT_STATUSES = [
  'CREATED',
  'DISPATCHED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'VOIDED',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface PackedPackage {
  packageId: string;
  weightGrams: number;
  lines: Array<{ orderId: string; sku: string; quantity: number }>;
}

export interface DeliveryNote {
  /** Per order and SKU, summed over packages: what the customer will receive. */
  lines: Array<{ orderId: string; sku: string; quantity: number }>;
  totalWeightGrams: number;
  packageCount: number;
}

/** What goes on the delivery note of a packed pick list. */
export function deliveryNoteOf(packages: PackedPackage[]): DeliveryNote {
  if (packages.length === 0) throw new RangeError('a shipment needs at least one package');
  const quantities = new Map<string, { orderId: string; sku: string; quantity: number }>();
  let totalWeightGrams = 0;
  for (const pkg of packages) {
    if (!Number.isInteger(pkg.weightGrams) || pkg.weightGrams <= 0)
      throw new RangeError(`package ${pkg.packageId} has no weight`);
    totalWeightGrams += pkg.weightGrams;
    for (const line of pkg.lines) {
      const key = `${line.orderId}\u0000${line.sku}`;
      const existing = quantities.get(key);
      quantities.set(key, { ...line, quantity: (existing?.quantity ?? 0) + line.quantity });
    }
  }
  const lines = [...quantities.values()].sort(
    (a, b) => a.orderId.localeCompare(b.orderId) || a.sku.localeCompare(b.sku),
  );
  return { lines, totalWeightGrams, packageCount: packages.length };
}
