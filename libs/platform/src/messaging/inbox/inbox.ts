import type { EntityManager } from 'typeorm';
import type { ConsumedEvent } from '../consumed-event';

/**
 * Records, in the caller's transaction, which events a consumer group has applied. `claim` returns only the
 * events not applied before, so a redelivered event (after a crash before the offset commit, a rebalance,
 * a relay re-publish or a DLQ replay) changes nothing.
 */
export class Inbox {
  constructor(private readonly consumerGroup: string) {}

  async claim<T extends ConsumedEvent>(manager: EntityManager, events: T[]): Promise<T[]> {
    if (events.length === 0) return [];
    const unique = [...new Map(events.map((e) => [e.id, e])).values()];
    const params: unknown[] = [this.consumerGroup];
    const tuples = unique.map((e, i) => {
      params.push(e.id, e.type, e.meta.topic, e.meta.partition, e.meta.offset);
      const p = 1 + i * 5;
      return `($1, $${p + 1}::uuid, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::bigint)`;
    });
    const inserted: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO messaging_inbox (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset)
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING event_id`,
      params,
    );
    const fresh = new Set(inserted.map((r) => r.event_id));
    // Keep arrival order; a duplicate inside one batch is applied once, at its first place.
    const seen = new Set<string>();
    return events.filter((e) => fresh.has(e.id) && !seen.has(e.id) && seen.add(e.id));
  }
}
