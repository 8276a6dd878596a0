import autocannon from 'autocannon';

/**
 * The load generator, in its own process so it does not share an event loop with the gateway: autocannon POSTs
 * the storefront query to `url` for `seconds` with `connections` connections and prints its result as JSON.
 */
const [url, body, seconds, connections] = process.argv.slice(2);
if (!url || !body || !seconds || !connections) throw new Error('usage: load.ts <url> <body> <seconds> <connections>');
const result = await autocannon({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
  duration: Number(seconds),
  connections: Number(connections),
});
process.stdout.write(
  `${JSON.stringify({ rps: result.requests.average, total: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, p50: result.latency.p50, p99: result.latency.p99 })}\n`,
);
