import 'reflect-metadata';
export * from './topics';
export * from './envelope';
export * from './event-definition';
export * from './common/values';
export * from './registry';
export * from './events';
export * from './order/order-placed.v1';
