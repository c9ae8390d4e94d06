import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { MonitoredAlarm } from '../../core/alarms';
import { AlarmSeverity } from '../../core/alarms';
import type { MetricGraph } from '../../core/metrics';
import { physicalName } from '../../core/private/naming';
import type { HealthDashboardProps } from '../health-dashboard';

/*
 * The body of a HealthDashboard, as CloudWatch reads it (AWS docs, "Dashboard Body Structure and Syntax"): a grid 24
 * units wide; at most 500 widgets; an alarm status widget lists at most 100 alarms by ARN; a metric widget lists its
 * metrics as `[namespace, name, dimension, value, ..., { rendering options }]` and needs the region.
 */

/** Widgets per dashboard. */
export const MAX_WIDGETS = 500;
/** Alarms per alarm status widget. */
export const MAX_ALARMS_PER_WIDGET = 100;
/** The grid's width. */
const WIDTH = 24;
/** Graphs per row. */
const GRAPHS_PER_ROW = 3;
const GRAPH_HEIGHT = 6;
/** Dashboard names: 1 to 255 letters, digits, `-` or `_`. */
export const MAX_NAME_LENGTH = 255;

/** A dashboard with every default applied. */
export interface DashboardPlan {
  readonly name: string;
  /** The path of the stack, for the title. */
  readonly stackName: string;
  /** The construct paths whose alarms and graphs are shown; undefined: every one of the stack. */
  readonly constructPaths?: string[];
}

/** Applies the defaults to valid props. */
export function planDashboard(scope: IConstruct, props: HealthDashboardProps): DashboardPlan {
  return {
    name: props.name ?? physicalName(scope, undefined, { maxLength: MAX_NAME_LENGTH }),
    stackName: TerraformStack.of(scope).node.id,
    constructPaths: props.constructs?.map((c) => c.node.path),
  };
}

function shown(plan: DashboardPlan, path: string): boolean {
  return plan.constructPaths === undefined || plan.constructPaths.some((p) => path === p || path.startsWith(`${p}/`));
}

/** The path below the stack, as a section header names it. */
function relative(plan: DashboardPlan, path: string): string {
  const at = path.indexOf(`${plan.stackName}/`);
  return at >= 0 ? path.slice(at + plan.stackName.length + 1) : path;
}

/**
 * The dashboard's widgets, top to bottom: a title, the alarm status of every alarm shown (critical first, 100 per
 * widget), then a header and the graphs of each construct, three graphs a row.
 */
export function dashboardWidgets(
  plan: DashboardPlan,
  alarms: readonly MonitoredAlarm[],
  graphs: readonly MetricGraph[],
  region: string,
  naming: (pathInStack: string) => string = (p) => p,
): any[] {
  const widgets: any[] = [];
  let y = 0;
  widgets.push({
    type: 'text',
    x: 0,
    y,
    width: WIDTH,
    height: 2,
    properties: {
      markdown:
        `# Health of ${plan.stackName}\n` +
        'Alarms first (critical, then warning), then the key metrics of each construct. Rendered by cdktf-fault-tolerance at synth: changes made in the console are lost at the next apply.',
    },
  });
  y += 2;

  const ordered = [
    ...alarms.filter((a) => a.severity === AlarmSeverity.CRITICAL),
    ...alarms.filter((a) => a.severity !== AlarmSeverity.CRITICAL),
  ].filter((a) => shown(plan, a.constructPath));
  for (let i = 0; i < ordered.length; i += MAX_ALARMS_PER_WIDGET) {
    const chunk = ordered.slice(i, i + MAX_ALARMS_PER_WIDGET);
    const height = Math.min(12, 2 + Math.ceil(chunk.length / 4));
    widgets.push({
      type: 'alarm',
      x: 0,
      y,
      width: WIDTH,
      height,
      properties: {
        title: ordered.length > MAX_ALARMS_PER_WIDGET ? `Alarms ${i + 1} to ${i + chunk.length} of ${ordered.length}` : 'Alarms',
        alarms: chunk.map((a) => a.alarm.arn),
      },
    });
    y += height;
  }

  const sections = new Map<string, MetricGraph[]>();
  for (const graph of graphs) {
    if (shown(plan, graph.constructPath) && graph.metrics.length > 0) {
      sections.set(graph.constructPath, [...(sections.get(graph.constructPath) ?? []), graph]);
    }
  }
  const width = WIDTH / GRAPHS_PER_ROW;
  for (const [path, section] of sections) {
    widgets.push({ type: 'text', x: 0, y, width: WIDTH, height: 1, properties: { markdown: `## ${naming(relative(plan, path))}` } });
    y += 1;
    section.forEach((graph, i) => {
      widgets.push({
        type: 'metric',
        x: (i % GRAPHS_PER_ROW) * width,
        y: y + Math.floor(i / GRAPHS_PER_ROW) * GRAPH_HEIGHT,
        width,
        height: GRAPH_HEIGHT,
        properties: {
          title: graph.title,
          view: 'timeSeries',
          stacked: false,
          region,
          period: graph.period?.toSeconds() ?? 60,
          metrics: graph.metrics.map((m) => [
            m.metricNamespace,
            m.metricName,
            ...Object.entries(m.dimensions).flatMap(([name, value]) => [name, value]),
            { stat: m.statistic, label: m.label ?? m.metricName },
          ]),
        },
      });
    });
    y += Math.ceil(section.length / GRAPHS_PER_ROW) * GRAPH_HEIGHT;
  }
  return widgets;
}
