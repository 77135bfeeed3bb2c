import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testInfrastructure } from '@oms/platform/testing';
import { Client } from 'pg';

/**
 * The PostgreSQL settings of infra/postgres/production.conf are the ones docker-compose.yml and the CloudNativePG
 * clusters run with (the fault suite reads the file itself), and the real server knows each of them.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function settingsFile(): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of read('infra/postgres/production.conf').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const [name, value] = line.split('=').map((part) => part.trim());
    settings.set(name!, value!);
  }
  return settings;
}

describe('PostgreSQL production settings', () => {
  const settings = settingsFile();

  it('are listed, and every deployment runs with exactly them', () => {
    expect(settings.size).toBeGreaterThan(0);
    const compose = new Map(
      [...read('docker-compose.yml').matchAll(/^\s+- '([a-z_]+)=([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(compose).toEqual(settings);
    const kustomization = read('k8s/base/postgres/kustomization.yaml');
    const cnpg = new Map(
      [...kustomization.slice(kustomization.indexOf('parameters:')).matchAll(/^\s+([a-z_]+): '([^']*)'$/gm)].map(
        (m) => [m[1]!, m[2]!],
      ),
    );
    expect(cnpg).toEqual(settings);
  });

  it('keep durability and name settings the server knows, with values it takes', async () => {
    expect(settings.get('synchronous_commit')).toBe('on');
    expect(settings.has('fsync')).toBe(false);
    expect(settings.has('full_page_writes')).toBe(false);
    const client = new Client({ connectionString: testInfrastructure().postgresAdminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; vartype: string; enumvals: string[] | null }>(
        `SELECT name, vartype, enumvals FROM pg_settings WHERE name = ANY($1)`,
        [[...settings.keys()]],
      );
      expect(rows.map((r) => r.name).sort()).toEqual([...settings.keys()].sort());
      for (const row of rows) {
        if (row.vartype === 'enum') expect(row.enumvals).toContain(settings.get(row.name));
      }
    } finally {
      await client.end();
    }
  });
});
