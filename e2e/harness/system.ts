import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ALL_TOPICS, type ServiceName } from '@oms/contracts';
import { createTestDatabase, createTestTopics, waitFor } from '@oms/platform/testing';

const ROOT = path.resolve(__dirname, '../..');
/** Every service's output goes to a file here (one folder per system), for a post-mortem of a failed run. */
const LOG_ROOT = process.env.E2E_LOG_DIR ?? path.join(ROOT, '.data/e2e-logs');

export interface RunningService {
  name: ServiceName;
  url: string;
  process: ChildProcess;
  output: () => string;
}

/**
 * Starts services as separate Node processes (each its own database, all on the real broker under one
 * fresh topic prefix) and waits until each reports ready. Tests then use only HTTP and Kafka.
 */
export class System {
  readonly services = new Map<ServiceName, RunningService>();
  private readonly drops: Array<() => Promise<void>> = [];
  private readonly databases = new Map<ServiceName, string>();
  private readonly extraInstances: RunningService[] = [];
  private env: Record<string, string> = {};
  private nodeArgs: (name: ServiceName) => string[] = () => [];
  /** The checkout the services run from (the benchmark compares another revision's). */
  private root = ROOT;
  topicPrefix = '';

  /**
   * `nodeArgs` go to each service's Node (the benchmark's --cpu-prof); `root` is another checkout to run;
   * `partitions` per topic (3 unless said: the tests' topics are many and small).
   */
  static async start(
    names: ServiceName[],
    env: Record<string, string> = {},
    options: { nodeArgs?: (name: ServiceName) => string[]; root?: string; partitions?: number } = {},
  ): Promise<System> {
    const system = new System();
    system.env = env;
    if (options.nodeArgs) system.nodeArgs = options.nodeArgs;
    if (options.root) system.root = options.root;
    system.topicPrefix = await createTestTopics([...ALL_TOPICS], options.partitions ?? 3);
    await Promise.all(names.map((name) => system.startService(name, env)));
    return system;
  }

