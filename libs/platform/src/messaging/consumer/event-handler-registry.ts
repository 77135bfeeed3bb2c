import { type EventDefinition, eventKey } from '@oms/contracts';
import type { ConsumedEvent } from '../consumed-event';

/** Receives every event of one run of the batch (consecutive events of its type), inside the batch's transaction. */
export type EventBatchHandler = (events: ConsumedEvent[]) => Promise<void>;

interface Registration {
  definition: EventDefinition;
  handler: EventBatchHandler;
  name: string;
}

/** Which handlers apply which event type and version. */
export class EventHandlerRegistry {
  private readonly byKey = new Map<string, Registration[]>();

  register(definition: EventDefinition, handler: EventBatchHandler, name: string): void {
    const key = eventKey(definition.type, definition.version);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), { definition, handler, name }]);
  }

  handlersFor(type: string, version: number): Registration[] {
    return this.byKey.get(eventKey(type, version)) ?? [];
  }

  /** Logical topics to subscribe to: those of every handled event. */
  topics(): string[] {
    return [...new Set([...this.byKey.values()].flat().map((r) => r.definition.topic))];
  }

  get size(): number {
    return this.byKey.size;
  }
}
