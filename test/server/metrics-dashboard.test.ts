/** docs/grafana-dashboard.json charts only metric names the registry exposes (a renamed metric breaks this test). */
import { readFileSync } from "node:fs";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { metricsText } from "@/lib/server/metrics";

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}

describe("docs/grafana-dashboard.json", () => {
  it("every query names a metric family that /api/metrics exposes", async () => {
    const dashboard = JSON.parse(
      readFileSync(new URL("../../docs/grafana-dashboard.json", import.meta.url), "utf8"),
    ) as Dashboard;
    const exposed = new Set(parsePrometheusTextFormat((await metricsText()).body).map((f) => f.name));
    const used = new Set<string>();
    for (const p of dashboard.panels) {
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets) for (const m of t.expr.matchAll(/\bci_console_[a-z0-9_]+/g)) used.add(m[0]);
    }
    expect(used.size).toBeGreaterThanOrEqual(12);
    for (const name of used) {
      const family = name.replace(/_(bucket|sum|count)$/, "");
      expect(exposed, name).toContain(family);
    }
  });
});