  /** Kills one service the hard way (SIGKILL: no graceful shutdown, like a crashed pod) and waits for its end. */
  async kill(name: ServiceName): Promise<void> {
    const service = this.services.get(name);
    if (!service || service.process.exitCode !== null || service.process.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      service.process.once('exit', () => resolve());
      service.process.kill('SIGKILL');
    });
  }

  /** Starts a service again on its own database (a restarted pod), with extra settings if given. */
  async restart(name: ServiceName, env: Record<string, string> = {}): Promise<void> {
    await this.kill(name);
    await this.startService(name, { ...this.env, ...env });
  }

  /**
   * Graceful stop of one service (SIGTERM, as Kubernetes does): it finishes its in-flight batch and commits.
   * Returns how it ended and how long it took.
   */
  async terminate(
    name: ServiceName,
    timeoutMs = 20_000,
  ): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; tookMs: number }> {
    const service = this.services.get(name);
    if (!service || service.process.exitCode !== null || service.process.signalCode !== null) {
      return { exitCode: service?.process.exitCode ?? null, signal: service?.process.signalCode ?? null, tookMs: 0 };
    }
    const started = Date.now();
    return new Promise((resolve) => {
      // Past the grace period Kubernetes sends SIGKILL; so does this.
      const timer = setTimeout(() => service.process.kill('SIGKILL'), timeoutMs);
      service.process.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ exitCode: code, signal, tookMs: Date.now() - started });
      });
      service.process.kill('SIGTERM');
    });
  }

  /**
   * Starts one more instance of a running service: same database, same consumer group (a scaled-out
   * deployment), so the group rebalances. Returns a handle to kill it.
   */
  async startInstance(name: ServiceName): Promise<RunningService> {
    const first = this.services.get(name);
    if (!first) throw new Error(`${name} is not running`);
    const extra = await this.launch(name, this.databases.get(name)!, this.env);
    this.extraInstances.push(extra);
    return extra;
  }

  /** Every running instance of a service: the first, then those startInstance() added. */
  instances(name: ServiceName): RunningService[] {
    const first = this.services.get(name);
    return [...(first ? [first] : []), ...this.extraInstances.filter((s) => s.name === name)];
  }

  /** The database a service runs on (to check it from the outside, as ops would). */
  databaseUrl(name: ServiceName): string {
    const url = this.databases.get(name);
    if (!url) throw new Error(`${name} has no database`);
    return url;
  }

  isRunning(name: ServiceName): boolean {
    const service = this.services.get(name);
    return service !== undefined && service.process.exitCode === null && service.process.signalCode === null;
  }

  url(name: ServiceName): string {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.url;
  }

  private async startService(name: ServiceName, extraEnv: Record<string, string>): Promise<void> {
    let databaseUrl = this.databases.get(name);
    if (!databaseUrl) {
      const db = await createTestDatabase(`e2e_${name}`);
      this.drops.push(db.drop);
      this.databases.set(name, db.url);
      databaseUrl = db.url;
    }
    this.services.set(name, await this.launch(name, databaseUrl, extraEnv));
  }

  private async launch(
    name: ServiceName,
    databaseUrl: string,
    extraEnv: Record<string, string>,
  ): Promise<RunningService> {
    const port = await freePort();
    let output = '';
    fs.mkdirSync(path.join(LOG_ROOT, this.topicPrefix), { recursive: true });
    const logFile = fs.createWriteStream(path.join(LOG_ROOT, this.topicPrefix, `${name}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        ...this.nodeArgs(name),
        '--conditions=@oms/source',
        '-r',
        path.join(this.root, 'tools/swc-register.js'),
        path.join(this.root, `services/${name}/src/main.ts`),
      ],
      {
        cwd: this.root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          SERVICE_NAME: name,
          HTTP_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          GRPC_PORT: String(await freePort()),
          GRPC_HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          KAFKA_TOPIC_PREFIX: this.topicPrefix,
          KAFKA_CONSUMER_GROUP: `${name}-${this.topicPrefix}`,
          MIGRATIONS_RUN: 'true',
          OUTBOX_POLL_INTERVAL_MS: '200',
          OTEL_SDK_DISABLED: 'true',
          LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // In memory only the tail (to show why a service would not start); the whole of it in the file.
    const keep = (chunk: Buffer) => {
      logFile.write(chunk);
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => logFile.end());
    const url = `http://127.0.0.1:${port}`;
    const running = { name, url, process: child, output: () => output };
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output.slice(-3000)}`);
        const response = await fetch(`${url}/health/ready`).catch(() => undefined);
        return response?.ok;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: `${name} to be ready` },
    );
    return running;
  }

  /** Graceful stop (SIGTERM): services finish their batches and commit. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.services.values(), ...this.extraInstances].map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.process.exitCode !== null || s.process.signalCode !== null) return resolve();
            const timer = setTimeout(() => s.process.kill('SIGKILL'), 15_000);
            s.process.once('exit', () => (clearTimeout(timer), resolve()));
            s.process.kill('SIGTERM');
          }),
      ),
    );
    // E2E_KEEP_DATABASES=1 leaves them for a post-mortem (psql, npm run invariants).
    if (process.env.E2E_KEEP_DATABASES === '1') {
      console.log(`databases kept: ${JSON.stringify(Object.fromEntries(this.databases))}`);
      return;
    }
    for (const drop of this.drops) await drop().catch(() => undefined);
  }
}

/**
 * Ports for the services this process starts: a range of its own per jest worker, below the kernel's
 * ephemeral range. Asking the kernel for any free port and closing it let two workers get the same port in
 * turn; the second service then failed to bind while its readiness check reached the first one.
 */
const PORTS_PER_WORKER = 900;
let nextPort = 20_000 + Number(process.env.JEST_WORKER_ID ?? 0) * PORTS_PER_WORKER;

async function freePort(): Promise<number> {
  for (;;) {
    const port = nextPort++;
    if (await isFree(port)) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}
