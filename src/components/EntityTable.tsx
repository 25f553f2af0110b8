import type { EntityView } from '../core/charts';

/** Every entity with its type, exact text, score and character offsets. */
export function EntityTable({ views }: { views: EntityView[] }) {
  if (views.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="entities-table">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Text</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Start
            </th>
            <th scope="col" className="num">
              End
            </th>
          </tr>
        </thead>
        <tbody>
          {views.map((v) => (
            <tr key={`${v.start}-${v.end}-${v.type}`} data-testid="entity-row">
              <td data-col="type">{v.type}</td>
              <td data-col="text">{v.text}</td>
              <td data-col="score" className="num">
                {v.score.toFixed(3)}
              </td>
              <td data-col="start" className="num">
                {v.start}
              </td>
              <td data-col="end" className="num">
                {v.end}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
