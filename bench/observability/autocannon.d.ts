// autocannon ships no types; only what load.ts uses.
declare module 'autocannon' {
  interface Stats {
    average: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Stats;
    latency: Stats;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  const autocannon: (options: Record<string, unknown>) => Promise<Result>;
  export default autocannon;
}
