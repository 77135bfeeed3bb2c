import { callLeaseMs, recordOutcome } from './claimed-calls';

describe('claimed outside calls', () => {
  it('lease one call and the recording of its outcome, not a batch of calls in a row', () => {
    expect(callLeaseMs(10_000)).toBe(25_000);
  });

  it('record again while the database restarts, then succeed', async () => {
    let tries = 0;
    await recordOutcome(async () => {
      tries += 1;
      if (tries < 3) throw Object.assign(new Error('the database system is shutting down'), { code: '57P01' });
    }, 10);
    expect(tries).toBe(3);
  });

  it('do not retry a fault of the code', async () => {
    let tries = 0;
    const failing = recordOutcome(async () => {
      tries += 1;
      throw new TypeError('bad');
    }, 10);
    await expect(failing).rejects.toThrow('bad');
    expect(tries).toBe(1);
  });
});
