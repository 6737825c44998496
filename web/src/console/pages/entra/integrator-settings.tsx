import { useState } from 'react';
import {
  MAX_INTERVAL_MINUTES,
  MIN_INTERVAL_MINUTES,
  type IntegratorConfig,
  type IntegratorModule,
  type TenantOverride,
} from '../../../../../src/contracts/api/integrator.js';
import type { FieldErrors } from '../../../lib/form-errors.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { NumberField } from '../../../ui/number-field.js';
import { RadioField } from '../../../ui/radio.js';
import { TextField } from '../../../ui/text-field.js';

/** How each module is named on screen. */
export const MODULE_LABELS: Record<IntegratorModule, string> = {
  tenants: 'Tenants',
  licences: 'Licences',
  users: 'Users',
  agents: 'Agents',
  assets: 'Assets (Intune devices)',
  pricing: 'Subscription pricing (weekly)',
  consumption: 'Consumption billing (Azure usage)',
};

export interface IntegratorSettingsProps {
  config: IntegratorConfig;
  onChange: (config: IntegratorConfig) => void;
  /** The connection's tenants (overrides may name only these). */
  tenantIds: string[];
  /** The modules this kind of connection runs, in catalogue order. */
  available: readonly IntegratorModule[];
  /** Errors by field path (`config.schedule.minutes`), from the contract or the server. */
  errors: FieldErrors;
  readOnly: boolean;
}

function ModuleChoice({
  label,
  modules,
  available,
  onChange,
  isDisabled,
}: {
  label: string;
  modules: IntegratorModule[];
  available: readonly IntegratorModule[];
  onChange: (modules: IntegratorModule[]) => void;
  isDisabled: boolean;
}) {
  return (
    <fieldset className="stack">
      <legend>{label}</legend>
      {available.map((module) => (
        <Checkbox
          key={module}
          isSelected={modules.includes(module)}
          isDisabled={isDisabled}
          onChange={(on) => onChange(available.filter((m) => (m === module ? on : modules.includes(m))))}
        >
          {MODULE_LABELS[module]}
        </Checkbox>
      ))}
    </fieldset>
  );
}

