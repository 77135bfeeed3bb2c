#!/usr/bin/env node
// Creates every platform topic and its .dlq twin (the broker never auto-creates topics).
// KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_PARTITIONS (default 12), KAFKA_TOPIC_PREFIX (default '').
const { createKafkajsClient, ensurePlatformTopics } = require('@oms/platform');

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const partitions = Number(process.env.KAFKA_PARTITIONS ?? 12);
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';

ensurePlatformTopics(createKafkajsClient({ clientId: 'oms-topics', brokers }), prefix, partitions)
  .then((created) => console.error(`topics: ${created.length ? `created ${created.join(', ')}` : 'all present'}`))
  .catch((error) => {
    console.error(`topics: ${error.message}`);
    process.exit(1);
  });
