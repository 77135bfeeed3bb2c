import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { ORDER_SERVICE_NAME, ORDER_SERVICE_PROTO, PROTO_ROOT } from '@oms/contracts';
import {
  GrpcError,
  GrpcServerHost,
  type Logger,
  PLATFORM_LOGGER,
  ProblemException,
  SERVICE_CONFIG,
  toServiceError,
  unaryCall,
  validateGrpcRequest,
} from '@oms/platform';
import { CancelOrderService } from '../../application/cancel/cancel-order.service';
import { OrderNotFoundError } from '../../application/order-changes';
import { IdempotencyKeyReusedError, PlaceOrderHandler } from '../../application/place-order/place-order.handler';
import { requestHash } from '../../application/place-order/request-hash';
import { GetOrderQuery } from '../../application/queries/get-order.query';
import { type OrderView, toOrderView } from '../../application/queries/order-view';
import type { OrderConfig } from '../../config';
import { CancellationNotAllowedError, OrderRuleError } from '../../domain/order';
import { IllegalTransitionError } from '../../domain/order-status';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';
import { OrderStatusFeed, type StatusChangeRow } from '../../infrastructure/persistence/order-status-feed';
import { ListOrdersQuery } from '../http/dto/list-orders.query';
import { PlaceOrderDto, placeOrderCommandOf } from '../http/dto/place-order.dto';
import { CancelOrderDto } from '../http/dto/review-and-payment.dto';
import * as wire from './order-wire';

