import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import { type Compensation, nextDueAt } from '../../domain/saga/cancellation-saga';

/** Stores the cancellation saga's state (one row per cancellation); joins the current UnitOfWork. */
@Injectable()
export class CompensationRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async save(compensation: Compensation): Promise<void> {
    await this.unitOfWork.requireTransaction().query(
      `INSERT INTO order_compensations (cancellation_id, order_id, status, due_at, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (cancellation_id) DO UPDATE SET status = EXCLUDED.status, due_at = EXCLUDED.due_at,
         state = EXCLUDED.state, updated_at = now()`,
      [
        compensation.cancellationId,
        compensation.orderId,
        compensation.status,
        nextDueAt(compensation),
        JSON.stringify(compensation),
      ],
    );
  }

  /** The saga of one cancellation, locked until the transaction ends (its answers and its timer queue up). */
  async lock(cancellationId: string): Promise<Compensation | null> {
    const [row] = await this.unitOfWork
      .requireTransaction()
      .query(`SELECT state FROM order_compensations WHERE cancellation_id = $1 FOR UPDATE`, [cancellationId]);
    return row ? (row.state as Compensation) : null;
  }

  /** Sagas whose running step is overdue, locked (SKIP LOCKED: instances share the timer, none twice). */
  async lockOverdue(limit: number): Promise<Compensation[]> {
    const rows: Array<{ state: Compensation }> = await this.unitOfWork
      .requireTransaction()
      .query(
        `SELECT state FROM order_compensations WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
    return rows.map((r) => r.state);
  }

  async ofOrder(orderId: string): Promise<Compensation[]> {
    const rows: Array<{ state: Compensation }> = await this.unitOfWork.manager.query(
      `SELECT state FROM order_compensations WHERE order_id = $1 ORDER BY created_at`,
      [orderId],
    );
    return rows.map((r) => r.state);
  }
}
