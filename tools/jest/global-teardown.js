module.exports = async function globalTeardown() {
  for (const container of globalThis.__OMS_CONTAINERS__ ?? []) await container.stop();
};
