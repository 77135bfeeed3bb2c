#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES } from '@oms/contracts';
import { checkInvariants, type ServiceDatabases } from '../invariants/check-invariants';

const USAGE = `usage: npm run invariants -- [--settle <seconds>] [--orders <file of accepted order ids>] [--json]

Reads every service's database (read-only) and reports invariant violations; exits 1 when there is any.
Databases: <SERVICE>_DATABASE_URL (ORDER_DATABASE_URL, INVENTORY_DATABASE_URL, ...), or else
$POSTGRES_URL (default postgres://postgres@127.0.0.1:5432) with the database oms_<service>.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      settle: { type: 'string', default: '30' },
      orders: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const server = (process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const databases = Object.fromEntries(
    SERVICE_NAMES.map((s) => [s, process.env[`${s.toUpperCase()}_DATABASE_URL`] ?? `${server}/oms_${s}`]),
  ) as ServiceDatabases;
  const expectedOrderIds = values.orders
    ? readFileSync(values.orders, 'utf8')
        .split(/\s+/)
        .filter((id) => id.length > 0)
    : undefined;
  const report = await checkInvariants(databases, { settleSeconds: Number(values.settle), expectedOrderIds });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const examined = Object.entries(report.examined)
      .map(([what, n]) => `${n} ${what}`)
      .join(', ');
    console.log(`invariants: examined ${examined} (settled before ${report.settledBefore})`);
    for (const v of report.violations) console.log(`  ${v.invariant}: ${v.subject}: ${v.detail}`);
    console.log(`invariants: ${report.violations.length} violation(s)`);
  }
  return report.violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`invariants: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
