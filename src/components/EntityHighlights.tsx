import { entityColour, highlightPieces, type EntityView, type LegendEntry } from '../core/charts';

/**
 * The classified text with each entity marked in its type's colour; the score shows on hover. Every
 * piece is a React text node: the user's text is never parsed as HTML.
 */
export function EntityHighlights({
  text,
  views,
  legend,
}: {
  text: string;
  views: EntityView[];
  legend: LegendEntry[];
}) {
  const pieces = highlightPieces(text, views);
  return (
    <>
      <ul className="legend" data-testid="entity-legend" aria-label="Entity types">
        {legend.map((l) => (
          <li key={l.type}>
            <span className="swatch" style={{ background: l.colour }} aria-hidden="true" />
            {l.type} <span className="muted">({l.count})</span>
          </li>
        ))}
        {legend.length === 0 ? <li className="muted">No entities found.</li> : null}
      </ul>
      <p className="highlights" data-testid="entities-highlights">
        {pieces.map((p) =>
          p.kind === 'plain' ? (
            <span key={p.start}>{p.text}</span>
          ) : (
            <mark
              key={p.start}
              className="entity"
              style={{ background: `${entityColour(p.type)}55`, borderColor: entityColour(p.type) }}
              title={`${p.type} · score ${p.score.toFixed(3)}`}
              data-type={p.type}
              data-testid="entity-mark"
            >
              {p.text}
            </mark>
          ),
        )}
      </p>
    </>
  );
}
