import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { inSpan, startTracing, trace, type Tracing } from '../src/index.js';

let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

/** A library span (as @apollo/gateway makes them) around a mesh span around another mesh span. */
async function libraryAroundMesh(): Promise<void> {
  await inSpan('gateway request', {}, () =>
    trace.getTracer('some-library').startActiveSpan('library.execute', async (span) => {
      await inSpan('fetch catalog', {}, () => undefined);
      span.end();
    }),
  );
}

describe('tracing scopes', () => {
  it("records no library's own spans by default, and mesh spans inside them keep the mesh parent", async () => {
    const exporter = new InMemorySpanExporter();
    tracing = startTracing({ serviceName: 'scope-test', exporter, env: {} });
    await libraryAroundMesh();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['fetch catalog', 'gateway request']);
    const [fetch, request] = spans;
    expect(fetch!.parentSpanId).toBe(request!.spanContext().spanId);
    expect(fetch!.spanContext().traceId).toBe(request!.spanContext().traceId);
  });

  it('records the library spans FM_TRACE_LIBRARY_SCOPES names, in the same trace', async () => {
    const exporter = new InMemorySpanExporter();
    tracing = startTracing({
      serviceName: 'scope-test',
      exporter,
      env: { FM_TRACE_LIBRARY_SCOPES: 'other, some-library' },
    });
    await libraryAroundMesh();
    const byName = new Map(exporter.getFinishedSpans().map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['fetch catalog', 'gateway request', 'library.execute']);
    expect(byName.get('fetch catalog')!.parentSpanId).toBe(byName.get('library.execute')!.spanContext().spanId);
    expect(byName.get('library.execute')!.parentSpanId).toBe(byName.get('gateway request')!.spanContext().spanId);
  });
});
