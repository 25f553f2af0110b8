import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { usePlotArea } from 'recharts';
import { boundaryX, bucketColour, lengthAtX, type AxisGeometry } from '../../core/charts';

export interface BucketHandlesProps {
  buckets: readonly number[];
  first: number;
  last: number;
  /** The model's maximum positions: no handle goes past it. */
  cap: number;
  /** The smallest usable bucket (special tokens plus one token): Home goes here, and no handle below it. */
  minValue: number;
  onMove: (index: number, target: number) => void;
  /** A key moved a handle: the new buckets may be applied (a drag reports its end via onDragChange). */
  onCommit: () => void;
  onRemove: (index: number) => void;
  onDragChange: (dragging: boolean) => void;
}

const KEY_STEP = 1;
const KEY_BIG_STEP = 8;
/** Half the width of a handle's grab strip, in pixels. */
const HIT_HALF_WIDTH = 8;
/** Pointer travel before a press on touching handles decides which one it drags. */
const DECIDE_AFTER_PX = 2;

/** A press in progress: which handle it drags, or, while undecided, the touching handles it could be. */
interface Press {
  index: number | null;
  candidates: number[];
  startX: number;
}

/**
 * Bucket boundaries drawn inside the recharts plot as handles: drag with the mouse (pointer capture,
 * so the drag continues outside the handle), or focus with Tab and use the arrow keys (Shift for 8
 * tokens), Home/End, and Delete to remove. Each is an ARIA slider reporting its token length.
 */
export function BucketHandles({
  buckets,
  first,
  last,
  cap,
  minValue,
  onMove,
  onCommit,
  onRemove,
  onDragChange,
}: BucketHandlesProps) {
  const plot = usePlotArea();
  const press = useRef<Press | null>(null);
  const elements = useRef(new Map<number, SVGGElement>());
  if (!plot || plot.width <= 0) return null;
  const geometry: AxisGeometry = { first, last, plotX: plot.x, plotWidth: plot.width };

  const lengthAtPointer = (e: PointerEvent<SVGGElement>) => {
    const svg = e.currentTarget.ownerSVGElement;
    if (!svg) return null;
    return lengthAtX(e.clientX - svg.getBoundingClientRect().left, geometry);
  };

  const onKeyDown = (index: number, e: KeyboardEvent<SVGGElement>) => {
    const value = buckets[index];
    const step = e.shiftKey ? KEY_BIG_STEP : KEY_STEP;
    let target: number | null = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') target = value + step;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') target = value - step;
    else if (e.key === 'PageUp') target = value + KEY_BIG_STEP;
    else if (e.key === 'PageDown') target = value - KEY_BIG_STEP;
    else if (e.key === 'Home') target = minValue;
    else if (e.key === 'End') target = cap;
    else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onRemove(index);
      return;
    }
    if (target === null) return;
    e.preventDefault();
    onMove(index, target);
    onCommit();
  };

  return (
    <g className="bucket-handles">
      {buckets.map((value, index) => {
        const x = boundaryX(Math.min(value, last), geometry);
        const colour = bucketColour(index);
        // Alternate label heights so the numbers of close handles do not overlap.
        const labelY = plot.y - 8 - (index % 2) * 13;
        return (
          <g
            key={index}
            className="bucket-handle"
            role="slider"
            tabIndex={0}
            aria-label={`Bucket ${index + 1} of ${buckets.length}: items of up to ${value} tokens`}
            aria-valuemin={index > 0 ? buckets[index - 1] + 1 : minValue}
            aria-valuemax={index < buckets.length - 1 ? buckets[index + 1] - 1 : cap}
            aria-valuenow={value}
            aria-valuetext={`${value} tokens`}
            aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Delete"
            data-testid={`bucket-handle-${index}`}
            data-value={value}
            transform={`translate(${x},0)`}
            onKeyDown={(e) => onKeyDown(index, e)}
            ref={(el) => {
              if (el) elements.current.set(index, el);
              else elements.current.delete(index);
            }}
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              e.preventDefault();
              e.currentTarget.setPointerCapture(e.pointerId);
              const svg = e.currentTarget.ownerSVGElement;
              const pointerX = svg
                ? e.clientX - svg.getBoundingClientRect().left
                : boundaryX(Math.min(value, last), geometry);
              // Handles of adjacent lengths overlap: the one drawn last would always win. Keep every handle
              // under the pointer and let the first movement choose (see decide).
              const candidates = buckets
                .map((b, i) => ({ i, x: boundaryX(Math.min(b, last), geometry) }))
                .filter((h) => Math.abs(h.x - pointerX) <= HIT_HALF_WIDTH)
                .map((h) => h.i);
              const all = candidates.includes(index) ? candidates : [...candidates, index].sort((a, b) => a - b);
              press.current = { index: all.length === 1 ? index : null, candidates: all, startX: pointerX };
              elements.current.get(all.length === 1 ? index : all[0]!)?.focus();
              onDragChange(true);
            }}
            onPointerMove={(e) => {
              const current = press.current;
              if (!current) return;
              const target = lengthAtPointer(e);
              if (target === null) return;
              if (current.index === null) {
                const x = boundaryX(target, geometry);
                if (Math.abs(x - current.startX) < DECIDE_AFTER_PX) return;
                current.index = decide(current, x > current.startX);
                elements.current.get(current.index)?.focus();
              }
              if (target !== buckets[current.index]) onMove(current.index, target);
            }}
            onPointerUp={(e) => {
              if (!press.current) return;
              press.current = null;
              e.currentTarget.releasePointerCapture(e.pointerId);
              onDragChange(false);
            }}
            onPointerCancel={() => {
              press.current = null;
              onDragChange(false);
            }}
          >
            <line
              className="handle-line"
              y1={plot.y}
              y2={plot.y + plot.height}
              stroke={colour}
              strokeWidth={2}
              strokeDasharray="4 3"
            />
            {/* A wide transparent strip makes the thin line easy to grab. */}
            <rect
              className="handle-hit"
              x={-8}
              y={plot.y - 30}
              width={16}
              height={plot.height + 30}
              fill="transparent"
            />
            <rect className="handle-grip" x={-6} y={plot.y - 4} width={12} height={16} rx={3} fill={colour} />
            <text className="handle-label" y={labelY} textAnchor="middle" fill={colour}>
              {value > last ? `${value}→` : value}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * Which of several touching handles a drag moves: the one on the side it moves towards (the left one
 * cannot pass the right one anyway), so a drag to the right takes the upper bucket and to the left the
 * lower one.
 */
function decide(press: Press, towardsRight: boolean): number {
  return towardsRight ? press.candidates[press.candidates.length - 1]! : press.candidates[0]!;
}
