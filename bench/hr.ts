/**
 * `npm run bench -- hr [--persons 20000] [--rules 50] [--change-percent 2] [--converge seeded|enforcement]`
 *
 * Issue 9's figures for HR-driven lifecycle, on a seeded population (bench/support/hr-population.ts):
 * - `evaluateSeconds`: a full rule preview (`previewRuleChange`) over every person between a
 *   published set (all rules but the last five) and the draft (all rules); the median of three
 *   runs after a warm-up (`evaluateColdSeconds`: the first run; `compileSeconds`: compiling both
 *   sets, not included). `evaluateVsBaseline` divides it by a plain loop computing each person's
 *   field view (`personFields`) in the same run.
 * - `requests` for a `--change-percent` change (movers, title changes, leavers, joiners) enforced
 *   by `enforceHrSource` through the Entra target over the app's own Graph client of the emulated
 *   tenant, against `requestsMinimum` from the plan (`requestsMinimumRule`, hr-change.ts).
 *   `requests` counts HTTP requests: a zero-latency emulator rule with `inBatch: false` counts
 *   each `$batch` once and not its items; `graphRoutes` breaks the emulator's counters down by
 *   route, batch items included; `targetCalls` counts the HrTarget's calls (the minimum is one
 *   request per call). The address lookup of J joiners is 2J filtered reads (users and groups,
 *   three candidates per filter), so ⌈J/10⌉ `$batch` requests where the minimum counts one.
 * The estate starts converged by seeding (`convergedBy: "seeded"`, the default): 20k joiners
 * through Graph take ~5 requests each and the emulator hashes each new password (scrypt); 2,000
 * took 70 s here. `--converge enforcement` runs that full enforcement instead and reports
 * `initialSeconds` and `initialRequests`. The store is an in-memory implementation of the
 * 3-method `HrEnforcementStore` port (the app's PGlite store is not measured here).
 */
import { parseArgs } from 'node:util';
import { evaluationContext } from '../src/domain/hr/evaluation-context.js';
import {
  compileRuleSet,
  personFields,
  previewEnforcement,
  previewRuleChange,
} from '../src/domain/hr/index.js';
import type { HrAppliedState } from '../src/contracts/hr/lifecycle.js';
import { enforceHrSource } from '../src/workflows/hr/enforce.js';
import type { EnforcedPerson } from '../src/workflows/hr/ports.js';
import { rssSampler } from './support/entra-estate.js';
import { changePersons, REQUESTS_MINIMUM_RULE, requestsMinimum } from './support/hr-change.js';
import {
  countedTarget,
  enforcedPersons,
  memoryStore,
  seedAccounts,
  seedGroups,
  startHrEstate,
} from './support/hr-estate.js';
import { dynamicGroupNames, generatePersons, generateRules } from './support/hr-population.js';
import { LICENCES } from './support/onboarding-estate.js';

const log = (message: string) => process.stderr.write(`[bench hr] ${message}\n`);
const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;
const EVALUATE_TARGET_SECONDS = 2;
const RATIO_TARGET = 1.1;
/** Rules the draft adds to the published set. */
const DRAFT_ADDS = 5;

