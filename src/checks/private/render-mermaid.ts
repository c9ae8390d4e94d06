import { Topology, TopologyMember, isEmpty } from './topology';

/*
 * The failure domains as a Mermaid flowchart, which GitHub, GitLab and most Markdown viewers draw: one box per
 * availability zone with what it holds, what AWS places across zones, and the Kubernetes workloads by how they are
 * spread. Only long-standing flowchart syntax is used (`flowchart TB`, quoted labels, `subgraph id["title"]`,
 * `-->`), and every label is quoted with `"`, `<`, `>`, `#`, backticks and line breaks written as entities, so no
 * construct name can break the diagram.
 */

const MAX_MEMBERS = 12;

/** A label Mermaid reads as text whatever it contains. */
export function mermaidText(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/[\u0000-\u001f\u007f]/g, '');
}

function node(m: TopologyMember): string {
  const text = `"${mermaidText(m.label)}"`;
  switch (m.shape) {
    case 'database':
      return `${m.id}[(${text})]`;
    case 'balancer':
      return `${m.id}([${text}])`;
    default:
      return `${m.id}[${text}]`;
  }
}

function group(id: string, title: string, members: TopologyMember[], indent: string): string[] {
  const shown = members.slice(0, MAX_MEMBERS);
  const lines = [`${indent}subgraph ${id}["${mermaidText(title)}"]`, `${indent}  direction TB`, ...shown.map((m) => `${indent}  ${node(m)}`)];
  if (members.length > shown.length) {
    lines.push(`${indent}  ${id}_more["${mermaidText(`+${members.length - shown.length} more`)}"]`);
  }
  lines.push(`${indent}end`);
  return lines;
}

/** The diagram (without the ```mermaid fence), or `undefined` when the stack has nothing placed in a failure domain. */
export function renderMermaid(t: Topology): string | undefined {
  if (isEmpty(t)) return undefined;
  const drawn = new Set<string>();
  const lines = ['flowchart TB'];
  const add = (id: string, title: string, members: TopologyMember[]) => {
    lines.push(...group(id, title, members, '  '));
    members.slice(0, MAX_MEMBERS).forEach((m) => drawn.add(m.id));
  };
  t.zones.forEach((z, i) => add(`zone${i + 1}`, z.label.startsWith('zone') ? z.label : `zone ${z.label}`, z.members));
  if (t.acrossZones.length > 0) add('across', 'across zones (placed by AWS)', t.acrossZones);
  if (t.kubernetesEntryPoints.length > 0) add('k8s_entry', 'Kubernetes load balancers', t.kubernetesEntryPoints);
  if (t.spreadWorkloads.length > 0) add('k8s_spread', 'Kubernetes: spread over zones', t.spreadWorkloads);
  if (t.unspreadWorkloads.length > 0) add('k8s_unspread', 'Kubernetes: not spread, may share one zone or node', t.unspreadWorkloads);
  for (const e of t.edges) {
    if (drawn.has(e.from) && drawn.has(e.to)) lines.push(`  ${e.from} --> ${e.to}`);
  }
  return lines.join('\n');
}
