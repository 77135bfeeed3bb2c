import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../database/unit-of-work';
import { type VerifiedWebhook, verifyWebhookSignature } from './webhook-signature';

/** The answer (200) to a delivery taken before: nothing changed this time. */
export interface DuplicateWebhook {
  duplicate: true;
  /** When the delivery was first taken. */
  firstReceivedAt: string;
}

export interface WebhookDelivery {
  /** Names the sender (`payment`, `carrier`) in errors and receipts. */
  source: string;
  secret: string | undefined;
  rawBody: Buffer | undefined;
  /** The X-Signature header. */
  signature: string | undefined;
}

/** Receipts deleted per delivery at most: pruning stays a small, bounded part of each request. */
const PRUNE_BATCH = 100;

/**
 * Takes each signed webhook delivery once. The signature must be right and recent (else 401); the delivery is
 * then recorded in `webhook_receipts` in the same transaction as what `work` changes, so the same delivery sent
 * again, even at the same moment (the second insert waits for the first to commit), finds its receipt and changes
 * nothing. A delivery whose work failed leaves no receipt, so the sender may retry it.
 */
export class WebhookReceiver {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly toleranceSeconds: number,
  ) {}

  async receiveOnce<T>(
    delivery: WebhookDelivery,
    work: () => Promise<T>,
    now: Date = new Date(),
  ): Promise<T | DuplicateWebhook> {
    const verified = verifyWebhookSignature(delivery.rawBody, delivery.signature, {
      source: delivery.source,
      secret: delivery.secret,
      toleranceSeconds: this.toleranceSeconds,
      now,
    });
    return this.unitOfWork.run(async (manager) => {
      const firstReceivedAt = await this.recordReceipt(manager, verified);
      if (firstReceivedAt) return { duplicate: true, firstReceivedAt: firstReceivedAt.toISOString() };
      await this.pruneExpired(manager, now);
      return work();
    });
  }

  /** Records the delivery; returns when it was first received if it was recorded before. */
  private async recordReceipt(manager: EntityManager, delivery: VerifiedWebhook): Promise<Date | undefined> {
    const key = [delivery.source, delivery.digest];
    const inserted: unknown[] = await manager.query(
      `INSERT INTO webhook_receipts (source, digest, signed_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING digest`,
      [...key, delivery.signedAt],
    );
    if (inserted.length > 0) return undefined;
    const [first]: Array<{ received_at: Date }> = await manager.query(
      `SELECT received_at FROM webhook_receipts WHERE source = $1 AND digest = $2`,
      key,
    );
    // Still there: a receipt is pruned only long after a delivery with its signing time stops passing the check.
    return first!.received_at;
  }

  /**
   * A receipt is needed while its delivery would still pass the time check; twice the tolerance leaves room for
   * instances whose clocks differ. SKIP LOCKED: deliveries arriving together never wait for each other here.
   */
  private async pruneExpired(manager: EntityManager, now: Date): Promise<void> {
    const expiredBefore = new Date(now.getTime() - 2 * this.toleranceSeconds * 1000);
    await manager.query(
      `DELETE FROM webhook_receipts WHERE (source, digest) IN (
         SELECT source, digest FROM webhook_receipts WHERE signed_at < $1 LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`,
      [expiredBefore],
    );
  }
}
