import { planCustomerMessages } from './message-plan';

describe('planCustomerMessages', () => {
  const contact = { email: 'li@example.com', phone: '+8613800000000', locale: 'zh-CN' as const };

  it('sends email by default, in the order locale', () => {
    expect(planCustomerMessages(contact, null)).toEqual([
      { channel: 'email', recipient: 'li@example.com', locale: 'zh-CN' },
    ]);
  });

  it('follows stated preferences and their locale', () => {
    expect(planCustomerMessages(contact, { email: false, sms: true, locale: 'zh-TW' })).toEqual([
      { channel: 'sms', recipient: '+8613800000000', locale: 'zh-TW' },
    ]);
  });

  it('falls back to English and skips channels without an address', () => {
    expect(planCustomerMessages({ phone: '+1555' }, null)).toEqual([]);
    expect(planCustomerMessages({ email: 'a@b.co' }, null)[0]?.locale).toBe('en');
  });

  it('sends nothing when the customer turned every channel off', () => {
    expect(planCustomerMessages(contact, { email: false, sms: false, locale: 'en' })).toEqual([]);
  });
});