const FINAL_STATES = new Set(['COMPLETED', 'CANCELLED', 'REJECTED']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The order service's gRPC door (oms.order.v1.OrderService): the same application handlers and validation
 * classes as REST, so both answer alike. Starts after the application boots and stops first on shutdown,
 * ending open status streams.
 */
@Injectable()
export class OrderGrpcServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly host: GrpcServerHost;
  private readonly openStreams = new Set<grpc.ServerWritableStream<unknown, unknown>>();

  constructor(
    private readonly placeOrder: PlaceOrderHandler,
    private readonly getOrder: GetOrderQuery,
    private readonly queries: OrderQueriesRepository,
    private readonly cancellation: CancelOrderService,
    private readonly statusFeed: OrderStatusFeed,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {
    this.host = new GrpcServerHost(
      { protoRoot: PROTO_ROOT, protoFile: ORDER_SERVICE_PROTO, serviceName: ORDER_SERVICE_NAME },
      {
        PlaceOrder: unaryCall(logger, (request: wire.PlaceOrderRequest) => this.place(request)),
        GetOrder: unaryCall(logger, (request: { id: string }) => this.get(request.id)),
        ListOrders: unaryCall(logger, (request: wire.ListOrdersRequest) => this.list(request)),
        CancelOrder: unaryCall(logger, (request: wire.CancelOrderRequest) => this.cancel(request)),
        WatchOrderStatus: (call: grpc.ServerWritableStream<{ id: string }, wire.OrderStatusChange>) =>
          void this.watch(call),
      },
      logger,
    );
  }

  /** The bound port (GRPC_PORT, or the one the system chose when it is 0). */
  get port(): number {
    return this.host.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.GRPC_ENABLED) return;
    await this.host.start(this.config.GRPC_HOST, this.config.GRPC_PORT);
  }

  async onModuleDestroy(): Promise<void> {
    for (const stream of this.openStreams) stream.end();
    await this.host.stop();
  }

  private async place(request: wire.PlaceOrderRequest): Promise<wire.Order> {
    const body = await validateGrpcRequest(PlaceOrderDto, wire.placeOrderBody(request));
    const key = request.idempotency_key;
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, 'idempotency_key: must be 1-255 visible ASCII characters');
    }
    const result = await this.answer(() =>
      this.placeOrder.execute(placeOrderCommandOf(body), key ? { key, requestHash: requestHash(body) } : undefined),
    );
    return wire.toWireOrder(result.kind === 'placed' ? result.order : (result.body as OrderView));
  }

  private async get(id: string): Promise<wire.Order> {
    const order = await this.getOrder.execute(uuidOf(id));
    if (!order) throw new GrpcError(GrpcStatus.NOT_FOUND, `no order ${id}`);
    return wire.toWireOrder(toOrderView(order));
  }

  private async list(request: wire.ListOrdersRequest): Promise<wire.ListOrdersResponse> {
    const query = await validateGrpcRequest(ListOrdersQuery, wire.listOrdersQuery(request));
    const page = await this.answer(() => this.queries.list({ ...query, limit: query.limit ?? 50 }));
    return wire.toWireOrderList(page);
  }

  private async cancel(request: wire.CancelOrderRequest): Promise<wire.Order> {
    const id = uuidOf(request.id);
    const body = await validateGrpcRequest(CancelOrderDto, wire.cancelOrderBody(request));
    const order = await this.answer(() =>
      this.cancellation.cancel({
        orderId: id,
        reason: body.reason,
        cause: body.cause ?? 'customer-request',
        requestedBy: body.requestedBy,
      }),
    );
    return wire.toWireOrder(toOrderView(order));
  }

  /**
   * Streams the order's changes: those so far, then each as it commits, read in sequence so none is skipped or
   * sent twice however the wake-ups interleave.
   */
  private async watch(call: grpc.ServerWritableStream<{ id: string }, wire.OrderStatusChange>): Promise<void> {
    let lastSeq = 0;
    let reading: Promise<void> = Promise.resolve();
    let unsubscribe = (): void => undefined;
    const finish = () => {
      unsubscribe();
      this.openStreams.delete(call);
    };
    const fail = (error: unknown) => {
      finish();
      call.emit('error', toServiceError(this.logger, error));
    };
    const readNew = async () => {
      if (call.cancelled || call.writableEnded) return;
      for (const change of await this.statusFeed.changesAfter(call.request.id, lastSeq)) {
        lastSeq = change.seq;
        call.write(toWireChange(change));
        if (FINAL_STATES.has(change.to)) {
          finish();
          call.end();
          return;
        }
      }
    };
    const wake = () => {
      reading = reading.then(readNew).catch(fail);
    };
    try {
      const id = uuidOf(call.request.id);
      if (!(await this.getOrder.execute(id))) throw new GrpcError(GrpcStatus.NOT_FOUND, `no order ${id}`);
      this.openStreams.add(call as grpc.ServerWritableStream<unknown, unknown>);
      call.on('cancelled', finish);
      call.on('close', finish);
      unsubscribe = this.statusFeed.watch(id, wake);
      wake();
    } catch (error) {
      fail(error);
    }
  }

  /** Maps application errors to gRPC status codes (the same cases REST answers with 400/404/409/422). */
  private async answer<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof OrderNotFoundError) throw new GrpcError(GrpcStatus.NOT_FOUND, error.message);
      if (error instanceof OrderRuleError) {
        throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, `${error.field ?? 'request'}: ${error.message}`);
      }
      if (error instanceof IdempotencyKeyReusedError) throw new GrpcError(GrpcStatus.ALREADY_EXISTS, error.message);
      if (error instanceof CancellationNotAllowedError || error instanceof IllegalTransitionError) {
        throw new GrpcError(GrpcStatus.FAILED_PRECONDITION, error.message);
      }
      if (error instanceof ProblemException && error.getStatus() === 400) {
        throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, String(error.problem.detail));
      }
      throw error;
    }
  }
}

function uuidOf(id: string): string {
  if (!UUID.test(id)) throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, 'id: must be a UUID');
  return id;
}

function toWireChange(change: StatusChangeRow): wire.OrderStatusChange {
  return {
    order_id: change.orderId,
    from: change.from ?? '',
    to: change.to,
    reason: change.reason,
    at: change.at,
    final: FINAL_STATES.has(change.to),
  };
}
