import { formatCount, formatShape } from '@/shared/format';
import type { ModelStructure, NodeSummary } from '@/features/inspect/shared/messages';
import { ScrollCard } from './ScrollCard';

/** Histogram bars are scaled to the most common type. */
function Histogram({ structure }: { structure: ModelStructure }) {
  const top = structure.histogram[0]?.count ?? 1;
  return (
    <ol className="zoo-histogram" data-testid="inspect-histogram">
      {structure.histogram.map(({ type, count }) => (
        <li key={type} data-testid="inspect-histogram-row" data-type={type} data-count={count}>
          <span className="zoo-bar" style={{ width: `${(count / top) * 100}%` }} />
          <span className="mono">{type}</span>
          <span>{count}</span>
        </li>
      ))}
    </ol>
  );
}

function Nodes({ nodes, unit }: { nodes: NodeSummary[]; unit: ModelStructure['unit'] }) {
  return (
    <table className="zoo-table">
      <thead>
        <tr>
          <th>{unit}</th>
          <th>type</th>
          {unit === 'layer' && <th>output</th>}
          {unit === 'layer' && <th>params</th>}
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={n.name} data-testid="inspect-node">
            <td className="mono zoo-name" title={n.name}>
              {n.name}
            </td>
            <td className="mono">{n.type}</td>
            {unit === 'layer' && <td className="mono">{formatShape(n.outputShape)}</td>}
            {unit === 'layer' && <td>{formatCount(n.parameters)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Layers (layers models) or ops (graph models): how many of each type, and both ends of the model. */
export function StructureTable({ structure }: { structure: ModelStructure }) {
  const plural = `${structure.unit}s`;
  return (
    <>
      <div className="zoo-card" data-testid="inspect-structure" data-unit={structure.unit} data-count={structure.count}>
        <h3>
          {structure.count} {plural}
        </h3>
        {structure.constants !== null && <p className="muted">plus {structure.constants} Const nodes holding weights and constants</p>}
        <Histogram structure={structure} />
      </div>
      <ScrollCard
        title={
          <>
            First {structure.first.length} {plural}
          </>
        }
      >
        <Nodes nodes={structure.first} unit={structure.unit} />
        {structure.last.length > 0 && (
          <>
            <h3>
              Last {structure.last.length} {plural}
            </h3>
            <Nodes nodes={structure.last} unit={structure.unit} />
          </>
        )}
      </ScrollCard>
    </>
  );
}
