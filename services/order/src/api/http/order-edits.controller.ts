import { Body, Controller, Get, Headers, Param, Patch, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@oms/platform';
import type { Response } from 'express';
import { OrderNotFoundError } from '../../application/order-changes';
import { EditOrderService } from '../../application/edit/edit-order.service';
import { GetOrderQuery } from '../../application/queries/get-order.query';
import { toOrderView } from '../../application/queries/order-view';
import { CancelsWholeOrderError, EditNotAllowedError, type EditRequest, EditRuleError } from '../../domain/order-edit';
import { type EditView, OrderEditRepository } from '../../infrastructure/persistence/order-edit.repository';
import { EditOrderDto } from './dto/edit-order.dto';
import { uuidParam } from './params';

/** How long PATCH waits for the warehouse's answer by default (`Prefer: wait=N` seconds, at most 30). */
const DEFAULT_WAIT_MS = 5_000;

@ApiTags('orders')
@Controller('v1/orders/:id')
export class OrderEditsController {
  constructor(
    private readonly editing: EditOrderService,
    private readonly edits: OrderEditRepository,
    private readonly getOrder: GetOrderQuery,
  ) {}

  @Patch()
  @ApiOperation({
    summary: 'Change items, quantities, the address or the contact until picking starts',
    description:
      '200 with the order when the edit is applied (reservations follow). An order at the warehouse needs fulfillment to take its pick lists back: the answer waits for it (Prefer: wait=N seconds, default 5) and is 409 when picking had started, or 202 with the edit (GET …/edits/{editId}) if the warehouse has not answered yet. 409 with the state after picking started or dispatch.',
  })
  @ApiHeader({ name: 'Prefer', required: false, description: 'wait=N: seconds to wait for the warehouse (0-30)' })
  async edit(
    @Param('id', uuidParam) id: string,
    @Body() body: EditOrderDto,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { editedBy, ...request } = body;
    return startEdit(this.editing, this.getOrder, { id, request, by: editedBy ?? 'customer', prefer }, response);
  }

  @Get('edits')
  @ApiOperation({ summary: "The order's edits, oldest first, each with its outcome" })
  async list(@Param('id', uuidParam) id: string) {
    if (!(await this.getOrder.execute(id))) throw ProblemException.notFound('order', id);
    return { items: await this.edits.ofOrder(id) };
  }

  @Get('edits/:editId')
  @ApiOperation({ summary: 'One edit: PENDING, APPLIED, REFUSED (picking had started) or SUPERSEDED (cancelled)' })
  async one(@Param('id', uuidParam) id: string, @Param('editId', uuidParam) editId: string) {
    const edit = await this.edits.find(id, editId);
    if (!edit) throw ProblemException.notFound('edit', editId);
    return edit;
  }
}

/**
 * Starts an edit (or a cancel of lines) and answers as the warehouse decides: 200 with the order when it took
 * effect, 409 with the state when refused, 202 with the edit when still undecided after the wait.
 */
export async function startEdit(
  editing: EditOrderService,
  orders: GetOrderQuery,
  input: { id: string; request: EditRequest; by: string; prefer: string | undefined },
  response: Response,
) {
  let started: Awaited<ReturnType<EditOrderService['edit']>>;
  try {
    started = await editing.edit(input.id, input.request, input.by);
  } catch (error) {
    if (error instanceof OrderNotFoundError) throw ProblemException.notFound('order', input.id);
    if (error instanceof CancelsWholeOrderError) throw error;
    if (error instanceof EditNotAllowedError) throw ProblemException.conflict(error.message, error.currentState);
    if (error instanceof EditRuleError)
      throw ProblemException.unprocessable(error.message, error.field ? { field: error.field } : {});
    throw error;
  }
  const edit = await editing.awaitDecision(
    input.id,
    started.editId,
    started.status === 'APPLIED' ? 0 : waitMsOf(input.prefer),
  );
  return answerEdit(input.id, edit, orders, response);
}

async function answerEdit(orderId: string, edit: EditView, orders: GetOrderQuery, response: Response) {
  const order = (await orders.execute(orderId))!;
  if (edit.status === 'APPLIED') return { ...toOrderView(order), edit };
  if (edit.status !== 'PENDING') {
    throw ProblemException.conflict(
      `the edit was ${edit.status.toLowerCase()}: ${edit.detail ?? 'picking has started'}`,
      order.status,
      { edit },
    );
  }
  response.status(202).setHeader('Location', `/v1/orders/${orderId}/edits/${edit.editId}`);
  return { ...toOrderView(order), edit };
}

function waitMsOf(prefer: string | undefined): number {
  const match = /(?:^|[,;\s])wait=(\d+)/.exec(prefer ?? '');
  return match ? Math.min(30, Number(match[1])) * 1000 : DEFAULT_WAIT_MS;
}
