import type { Address, PlaceOrderCommand } from './order';

/** Test fixtures of the domain specs: a web order of tea and a cup, cash on delivery, to Hangzhou. */
export const TEST_ADDRESS: Address = {
  name: 'A',
  phone: '1',
  line1: 'x',
  city: 'Hangzhou',
  region: 'Zhejiang',
  postalCode: '310000',
  country: 'CN',
};

export function placeCommand(overrides: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand {
  return {
    customerId: 'c-1',
    channel: 'web',
    currency: 'CNY',
    items: [
      { sku: 'TEA', quantity: 3, unitPrice: 100 },
      { sku: 'CUP', quantity: 1, unitPrice: 50 },
    ],
    shippingAddress: TEST_ADDRESS,
    contact: {},
    paymentMethod: 'cod',
    ...overrides,
  };
}