function OverrideRow({
  tenantId,
  override,
  connectionModules,
  available,
  onChange,
  readOnly,
  error,
}: {
  tenantId: string;
  override: TenantOverride | undefined;
  connectionModules: IntegratorModule[];
  available: readonly IntegratorModule[];
  onChange: (override: TenantOverride | undefined) => void;
  readOnly: boolean;
  error: string | undefined;
}) {
  return (
    <fieldset className="stack" aria-label={`Tenant ${tenantId}`}>
      <legend>
        Tenant <span className="code">{tenantId}</span>
      </legend>
      <Checkbox
        isSelected={override !== undefined}
        isDisabled={readOnly}
        onChange={(on) => onChange(on ? { tenantId, enabled: true, modules: connectionModules } : undefined)}
      >
        Choose what runs for this tenant
      </Checkbox>
      {override ? (
        <>
          <Checkbox
            isSelected={override.enabled}
            isDisabled={readOnly}
            onChange={(enabled) => onChange({ ...override, enabled })}
          >
            Run this tenant on the schedule
          </Checkbox>
          <ModuleChoice
            label={`Modules for tenant ${tenantId}`}
            modules={override.modules}
            available={available}
            isDisabled={readOnly}
            onChange={(modules) => onChange({ ...override, modules })}
          />
        </>
      ) : (
        <p className="muted">Runs the connection&apos;s modules.</p>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The integrator's settings: on or off, modules, schedule (every N minutes or a cron), tenants at
 * once, quarantine threshold, and per-tenant overrides (guide 001 "Setting up Multiple integrators").
 */
export function IntegratorSettings({
  config,
  onChange,
  tenantIds,
  available,
  errors,
  readOnly,
}: IntegratorSettingsProps) {
  // The other schedule's value is kept while switching, so switching back loses nothing.
  const [minutes, setMinutes] = useState(config.schedule.kind === 'interval' ? config.schedule.minutes : 60);
  const [expression, setExpression] = useState(
    config.schedule.kind === 'cron' ? config.schedule.expression : '0 */4 * * *',
  );
  const set = (changes: Partial<IntegratorConfig>) => onChange({ ...config, ...changes });
  const overrideOf = (tenantId: string) => config.tenantOverrides.find((o) => o.tenantId === tenantId);
  const setOverride = (tenantId: string, override: TenantOverride | undefined) =>
    set({
      tenantOverrides: [
        ...config.tenantOverrides.filter((o) => o.tenantId !== tenantId),
        ...(override ? [override] : []),
      ],
    });
  const error = (field: string) => errors[`config.${field}`];
  const overrideError = (tenantId: string) => {
    const index = config.tenantOverrides.findIndex((o) => o.tenantId === tenantId);
    return index < 0
      ? undefined
      : (error(`tenantOverrides.${index}.tenantId`) ?? error(`tenantOverrides.${index}.modules`));
  };

  return (
    <div className="stack">
      <Checkbox isSelected={config.enabled} isDisabled={readOnly} onChange={(enabled) => set({ enabled })}>
        Run the integrator on its schedule
      </Checkbox>
      <ModuleChoice
        label="Modules"
        modules={config.modules}
        available={available}
        isDisabled={readOnly}
        onChange={(modules) => set({ modules })}
      />
      {error('modules') ? <p className="field-error">{error('modules')}</p> : null}
      <RadioField
        label="Schedule"
        value={config.schedule.kind}
        isDisabled={readOnly}
        options={[
          { id: 'interval', label: 'Every few minutes' },
          { id: 'cron', label: 'At set times (cron, UTC)' },
        ]}
        onChange={(kind) => set({ schedule: kind === 'interval' ? { kind, minutes } : { kind, expression } })}
      />
      {config.schedule.kind === 'interval' ? (
        <NumberField
          label="Minutes between runs of a tenant"
          description={`${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} (a day). Counted from each tenant's last run.`}
          value={config.schedule.minutes}
          isDisabled={readOnly}
          errorMessage={error('schedule.minutes')}
          onChange={(value) => {
            const whole = Number.isFinite(value) ? value : MIN_INTERVAL_MINUTES;
            setMinutes(whole);
            set({ schedule: { kind: 'interval', minutes: whole } });
          }}
        />
      ) : (
        <TextField
          label="Cron expression"
          description="Five fields, UTC: minute hour day-of-month month day-of-week, e.g. 0 6-18/2 * * MON-FRI"
          value={config.schedule.expression}
          isDisabled={readOnly}
          errorMessage={error('schedule.expression')}
          onChange={(value) => {
            setExpression(value);
            set({ schedule: { kind: 'cron', expression: value } });
          }}
        />
      )}
      <NumberField
        label="Tenants at once"
        description="How many of this connection's tenants the schedule synchronises in parallel (1 to 32)."
        minValue={1}
        maxValue={32}
        value={config.concurrency}
        isDisabled={readOnly}
        errorMessage={error('concurrency')}
        onChange={(concurrency) => set({ concurrency })}
      />
      <NumberField
        label="Quarantine after failures in a row"
        description="A tenant that fails this many runs in a row is left out of the schedule until a manual run succeeds (1 to 20)."
        minValue={1}
        maxValue={20}
        value={config.quarantineAfterFailures}
        isDisabled={readOnly}
        errorMessage={error('quarantineAfterFailures')}
        onChange={(quarantineAfterFailures) => set({ quarantineAfterFailures })}
      />
      <h3>Per-tenant overrides</h3>
      <p className="muted">
        Which modules run for which tenant. A tenant without an override runs the modules above.
      </p>
      {tenantIds.map((tenantId) => (
        <OverrideRow
          key={tenantId}
          tenantId={tenantId}
          override={overrideOf(tenantId)}
          connectionModules={config.modules}
          available={available}
          onChange={(override) => setOverride(tenantId, override)}
          readOnly={readOnly}
          error={overrideError(tenantId)}
        />
      ))}
    </div>
  );
}
