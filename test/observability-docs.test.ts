import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/**
 * The shipped monitoring files stay usable: the alert rules are valid Prometheus rule files, the dashboard is a
 * Grafana dashboard covering what the mission asks for, and both use only metrics docs/metrics.md documents —
 * which in turn documents every metric the code registers.
 */
const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** Metric names of the tables in docs/metrics.md (first column, in backticks). */
const documented = new Set([...read('docs/metrics.md').matchAll(/^\| `(fm_[a-z0-9_]+)` *\|/gm)].map((m) => m[1]!));
/** The metric an expression's series belongs to (histogram series carry a suffix). */
const metricsIn = (expr: string) =>
  [...expr.matchAll(/\bfm_[a-z0-9_]+/g)]
    .map((m) => m[0].replace(/_(bucket|count|sum)$/, ''))
    .filter((name, i, all) => all.indexOf(name) === i);

interface Rule {
  alert?: string;
  expr?: unknown;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('docs/prometheus/alerts.yml', () => {
  const file = parseYaml(read('docs/prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] };
  const rules = file.groups.flatMap((g) => g.rules);

  it('holds named alert rules, each with an expression, a severity and a summary', () => {
    expect(file.groups.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(typeof rule.expr, rule.alert).toBe('string');
      expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('alerts on delayed ERP postings, failed inventory updates, shipment exceptions, backlog and dead letters', () => {
    const exprs = rules.map((r) => String(r.expr));
    expect(exprs.some((e) => e.includes('fm_event_backlog') && e.includes('erp'))).toBe(true);
    expect(exprs.some((e) => e.includes('fm_adapter_sync_failures_total') && e.includes('inventory-updates'))).toBe(
      true,
    );
    expect(exprs.some((e) => e.includes('CARRIER_EXCEPTION') && e.includes('LATE_SHIPMENT'))).toBe(true);
    expect(exprs.some((e) => /max by \(stream, group\) \(fm_event_backlog\)/.test(e))).toBe(true);
    expect(exprs.some((e) => e.includes('fm_dead_letters'))).toBe(true);
  });

  it('uses only documented metrics', () => {
    for (const rule of rules)
      for (const name of metricsIn(String(rule.expr))) expect(documented, `${rule.alert} uses ${name}`).toContain(name);
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  it.skipIf(!promtool)('passes promtool check rules (when promtool is installed)', () => {
    const out = execFileSync('promtool', ['check', 'rules', new URL('docs/prometheus/alerts.yml', root).pathname], {
      encoding: 'utf8',
    });
    expect(out).toContain(`SUCCESS: ${rules.length} rules found`);
  });
});

describe('docs/grafana/fulfillment.json', () => {
  const dashboard = JSON.parse(read('docs/grafana/fulfillment.json')) as {
    uid: string;
    title: string;
    schemaVersion: number;
    panels: {
      id: number;
      type: string;
      title: string;
      gridPos: Record<string, number>;
      targets: { refId: string; expr: string }[];
    }[];
  };

  it('is a Grafana dashboard with a panel for fulfillment latency, inventory accuracy, failed syncs, backlog and replay volumes', () => {
    expect(dashboard).toMatchObject({ uid: 'fulfillment-mesh', title: 'Fulfillment Mesh' });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(30);
    const titles = dashboard.panels.map((p) => p.title.toLowerCase());
    for (const topic of ['fulfillment latency', 'inventory accuracy', 'failed syncs', 'backlog', 'replay volumes']) {
      expect(
        titles.some((t) => t.includes(topic)),
        topic,
      ).toBe(true);
    }
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos, panel.title).toEqual({
        h: expect.any(Number),
        w: expect.any(Number),
        x: expect.any(Number),
        y: expect.any(Number),
      });
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('queries only documented metrics', () => {
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const names = metricsIn(target.expr);
        expect(names.length, `${panel.title} ${target.refId}`).toBeGreaterThan(0);
        for (const name of names) expect(documented, `${panel.title} uses ${name}`).toContain(name);
      }
    }
  });
});

describe('docs/metrics.md', () => {
  it('documents every metric the code registers', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (['node_modules', 'dist', 'test', 'generated'].includes(entry)) return [];
        return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
      });
    const registered = ['packages', 'subgraphs', 'gateway']
      .flatMap((dir) => sources(new URL(dir, root).pathname))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/(?:name:\s*|metric\(\s*)'(fm_[a-z0-9_]+)'/g)].map((m) => m[1]!),
      );
    expect(registered.length).toBeGreaterThan(20);
    for (const name of registered) expect(documented, name).toContain(name);
  });
});
