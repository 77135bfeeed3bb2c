export * from './invariants/check-invariants';
