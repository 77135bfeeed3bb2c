import { FulfillmentRuleError, PickListStateError, planPackages, recordPick } from './pick-and-pack';

describe('pick and pack rules', () => {
  const requested = [
    { sku: 'TEA', quantity: 3 },
    { sku: 'CUP', quantity: 1 },
  ];

  it('records a pick with short picks, counting unreported SKUs as not found', () => {
    expect(recordPick('OPEN', requested, [{ sku: 'TEA', quantity: 2 }])).toEqual({
      lines: [
        { sku: 'TEA', requested: 3, picked: 2 },
        { sku: 'CUP', requested: 1, picked: 0 },
      ],
      shortPicks: [
        { sku: 'TEA', quantity: 1 },
        { sku: 'CUP', quantity: 1 },
      ],
    });
  });

  it('refuses over-picks, unknown SKUs, duplicates, and picking twice', () => {
    expect(() => recordPick('OPEN', requested, [{ sku: 'TEA', quantity: 4 }])).toThrow(FulfillmentRuleError);
    expect(() => recordPick('OPEN', requested, [{ sku: 'POT', quantity: 1 }])).toThrow(/not on this pick list/);
    expect(() =>
      recordPick('OPEN', requested, [
        { sku: 'TEA', quantity: 1 },
        { sku: 'TEA', quantity: 1 },
      ]),
    ).toThrow(/twice/);
    expect(() => recordPick('PICKED', requested, [])).toThrow(PickListStateError);
  });

  it('packs exactly what was picked and attributes units to the orders of a merged list', () => {
    const packages = planPackages(
      'PICKED',
      [
        { sku: 'TEA', picked: 3 },
        { sku: 'CUP', picked: 0 },
      ],
      [
        { orderId: 'o1', sku: 'TEA', quantity: 1 },
        { orderId: 'o2', sku: 'TEA', quantity: 2 },
      ],
      [
        { packageId: 'p1', weightGrams: 800, lines: [{ sku: 'TEA', quantity: 2 }] },
        { packageId: 'p2', weightGrams: 400, lines: [{ sku: 'TEA', quantity: 1 }] },
      ],
    );
    expect(packages.map((p) => p.lines)).toEqual([
      [
        { orderId: 'o1', sku: 'TEA', quantity: 1 },
        { orderId: 'o2', sku: 'TEA', quantity: 1 },
      ],
      [{ orderId: 'o2', sku: 'TEA', quantity: 1 }],
    ]);
  });

  it('refuses packages that do not hold what was picked, and packing before picking', () => {
    const picked = [{ sku: 'TEA', picked: 3 }];
    const owners = [{ orderId: 'o1', sku: 'TEA', quantity: 3 }];
    expect(() =>
      planPackages('PICKED', picked, owners, [
        { packageId: 'p', weightGrams: 1, lines: [{ sku: 'TEA', quantity: 2 }] },
      ]),
    ).toThrow(/3 of TEA were picked but 2/);
    expect(() =>
      planPackages('PICKED', picked, owners, [
        {
          packageId: 'p',
          weightGrams: 1,
          lines: [
            { sku: 'TEA', quantity: 3 },
            { sku: 'CUP', quantity: 1 },
          ],
        },
      ]),
    ).toThrow(/CUP was not picked/);
    expect(() => planPackages('OPEN', picked, owners, [])).toThrow(PickListStateError);
  });
});
