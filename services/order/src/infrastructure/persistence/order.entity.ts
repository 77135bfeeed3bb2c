import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryColumn,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Address, Allocation, Contact, Reship } from '../../domain/order';
import type { PendingEdit } from '../../domain/order-edit';

/** bigint columns hold money in minor units; pg returns them as strings. Values stay far below 2^53. */
export const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'customer_id' }) customerId!: string;
  @Column() channel!: string;
  @Column({ length: 3 }) currency!: string;
  @Column() status!: string;
  @Column({ name: 'payment_method' }) paymentMethod!: string;
  @Column({ name: 'ship_complete' }) shipComplete!: boolean;
  @Column('jsonb', { name: 'shipping_address' }) shippingAddress!: Address;
  @Column('jsonb') contact!: Contact;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'placed_by', nullable: true }) placedBy!: string | null;
  @Column('bigint', { transformer: bigintAsNumber }) subtotal!: number;
  @Column('bigint', { name: 'shipping_total', transformer: bigintAsNumber }) shippingTotal!: number;
  @Column('bigint', { name: 'discount_total', transformer: bigintAsNumber }) discountTotal!: number;
  @Column('bigint', { transformer: bigintAsNumber }) total!: number;
  @Column('timestamptz', { name: 'placed_at' }) placedAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
  @Column('text', { name: 'review_reasons', array: true, default: () => "'{}'" }) reviewReasons!: string[];
  @Column('jsonb', { name: 'held_allocations', default: () => "'[]'" }) heldAllocations!: Allocation[];
  @Column('jsonb', { default: () => "'[]'" }) reships!: Reship[];
  @Column('bigint', { name: 'amount_refunded', default: 0, transformer: bigintAsNumber }) amountRefunded!: number;
  @Column('jsonb', { name: 'pending_edit', nullable: true }) pendingEdit!: PendingEdit | null;
  @Column('bigint', { name: 'amount_paid', nullable: true, transformer: bigintAsNumber }) amountPaid!: number | null;
  @Column('text', { name: 'payment_reference', nullable: true }) paymentReference!: string | null;
  @Column('text', { name: 'payment_provider', nullable: true }) paymentProvider!: string | null;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt!: Date | null;
  @OneToMany(() => OrderLineEntity, (line) => line.order, { cascade: true, eager: true }) lines!: OrderLineEntity[];
}

@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId!: string;
  @PrimaryColumn() sku!: string;
  @ManyToOne(() => OrderEntity, (order) => order.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order!: OrderEntity;
  @Column('int') quantity!: number;
  @Column('bigint', { name: 'unit_price', transformer: bigintAsNumber }) unitPrice!: number;
  @Column('bigint', { name: 'line_total', transformer: bigintAsNumber }) lineTotal!: number;
  @Column('int', { default: 0 }) reserved!: number;
  @Column('int', { default: 0 }) backordered!: number;
  @Column('int', { default: 0 }) shipped!: number;
  @Column('int', { default: 0 }) returned!: number;
  @Column('int', { default: 0 }) refunded!: number;
  @Column('int', { default: 0 }) cancelled!: number;
  @Column('timestamptz', { name: 'promised_by', nullable: true }) promisedBy!: Date | null;
}

/** Every transition of every order, oldest first: the order's own part of its timeline. */
@Entity('order_status_changes')
export class OrderStatusChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'order_id' }) orderId!: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus!: string | null;
  @Column({ name: 'to_status' }) toStatus!: string;
  @Column() reason!: string;
  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
}

export const ORDER_ENTITIES = [OrderEntity, OrderLineEntity, OrderStatusChangeEntity];
