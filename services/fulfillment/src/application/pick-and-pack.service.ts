import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OrderPackedV1, OrderPickedV1 } from '@oms/contracts';
import { EventPublisher, UnitOfWork } from '@oms/platform';
import { PickListStateError, planPackages, recordPick } from '../domain/pick-and-pack';
import { purposeOf } from '../domain/pick-list';
import { type LockedPickList, PickListRepository } from '../infrastructure/persistence/pick-list.repository';

export class PickListNotFoundError extends Error {}

/** Warehouse staff report picking and packing; each step is saved under the pick list's row lock and published. */
@Injectable()
export class PickAndPackService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Picking starts: an OPEN list becomes PICKING (again: no change). */
  async start(id: string) {
    return this.onLocked(id, async (list) => {
      if (list.status === 'PICKING') return;
      if (list.status !== 'OPEN') throw new PickListStateError(list.status, 'started');
      await this.pickLists.markPicking(id);
    });
  }

  async pick(id: string, picked: Array<{ sku: string; quantity: number }>) {
    return this.onLocked(id, async (list) => {
      const result = recordPick(list.status, list.lines, picked);
      await this.pickLists.savePick(id, result.lines);
      await this.events.publish(OrderPickedV1, {
        orderId: list.orderIds[0]!,
        payload: {
          pickListId: id,
          warehouseId: list.warehouseId,
          orderIds: list.orderIds,
          lines: result.lines,
          shortPicks: result.shortPicks,
        },
      });
    });
  }

  async pack(id: string, packages: Array<{ weightGrams: number; lines: Array<{ sku: string; quantity: number }> }>) {
    return this.onLocked(id, async (list) => {
      const packed = planPackages(
        list.status,
        list.lines,
        list.orderLines,
        packages.map((p) => ({ ...p, packageId: randomUUID() })),
      );
      await this.pickLists.savePacked(id, packed);
      await this.events.publish(OrderPackedV1, {
        orderId: list.orderIds[0]!,
        payload: {
          pickListId: id,
          warehouseId: list.warehouseId,
          orderIds: list.orderIds,
          packages: packed,
          customerId: list.customerId,
          shippingAddress: list.shippingAddress,
          contact: list.contact,
          ...purposeOf(list),
        },
      });
    });
  }

  private async onLocked(id: string, work: (list: LockedPickList) => Promise<void>) {
    await this.unitOfWork.run(async () => {
      const list = await this.pickLists.lockForWork(id);
      if (!list) throw new PickListNotFoundError(id);
      await work(list);
    });
    return this.pickLists.findById(id);
  }
}
