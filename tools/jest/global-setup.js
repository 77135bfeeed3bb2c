// Gives every test a real Kafka broker and PostgreSQL server:
// - addresses from the environment (KAFKA_BROKERS, TEST_POSTGRES_URL), as scripts/test.sh provides them;
// - else, where Docker is available, containers started here with testcontainers;
// - else the local defaults (127.0.0.1:9092 and :5432), which must answer.
const { execSync } = require('node:child_process');
const net = require('node:net');

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 }, () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function dockerAvailable() {
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

module.exports = async function globalSetup() {
  process.env.OTEL_SDK_DISABLED ??= 'true';
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.KAFKA_BROKERS && process.env.TEST_POSTGRES_URL) return;
  if (!process.env.KAFKA_BROKERS && !process.env.TEST_POSTGRES_URL && dockerAvailable()) {
    const { KafkaContainer } = require('@testcontainers/kafka');
    const { PostgreSqlContainer } = require('@testcontainers/postgresql');
    const [kafka, postgres] = await Promise.all([
      new KafkaContainer('apache/kafka:4.3.1')
        .withKraft()
        .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
        .start(),
      new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
    ]);
    globalThis.__OMS_CONTAINERS__ = [kafka, postgres];
    process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    process.env.TEST_POSTGRES_URL = `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}/postgres`;
    return;
  }
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  process.env.TEST_POSTGRES_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const [kafkaHost, kafkaPort] = process.env.KAFKA_BROKERS.split(',')[0].split(':');
  const pg = new URL(process.env.TEST_POSTGRES_URL);
  const missing = [];
  if (!(await answers(kafkaHost, Number(kafkaPort))))
    missing.push(`Kafka at ${process.env.KAFKA_BROKERS} (scripts/kafka.sh start)`);
  if (!(await answers(pg.hostname, Number(pg.port || 5432))))
    missing.push(`PostgreSQL at ${pg.host} (scripts/postgres.sh ensure)`);
  if (missing.length)
    throw new Error(`tests need a real broker and database; not answering: ${missing.join('; ')}. Run: npm test`);
};
