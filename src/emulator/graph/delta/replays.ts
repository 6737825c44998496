import type { EmulatorBehaviour } from '../../config.js';
import type { DeltaItem } from './page.js';
import type { DeltaCursor, PreviousRound, RoundPart } from './token.js';

type Replays = EmulatorBehaviour['graph']['deltaReplays'];

/** Where a part of a round starts when the cursor is in an earlier part. */
const START: DeltaCursor = { pos: null, members: 0 };
const UINT32 = 0x1_0000_0000;

/** Whether rounds started now draw replays (a salt) at all. */
export function replaysOn(replays: Replays): boolean {
  return replays.duplicateProbability > 0 || replays.nextRoundProbability > 0;
}

/**
 * A number in [0, 1) fixed by the round's salt, a label and an entry's position: decisions are a
 * function of the token, so a page asked for again (a client's retry) is the same page.
 */
export function chance(salt: number, label: string, pos: string | number): number {
  const text = `${salt}:${label}:${pos}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // murmur3's finaliser: FNV alone leaves neighbouring positions correlated.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / UINT32;
}

/** Items of one part of a round, from a cursor in that part. */
export type ItemSource = (cursor: DeltaCursor) => Iterable<DeltaItem>;

export interface RoundSources {
  /** The round's own entries. */
  main: ItemSource;
  /** The previous round's entries in their current state, when that round had replays on. */
  previous: { round: PreviousRound; items: ItemSource } | null;
}

function* picked(source: ItemSource, cursor: DeltaCursor, keep: (pos: string | number) => boolean) {
  for (const item of source(cursor)) if (keep(item.pos)) yield item;
}

/**
 * Every item of a round in order: with a salt, first some entries of the previous round again
 * (`replayed`), then the round's own (`main`), then some of those again on pages of their own
 * (`repeated`); without one, only its own. The cursor's part says where a page resumes.
 */
export function* roundItems(
  sources: RoundSources,
  cursor: DeltaCursor,
  salt: number | undefined,
  replays: Replays,
): Generator<DeltaItem> {
  const part = cursor.part ?? 'main';
  const from = (p: RoundPart) => (p === part ? cursor : START);
  if (salt === undefined) {
    if (part === 'main') yield* sources.main(cursor);
    return;
  }
  const { previous } = sources;
  if (part === 'replayed' && previous && replays.nextRoundProbability > 0) {
    const keep = (pos: string | number) =>
      chance(previous.round.salt, 'next', pos) < replays.nextRoundProbability;
    for (const item of picked(previous.items, from('replayed'), keep)) yield { ...item, part: 'replayed' };
  }
  if (part !== 'repeated') yield* sources.main(from('main'));
  if (replays.duplicateProbability > 0) {
    const keep = (pos: string | number) => chance(salt, 'repeat', pos) < replays.duplicateProbability;
    let first = true;
    for (const item of picked(sources.main, from('repeated'), keep)) {
      yield { ...item, part: 'repeated', pageBreak: first };
      first = false;
    }
  }
}
