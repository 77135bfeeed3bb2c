import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { UnitOfWork } from '../src/database/unit-of-work';
import { ProblemException } from '../src/http/problem';
import { WebhookReceiver, type WebhookDelivery } from '../src/http/webhook-receiver';
import { signWebhook } from '../src/http/webhook-signature';
import { createTestDatabase } from '../src/testing';
import { openDatabase } from './harness';

const SECRET = 'receiver-spec-secret';
const TOLERANCE_SECONDS = 300;

describe('webhook receiver: each delivery taken once (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await createTestDatabase('webhook_receiver');
    dataSource = await openDatabase(db.url);
    await dataSource.query(`CREATE TABLE webhook_effects (id serial PRIMARY KEY, body text NOT NULL)`);
    unitOfWork = new UnitOfWork(dataSource);
    receiver = new WebhookReceiver(unitOfWork, TOLERANCE_SECONDS);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const delivery = (body: string, signedAt = new Date()): WebhookDelivery => ({
    source: 'test',
    secret: SECRET,
    rawBody: Buffer.from(body),
    signature: signWebhook(body, SECRET, signedAt),
  });
  /** The work a delivery does: one row, written in the receiver's transaction. */
  const recordEffect = (body: string) => async () => {
    await unitOfWork.requireTransaction().query(`INSERT INTO webhook_effects (body) VALUES ($1)`, [body]);
    return { applied: body };
  };
  const effectsOf = async (body: string) =>
    (
      (await dataSource.query(`SELECT count(*)::int AS n FROM webhook_effects WHERE body = $1`, [body])) as [
        { n: number },
      ]
    )[0].n;

  const receiptCount = async () =>
    ((await dataSource.query(`SELECT count(*)::int AS n FROM webhook_receipts`)) as [{ n: number }])[0].n;

  it('runs the work once: the same delivery again answers duplicate, even when both arrive together', async () => {
    const body = `paid-${randomUUID()}`;
    const sent = delivery(body);
    const answers = await Promise.all(Array.from({ length: 8 }, () => receiver.receiveOnce(sent, recordEffect(body))));
    expect(answers.filter((a) => 'applied' in a)).toEqual([{ applied: body }]);
    const duplicates = answers.filter((a) => 'duplicate' in a);
    expect(duplicates).toHaveLength(7);
    expect(duplicates[0]).toEqual({ duplicate: true, firstReceivedAt: expect.any(String) });
    expect(await receiver.receiveOnce(sent, recordEffect(body))).toMatchObject({ duplicate: true });
    expect(await effectsOf(body)).toBe(1);
  });

  it('takes the same body signed at another time as another delivery (what it means is the work’s concern)', async () => {
    const body = `report-${randomUUID()}`;
    await receiver.receiveOnce(delivery(body, new Date(Date.now() - 2000)), recordEffect(body));
    await receiver.receiveOnce(delivery(body), recordEffect(body));
    expect(await effectsOf(body)).toBe(2);
  });

  it('keeps no receipt when the work fails, so the sender may try the same delivery again', async () => {
    const body = `retried-${randomUUID()}`;
    const sent = delivery(body);
    await expect(
      receiver.receiveOnce(sent, async () => {
        await recordEffect(body)();
        throw new Error('the order is locked elsewhere');
      }),
    ).rejects.toThrow('the order is locked elsewhere');
    expect(await effectsOf(body)).toBe(0);
    expect(await receiver.receiveOnce(sent, recordEffect(body))).toEqual({ applied: body });
    expect(await effectsOf(body)).toBe(1);
  });

  it('refuses a bad or stale signature with 401 before anything is written', async () => {
    const body = `refused-${randomUUID()}`;
    const receiptsBefore = await receiptCount();
    const stale = delivery(body, new Date(Date.now() - (TOLERANCE_SECONDS + 5) * 1000));
    for (const refused of [stale, { ...delivery(body), signature: undefined }, { ...delivery(body), secret: 'x' }]) {
      await expect(receiver.receiveOnce(refused, recordEffect(body))).rejects.toBeInstanceOf(ProblemException);
    }
    expect(await effectsOf(body)).toBe(0);
    expect(await receiptCount()).toBe(receiptsBefore);
  });

  it('forgets receipts only long after their deliveries stopped passing the time check', async () => {
    const longAgo = new Date(Date.now() - 3 * TOLERANCE_SECONDS * 1000);
    const recently = new Date(Date.now() - 60 * 1000);
    await dataSource.query(
      `INSERT INTO webhook_receipts (source, digest, signed_at) VALUES ('old', 'a', $1), ('old', 'b', $2)`,
      [longAgo, recently],
    );
    const body = `pruning-${randomUUID()}`;
    await receiver.receiveOnce(delivery(body), recordEffect(body));
    const kept = await dataSource.query(`SELECT digest FROM webhook_receipts WHERE source = 'old'`);
    expect(kept).toEqual([{ digest: 'b' }]);
  });
});
