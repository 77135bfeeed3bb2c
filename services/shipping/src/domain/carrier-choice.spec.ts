import { CarrierRuleError, chooseCarrier, DEFAULT_CARRIERS, quote, trackingNumberFor } from './carrier-choice';

describe('carrier choice', () => {
  it('takes the cheapest carrier that serves the destination and weight', () => {
    expect(chooseCarrier(DEFAULT_CARRIERS, { country: 'CN', weightGrams: 1650 }).rule.code).toBe('yto');
    expect(chooseCarrier(DEFAULT_CARRIERS, { country: 'TW', weightGrams: 1650 }).rule.code).toBe('sf-express');
    expect(chooseCarrier(DEFAULT_CARRIERS, { country: 'FR', weightGrams: 1650 }).rule.code).toBe('ems');
    expect(chooseCarrier(DEFAULT_CARRIERS, { country: 'CN', weightGrams: 40_000 }).rule.code).toBe('yto');
  });

  it('honours a requested carrier only where it serves', () => {
    expect(chooseCarrier(DEFAULT_CARRIERS, { country: 'CN', weightGrams: 500 }, 'sf-express')).toEqual({
      rule: DEFAULT_CARRIERS[0],
      costMinor: 2_200,
    });
    expect(() => chooseCarrier(DEFAULT_CARRIERS, { country: 'TW', weightGrams: 500 }, 'yto')).toThrow(CarrierRuleError);
    expect(() => chooseCarrier(DEFAULT_CARRIERS, { country: 'CN', weightGrams: 500 }, 'pony-express')).toThrow(
      /unknown carrier/,
    );
    expect(() => chooseCarrier(DEFAULT_CARRIERS, { country: 'FR', weightGrams: 60_000 })).toThrow(/no carrier/);
  });

  it('prices per started kilogram and formats tracking numbers per carrier', () => {
    expect(quote(DEFAULT_CARRIERS[1]!, 1001)).toBe(800 + 2 * 200);
    expect(trackingNumberFor(DEFAULT_CARRIERS[0]!, '1234567890123456')).toBe('SF123456789012');
    expect(trackingNumberFor(DEFAULT_CARRIERS[2]!, '1234567890123456')).toBe('E123456789CN');
  });
});
