import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import type { EditRequest, OrderChange } from '../../domain/order-edit';

export type EditStatus = 'PENDING' | 'APPLIED' | 'REFUSED' | 'SUPERSEDED';

export interface EditView {
  editId: string;
  orderId: string;
  status: EditStatus;
  request: EditRequest;
  changes: OrderChange[];
  requestedBy: string;
  detail: string | null;
  requestedAt: string;
  decidedAt: string | null;
}

interface EditRow {
  edit_id: string;
  order_id: string;
  status: EditStatus;
  request: EditRequest;
  changes: OrderChange[];
  requested_by: string;
  detail: string | null;
  created_at: Date;
  decided_at: Date | null;
}

/** Every edit of an order and its outcome; joins the current UnitOfWork transaction. */
@Injectable()
export class OrderEditRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async record(edit: {
    editId: string;
    orderId: string;
    status: EditStatus;
    request: EditRequest;
    changes: OrderChange[];
    requestedBy: string;
  }): Promise<void> {
    await this.unitOfWork.manager.query(
      `INSERT INTO order_edits (edit_id, order_id, status, request, changes, requested_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $3 = 'PENDING' THEN NULL ELSE now() END)`,
      [
        edit.editId,
        edit.orderId,
        edit.status,
        JSON.stringify(edit.request),
        JSON.stringify(edit.changes),
        edit.requestedBy,
      ],
    );
  }

  async decide(editId: string, status: Exclude<EditStatus, 'PENDING'>, detail?: string): Promise<void> {
    await this.unitOfWork.manager.query(
      `UPDATE order_edits SET status = $2, detail = $3, decided_at = now() WHERE edit_id = $1 AND status = 'PENDING'`,
      [editId, status, detail ?? null],
    );
  }

  async find(orderId: string, editId: string): Promise<EditView | null> {
    const [row] = await this.unitOfWork.manager.query(
      `SELECT * FROM order_edits WHERE order_id = $1 AND edit_id = $2`,
      [orderId, editId],
    );
    return row ? toView(row) : null;
  }

  async ofOrder(orderId: string): Promise<EditView[]> {
    const rows: EditRow[] = await this.unitOfWork.manager.query(
      `SELECT * FROM order_edits WHERE order_id = $1 ORDER BY created_at`,
      [orderId],
    );
    return rows.map(toView);
  }
}

function toView(row: EditRow): EditView {
  return {
    editId: row.edit_id,
    orderId: row.order_id,
    status: row.status,
    request: row.request,
    changes: row.changes,
    requestedBy: row.requested_by,
    detail: row.detail,
    requestedAt: row.created_at.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
  };
}
