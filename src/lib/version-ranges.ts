import semver from 'semver';
import type { AffectedEntry, Range, RangeEvent } from '../schemas/advisory.ts';

/** One stretch of affected versions, in plain words. */
export interface AffectedStretch {
  /** e.g. `>= 1.2.0, < 1.4.3`, or `every version before 2.0.1`. */
  affected: string;
  /** The version that fixes this stretch, if any. */
  fixedIn: string | undefined;
}

/** How an affected entry reads: "affected: >= 1.2.0, < 1.4.3; fixed in 1.4.3". */
export interface AffectedSummary {
  stretches: AffectedStretch[];
  /** Explicitly listed versions. */
  versions: string[];
  /** Every fixed version, in order of appearance. */
  fixedIn: string[];
  /** True when some stretch has no fixed version. */
  noFix: boolean;
}

function eventKind(event: RangeEvent): {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  version: string;
} {
  if ('introduced' in event) return { kind: 'introduced', version: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', version: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', version: event.last_affected };
  return { kind: 'limit', version: event.limit };
}

/** Splits a range into stretches that each start at `introduced`. */
export function stretches(range: Range): AffectedStretch[] {
  const result: AffectedStretch[] = [];
  const label = (version: string) => (range.type === 'GIT' ? `commit ${version.slice(0, 12)}` : version);
  let start: string | undefined;
  const close = (end: string | undefined, kind: 'fixed' | 'last_affected' | 'limit' | undefined) => {
    if (start === undefined) return;
    const lower = start === '0' ? undefined : `>= ${label(start)}`;
    const upper =
      end === undefined ? undefined : kind === 'last_affected' ? `<= ${label(end)}` : `< ${label(end)}`;
    const words = [lower, upper].filter(Boolean).join(', ') || 'every version';
    result.push({ affected: words, fixedIn: kind === 'fixed' ? end && label(end) : undefined });
    start = undefined;
  };
  for (const event of range.events) {
    const { kind, version } = eventKind(event);
    if (kind === 'introduced') {
      close(undefined, undefined);
      start = version;
    } else {
      close(version, kind);
    }
  }
  close(undefined, undefined);
  return result;
}

export function summariseAffected(entry: AffectedEntry): AffectedSummary {
  const all = entry.ranges.flatMap(stretches);
  return {
    stretches: all,
    versions: entry.versions,
    fixedIn: all.flatMap((s) => (s.fixedIn ? [s.fixedIn] : [])),
    noFix: all.some((s) => !s.fixedIn),
  };
}

/** One line: "affected: >= 1.2.0, < 1.4.3; >= 2.0.0, < 2.0.1; fixed in 1.4.3 and 2.0.1". */
export function describeAffected(entry: AffectedEntry): string {
  const summary = summariseAffected(entry);
  const affected = [...summary.stretches.map((s) => s.affected), ...summary.versions].join('; ');
  const fixed =
    summary.fixedIn.length === 0
      ? 'no fix yet'
      : `fixed in ${joinWords(summary.fixedIn)}${summary.noFix ? '; no fix yet for the rest' : ''}`;
  return `affected: ${affected || 'no versions listed'}; ${fixed}`;
}

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * What is wrong with the order of a range's events, one message per problem:
 * a range starts with `introduced`, alternates with an end event, and (for SEMVER) only goes up.
 */
export function rangeOrderProblems(
  range: Range,
  options: { imported?: boolean } = {},
): { event: number; message: string }[] {
  const problems: { event: number; message: string }[] = [];
  // Each version parsed once (20,000 advisories' ranges are checked in every build); null where it is not SemVer.
  let previous: { kind: string; version: string; semver: semver.SemVer | null } | undefined;
  range.events.forEach((event, index) => {
    const kind = eventKind(event);
    const current = { ...kind, semver: range.type === 'SEMVER' ? semver.parse(kind.version) : null };
    if (range.type === 'SEMVER' && !(current.kind === 'introduced' && current.version === '0')) {
      if (!current.semver) {
        problems.push({
          event: index,
          message: `"${current.version}" is not a semantic version such as 1.4.3; use type: ECOSYSTEM for other schemes`,
        });
        previous = current;
        return;
      }
    }
    if (!previous && current.kind !== 'introduced') {
      problems.push({ event: index, message: `a range starts with introduced, not ${current.kind}` });
    } else if (
      previous &&
      current.kind !== 'introduced' &&
      previous.kind !== 'introduced' &&
      // Commits have no order: a GIT range lists the fix commit of each branch one after another.
      range.type !== 'GIT'
    ) {
      problems.push({
        event: index,
        message: `${current.kind} follows ${previous.kind}; put an introduced event between them`,
      });
    }
    if (previous && current.semver && (previous.version === '0' || previous.semver)) {
      const after =
        previous.version === '0' || !previous.semver || current.semver.compare(previous.semver) > 0;
      // An imported record may hold an empty stretch (introduced and fixed at one version): valid OSV, kept.
      const sameAllowed =
        previous.kind === 'introduced' &&
        (current.kind === 'last_affected' || options.imported === true) &&
        current.version === previous.version;
      if (!after && !sameAllowed) {
        problems.push({
          event: index,
          message: `${current.kind} ${current.version} is not after ${previous.kind} ${previous.version}; list events in version order`,
        });
      }
    }
    previous = current;
  });
  const kinds = new Set(range.events.map((event) => eventKind(event).kind));
  if (kinds.has('fixed') && kinds.has('last_affected'))
    problems.push({
      event: -1,
      message:
        'mixes fixed and last_affected events, which OSV does not allow in one range; split it into two ranges',
    });
  if (range.type === 'GIT' && !range.repo)
    problems.push({ event: -1, message: 'a GIT range needs repo: the repository URL' });
  return problems;
}