function seconds<T>(work: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      persons: { type: 'string', default: '20000' },
      rules: { type: 'string', default: '50' },
      'change-percent': { type: 'string', default: '2' },
      converge: { type: 'string', default: 'seeded' },
    },
  });
  const count = Number(values.persons);
  const ruleCount = Number(values.rules);
  const changePercent = Number(values['change-percent']);
  const today = new Date().toISOString().slice(0, 10);
  const rss = rssSampler();

  log(`generating ${count} persons and ${ruleCount} rules`);
  const persons = generatePersons(count, today);
  const rules = generateRules(
    ruleCount,
    LICENCES.map((l) => l.skuId),
  );
  const compiling = seconds(() => ({
    published: compileRuleSet(rules.slice(0, Math.max(1, ruleCount - DRAFT_ADDS))),
    draft: compileRuleSet(rules),
  }));
  const { published, draft } = compiling.value;
  if (!published.ok || !draft.ok) throw new Error('the generated rules do not compile');

  log('timing the full preview');
  const cold = seconds(() => previewRuleChange(persons, published.ruleSet, draft.ruleSet, today));
  const runs = [0, 1, 2].map(() =>
    seconds(() => previewRuleChange(persons, published.ruleSet, draft.ruleSet, today)),
  );
  const baselineRuns = [0, 1, 2].map(() =>
    seconds(() => {
      let n = 0;
      for (const p of persons) if (personFields(p, today).department !== null) n += 1;
      return n;
    }),
  );
  const evaluateSeconds = median(runs.map((r) => r.seconds));
  const baselineSeconds = median(baselineRuns.map((r) => r.seconds));

  log('starting the emulator and the app');
  const e = await startHrEstate({ seats: count * 2 });
  try {
    const compiled = evaluationContext(e.settings, rules);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const { context } = compiled;
    const staticGroups = rules.flatMap((r) =>
      r.entitlements.flatMap((x) => (x.kind === 'group' ? [x.name] : [])),
    );
    const groupIds = seedGroups(e, [...new Set([...staticGroups, ...dynamicGroupNames()])]);
    const { counters, faults } = e.emu.context;
    // inBatch false: the rule's hits count HTTP requests, a `$batch` once and not its items.
    const http = faults.add({
      service: 'graph',
      tenantId: e.tenantId,
      action: { type: 'latency', ms: 0 },
      inBatch: false,
    });
    const enforce = async (items: EnforcedPerson[], applied: Map<string, HrAppliedState>) => {
      counters.reset();
      const hitsBefore = http.hits;
      const { store, saved } = memoryStore(applied);
      const { target, calls } = countedTarget(e.target);
      const started = performance.now();
      const summary = await enforceHrSource(
        { settings: e.settings, rules, persons: items, today, dryRun: false, trigger: 'source' },
        { target, store, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      );
      return {
        seconds: (performance.now() - started) / 1000,
        requests: http.hits - hitsBefore,
        routes: Object.fromEntries(
          counters.list({ service: 'graph', tenantId: e.tenantId }).map((r) => [r.route, r.count]),
        ),
        targetCalls: calls,
        summary,
        saved,
      };
    };

    let applied: Map<string, HrAppliedState>;
    let initial: Record<string, unknown> = {};
    const seedStarted = performance.now();
    if (values.converge === 'enforcement') {
      log(`converging by enforcement: ${count} joiners`);
      applied = new Map();
      const first = await enforce(enforcedPersons(persons, applied), applied);
      initial = {
        initialSeconds: round(first.seconds),
        initialRequests: first.requests,
        initialGraphRoutes: first.routes,
        initialFailed: first.summary.failed,
      };
    } else {
      log('seeding the converged estate');
      applied = seedAccounts(e, persons, context, groupIds, today);
    }
    const convergeSeconds = (performance.now() - seedStarted) / 1000;
    const converged = previewEnforcement(enforcedPersons(persons, applied), context, today);
    // A seeded estate must be converged; a full enforcement's leftovers are a figure to report.
    if (converged.totalActions > 0 && values.converge !== 'enforcement')
      throw new Error(`the estate is not converged: ${JSON.stringify(converged.counts)}`);
    if (converged.totalActions > 0)
      initial = { ...initial, initialLeft: { persons: converged.persons.length, actions: converged.counts } };

    const change = changePersons(persons, changePercent, today);
    const items = enforcedPersons(change.persons, applied);
    const planned = previewEnforcement(items, context, today);
    const minimum = requestsMinimum(planned);
    log(`enforcing the change (${planned.persons.length} persons, ${planned.totalActions} actions)`);
    const changed = await enforce(items, applied);
    const after = previewEnforcement(enforcedPersons(change.persons, applied), context, today);
    const requests = changed.requests;
    const { summary, saved } = changed;
    return {
      benchmark: 'hr',
      persons: count,
      rules: ruleCount,
      publishedRules: Math.max(1, ruleCount - DRAFT_ADDS),
      evaluateSeconds: round(evaluateSeconds),
      evaluateColdSeconds: round(cold.seconds),
      compileSeconds: round(compiling.seconds, 5),
      evaluateWithinTarget: evaluateSeconds <= EVALUATE_TARGET_SECONDS,
      evaluateBaselineSeconds: round(baselineSeconds, 5),
      evaluateVsBaseline: round(evaluateSeconds / baselineSeconds, 2),
      previewPersonsAffected: cold.value.totals.personsAffected,
      convergedBy: values.converge === 'enforcement' ? 'enforcement' : 'seeded',
      convergeSeconds: round(convergeSeconds),
      ...initial,
      changePercent,
      changedPersons:
        change.mix.departmentChanges + change.mix.titleChanges + change.mix.leavers + change.mix.joiners,
      changeMix: change.mix,
      plannedPersons: planned.persons.length,
      plannedActions: planned.counts,
      requests,
      requestsMinimum: minimum,
      requestsRatio: round(requests / minimum, 3),
      requestsWithinTarget: requests / minimum <= RATIO_TARGET,
      requestsMinimumRule: REQUESTS_MINIMUM_RULE,
      graphRoutes: changed.routes,
      targetCalls: changed.targetCalls,
      tokenRequests: counters.total({ service: 'identity' }),
      enforceSeconds: round(changed.seconds),
      enforced: { ...summary, savedPersons: saved.persons, auditEntries: saved.audit },
      failedPersons: saved.failedPersons.slice(0, 5),
      actionsLeftAfter: after.totalActions,
      peakRssMb: rss.peakMb(),
    };
  } finally {
    rss.stop();
    await e.close();
  }
}
